import NumericKit

/// RMSprop (Tieleman & Hinton 2012, lecture 6e; PyTorch's `torch.optim.RMSprop` at its
/// defaults: no momentum, not centred, no bias correction):
///
///     v ← α·v + (1 − α)·g²,    θ ← θ − η·g/(√v + ε),    v₀ = 0,
///
/// i.e. Adam's preconditioner without the first moment (β1 = 0) and without bias correction;
/// α is given as `--beta2` (the second-moment decay, as in Adam), default 0.99 as PyTorch's.
/// Its reduced SDE is Adam's (docs/theory.md §1): β1 = 0 already, and v → C(θ) locally, so
/// P = 1/(√C + ε). Without bias correction the first steps are longer by 1/√(1 − αᵗ) (×10 at
/// t = 1 for α = 0.99) — a transient of the real rule that the SDE does not have
/// (docs/optimizers.md).
public enum RMSpropOptimizer: OptimizerModel {
    public static var name: String { "rmsprop" }
    public static var help: String { "θ ← θ − η·g/(√v + ε), v ← α·v + (1 − α)·g², α = --beta2 (P = 1/(√C + ε))" }
    public static var parameters: [OptimizerParameter] { [.beta2, .eps] }
    public static var defaults: OptimizerSettings { OptimizerSettings(beta2: 0.99) }
    public static var hasConstantPreconditioner: Bool { false }

    @inlinable public static func withIteration<V: OptimizerIterationVisitor>(learningRate eta: Double, settings s: OptimizerSettings,
                                                                   _ visitor: V) throws -> V.Output {
        try visitor.visit(RMSpropIteration(learningRate: eta, alpha: s.beta2, epsilon: s.epsilon))
    }
    @inlinable public static func withPreconditioner<V: PreconditionerVisitor>(settings s: OptimizerSettings, _ visitor: V) throws -> V.Output {
        try visitor.visit(AdamPreconditioner(epsilon: s.epsilon))
    }
    public static func describe(_ s: OptimizerSettings, discrete: Bool) -> String {
        (discrete ? " α=\(Validate.format(s.beta2))" : "") + " ε=\(Validate.format(s.epsilon))"
    }
}

/// RMSprop's update rule with its state v (``RMSpropOptimizer``).
public struct RMSpropIteration: OptimizerIteration1D {
    public let learningRate: Double
    public let alpha: Double
    public let epsilon: Double
    public var v = 0.0

    public init(learningRate: Double, alpha: Double, epsilon: Double) {
        self.learningRate = learningRate; self.alpha = alpha; self.epsilon = epsilon
    }

    @inlinable public mutating func reset() { v = 0 }

    @inlinable public mutating func direction(gradient g: Double) -> Double {
        v = alpha * v + (1 - alpha) * g * g
        return g / (v.squareRoot() + epsilon)
    }

    public var name: String { "rmsprop" }
}

extension OptimizerKind {
    public static let rmsprop = OptimizerKind(RMSpropOptimizer.self)
}
