import NumericKit

/// Heavy-ball momentum (docs/optimizers.md; PyTorch SGD with momentum): m ← β·m + g,
/// θ ← θ − η·m. Its SDE model is the
/// underdamped Langevin equation with mass η and friction 1 − β (docs/theory.md §7), whose
/// overdamped limit is SGD with P = 1/(1 − β).
public enum MomentumOptimizer: OptimizerModel {
    public static var name: String { "momentum" }
    public static var help: String { "heavy ball m ← β·m + g, θ ← θ − η·m (underdamped SDE; overdamped P = 1/(1 − β))" }
    public static var parameters: [OptimizerParameter] { [.momentum] }
    public static var dynamics: OptimizerDynamics { .underdamped }
    public static var hasConstantPreconditioner: Bool { true }

    @inlinable public static func withIteration<V: OptimizerIterationVisitor>(learningRate eta: Double, settings s: OptimizerSettings,
                                                                   _ visitor: V) throws -> V.Output {
        try visitor.visit(HeavyBallIteration(learningRate: eta, beta: s.momentum))
    }
    @inlinable public static func withPreconditioner<V: PreconditionerVisitor>(settings s: OptimizerSettings, _ visitor: V) throws -> V.Output {
        try visitor.visit(ConstantPreconditioner(1 / (1 - s.momentum)))
    }
    public static func describe(_ s: OptimizerSettings, discrete: Bool) -> String { " β=\(Validate.format(s.momentum))" }
}

extension OptimizerKind {
    public static let momentum = OptimizerKind(MomentumOptimizer.self)
}
