import NumericKit

/// InvAdam, the DualAdam authors' inverse rule (docs/optimizers.md, docs/theory.md §7):
/// θ ← θ − η·m̂·(√v̂ + ε); reduced SDE with P = √C + ε. DualAdam's iteration at blend r = 1.
public enum InvAdamOptimizer: OptimizerModel {
    public static var name: String { "invadam" }
    public static var help: String { "θ ← θ − η·m̂·(√v̂ + ε) (P = √C + ε)" }
    public static var parameters: [OptimizerParameter] { [.beta1, .beta2, .eps] }
    public static var hasConstantPreconditioner: Bool { false }

    @inlinable public static func withIteration<V: OptimizerIterationVisitor>(learningRate eta: Double, settings s: OptimizerSettings,
                                                                   _ visitor: V) throws -> V.Output {
        try visitor.visit(DualAdamIteration(learningRate: eta, beta1: s.beta1, beta2: s.beta2, epsilon: s.epsilon, schedule: .held(1)))
    }
    @inlinable public static func withPreconditioner<V: PreconditionerVisitor>(settings s: OptimizerSettings, _ visitor: V) throws -> V.Output {
        try visitor.visit(InvAdamPreconditioner(epsilon: s.epsilon))
    }
    public static func describe(_ s: OptimizerSettings, discrete: Bool) -> String { adamMoments(s, discrete: discrete) }
}

extension OptimizerKind {
    public static let invadam = OptimizerKind(InvAdamOptimizer.self)
}
