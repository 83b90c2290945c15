/// Heavy-ball momentum SGD (Polyak 1964; PyTorch's `SGD(momentum=β)` with dampening 0):
///
///     m ← β·m + g,    θ ← θ − η·m,      m₀ = 0.
///
/// Its SDE is the underdamped ``UnderdampedLangevin`` (mass η, friction 1 − β); on times
/// ≫ η/(1 − β) it is SGD with learning rate η/(1 − β) (docs/theory.md §7).
public struct HeavyBallIteration: OptimizerIteration1D {
    public let learningRate: Double
    public let beta: Double
    /// The momentum buffer m.
    public var momentum = 0.0

    public init(learningRate: Double, beta: Double) { self.learningRate = learningRate; self.beta = beta }

    @inlinable public mutating func reset() { momentum = 0 }

    @inlinable public mutating func direction(gradient g: Double) -> Double {
        momentum = beta * momentum + g
        return momentum
    }

    public var name: String { "momentum" }
}
