import NumericKit

/// Adam (docs/optimizers.md): bias-corrected moments m̂, v̂ and θ ← θ − η·m̂/(√v̂ + ε); reduced
/// SDE with P = 1/(√C + ε) (β1 = 0, v̂ = C: docs/theory.md §1).
public enum AdamOptimizer: OptimizerModel {
    public static var name: String { "adam" }
    public static var help: String { "θ ← θ − η·m̂/(√v̂ + ε) (P = 1/(√C + ε))" }
    public static var parameters: [OptimizerParameter] { [.beta1, .beta2, .eps] }
    public static var hasConstantPreconditioner: Bool { false }

    @inlinable public static func withIteration<V: OptimizerIterationVisitor>(learningRate eta: Double, settings s: OptimizerSettings,
                                                                   _ visitor: V) throws -> V.Output {
        try visitor.visit(AdamIteration(learningRate: eta, beta1: s.beta1, beta2: s.beta2, epsilon: s.epsilon))
    }
    @inlinable public static func withPreconditioner<V: PreconditionerVisitor>(settings s: OptimizerSettings, _ visitor: V) throws -> V.Output {
        try visitor.visit(AdamPreconditioner(epsilon: s.epsilon))
    }
    public static func describe(_ s: OptimizerSettings, discrete: Bool) -> String { adamMoments(s, discrete: discrete) }
}

/// " β1=… β2=… ε=…" (β's for the discrete iteration only).
func adamMoments(_ s: OptimizerSettings, discrete: Bool) -> String {
    (discrete ? " β1=\(Validate.format(s.beta1)) β2=\(Validate.format(s.beta2))" : "") + " ε=\(Validate.format(s.epsilon))"
}

extension OptimizerKind {
    public static let adam = OptimizerKind(AdamOptimizer.self)
}
