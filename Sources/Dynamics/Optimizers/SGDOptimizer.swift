import NumericKit

/// Plain SGD (docs/optimizers.md): θ ← θ − η·g; reduced SDE with P = 1 — Euler–Maruyama at
/// dt = η *is* the discrete iteration (docs/theory.md §1).
public enum SGDOptimizer: OptimizerModel {
    public static var name: String { "sgd" }
    public static var help: String { "θ ← θ − η·g (P = 1)" }
    public static var parameters: [OptimizerParameter] { [] }
    public static var hasConstantPreconditioner: Bool { true }

    @inlinable public static func withIteration<V: OptimizerIterationVisitor>(learningRate eta: Double, settings: OptimizerSettings,
                                                                   _ visitor: V) throws -> V.Output {
        try visitor.visit(SGDIteration(learningRate: eta))
    }
    @inlinable public static func withPreconditioner<V: PreconditionerVisitor>(settings: OptimizerSettings, _ visitor: V) throws -> V.Output {
        try visitor.visit(SGDPreconditioner())
    }
    public static func describe(_ settings: OptimizerSettings, discrete: Bool) -> String { "" }
}

extension OptimizerKind {
    public static let sgd = OptimizerKind(SGDOptimizer.self)
}
