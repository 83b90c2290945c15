import Landscapes
import NumericKit

/// A discrete optimizer in one dimension: the real update rule with its state, fed
/// stochastic gradients g = L′(θ) + ξ, ξ ~ N(0, C(θ)) (docs/theory.md §1).
public protocol OptimizerIteration1D: Sendable {
    /// Returns to the state before the first step (step counter, moments).
    mutating func reset()
    /// One optimizer step from θ, given the stochastic gradient g.
    mutating func step(_ theta: Double, gradient g: Double) -> Double
    /// The command-line name.
    var name: String { get }
}

/// Plain SGD: θ ← θ − η·g.
public struct SGDIteration: OptimizerIteration1D {
    public let learningRate: Double
    public init(learningRate: Double) { self.learningRate = learningRate }
    @inlinable public mutating func reset() {}
    @inlinable public mutating func step(_ theta: Double, gradient g: Double) -> Double {
        theta - learningRate * g
    }
    public var name: String { "sgd" }
}

/// An optimizer iteration on a landscape with gradient noise: draws ξ and steps.
public struct NoisyIteration<L: Landscape1D, N: GradientNoise1D, O: OptimizerIteration1D>: Sendable {
    public let landscape: L
    public let noise: N
    public var optimizer: O

    public init(landscape: L, noise: N, optimizer: O) {
        self.landscape = landscape; self.noise = noise; self.optimizer = optimizer
    }

    /// θ_{k+1} = step(θ_k, L′(θ_k) + √C(θ_k)·z).
    @inlinable
    public mutating func advance(_ theta: Double, normal z: Double) -> Double {
        let g = landscape.derivative(theta) + noise.variance(at: theta).squareRoot() * z
        return optimizer.step(theta, gradient: g)
    }
}

extension EscapeProblem {
    /// Builds the problem's discrete optimizer iteration and hands it to `visitor`.
    @inlinable
    public func withIteration<V: OptimizerIterationVisitor>(_ visitor: V) throws -> V.Output {
        try optimizer.withIteration(learningRate: learningRate, settings: settings, visitor)
    }
}

/// Receives a preconditioner as a concrete type.
public protocol PreconditionerVisitor {
    associatedtype Output
    func visit<P: Preconditioner1D>(_ preconditioner: P) throws -> Output
}

/// Receives the problem's optimizer iteration as a concrete type.
public protocol OptimizerIterationVisitor {
    associatedtype Output
    func visit<O: OptimizerIteration1D>(_ iteration: O) throws -> Output
}
