/// The preconditioner P of an optimizer's reduced SDE, as a function of the local
/// gradient-noise variance C (THEORY.md §0): drift −P·L′, diffusion D = (η/2)·P²·C.
public protocol Preconditioner1D: Sendable {
    /// P(C).
    func factor(variance c: Double) -> Double
    /// dP/dC.
    func factorSlope(variance c: Double) -> Double
    /// The optimizer's name on the command line.
    var name: String { get }
}

/// SGD: P = 1.
public struct SGDPreconditioner: Preconditioner1D {
    public init() {}
    @inlinable public func factor(variance c: Double) -> Double { 1 }
    @inlinable public func factorSlope(variance c: Double) -> Double { 0 }
    public var name: String { "sgd" }
}
