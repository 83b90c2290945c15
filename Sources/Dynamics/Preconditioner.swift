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

/// Adam's reduced SDE (ε → ε, β1 = 0, β2 → 1; THEORY.md §0, §1): v̂ ≈ E[g²] ≈ C near
/// critical points, so P = 1/(√C + ε) and D = (η/2)·C/(√C + ε)² ≈ η/2.
/// dP/dC = −1/(2√C·(√C + ε)²).
public struct AdamPreconditioner: Preconditioner1D {
    public let epsilon: Double
    public init(epsilon: Double) { self.epsilon = epsilon }
    @inlinable public func factor(variance c: Double) -> Double { 1 / (c.squareRoot() + epsilon) }
    @inlinable public func factorSlope(variance c: Double) -> Double {
        let r = c.squareRoot(), n = r + epsilon
        return -1 / (2 * r * n * n)
    }
    public var name: String { "adam" }
}

/// InvAdam's reduced SDE (the DualAdam paper's m̂·(√v̂ + ε); THEORY.md §0, §7):
/// P = √C + ε, D = (η/2)·C·(√C + ε)² ≈ ηC²/2. dP/dC = 1/(2√C).
public struct InvAdamPreconditioner: Preconditioner1D {
    public let epsilon: Double
    public init(epsilon: Double) { self.epsilon = epsilon }
    @inlinable public func factor(variance c: Double) -> Double { c.squareRoot() + epsilon }
    @inlinable public func factorSlope(variance c: Double) -> Double { 1 / (2 * c.squareRoot()) }
    public var name: String { "invadam" }
}
