import NumericKit

/// DualAdam (docs/optimizers.md, docs/theory.md §7): the blend P_r = (1 − r)·P_Adam + r·P_Inv
/// with r = max(0, 1 − t·ξ) annealed from InvAdam to Adam — scheduled, so it has no autonomous
/// reduced SDE and is predicted by the quasi-static hazard; with `--blend R` the blend is held
/// at R (no schedule) and its reduced SDE is the frozen-r one.
public enum DualAdamOptimizer: OptimizerModel {
    public static var name: String { "dualadam" }
    public static var help: String { "blend of InvAdam and Adam, r = max(0, 1 − t·ξ), or held at --blend R" }
    public static var parameters: [OptimizerParameter] { [.beta1, .beta2, .eps, .blend, .switchRate] }
    public static var hasConstantPreconditioner: Bool { false }
    public static func isScheduled(_ s: OptimizerSettings) -> Bool { s.blend == nil }

    public static func validate(_ s: OptimizerSettings, given: Set<OptimizerParameter>,
                                model: DynamicsModel) throws(InvalidParameter) {
        if given.contains(.blend) && given.contains(.switchRate) {
            throw InvalidParameter("switch-rate", given: Validate.format(s.switchRate), allowed: "only with dualadam's schedule, not with a held --blend")
        }
        if case .sde = model, s.blend == nil {
            throw InvalidParameter("blend", given: "none with --optimizer dualadam --model sde",
                                   allowed: "a frozen blend r in [0, 1] (--blend R): the reduced SDE is DualAdam at fixed r; the scheduled optimizer is --model discrete, predicted by the quasi-static hazard")
        }
    }

    @inlinable public static func withIteration<V: OptimizerIterationVisitor>(learningRate eta: Double, settings s: OptimizerSettings,
                                                                   _ visitor: V) throws -> V.Output {
        let schedule: DualAdamIteration.BlendSchedule = s.blend.map { .held($0) } ?? .annealed(switchRate: s.switchRate)
        return try visitor.visit(DualAdamIteration(learningRate: eta, beta1: s.beta1, beta2: s.beta2, epsilon: s.epsilon,
                                                   schedule: schedule))
    }
    /// The held blend's P_r; scheduled: r = 0, the dynamics after the switch.
    @inlinable public static func withPreconditioner<V: PreconditionerVisitor>(settings s: OptimizerSettings, _ visitor: V) throws -> V.Output {
        try visitor.visit(BlendPreconditioner(blend: s.blend ?? 0, epsilon: s.epsilon))
    }
    public static func describe(_ s: OptimizerSettings, discrete: Bool) -> String {
        adamMoments(s, discrete: discrete) + (s.blend.map { " r=\(Validate.format($0)) (held)" } ?? " ξ=\(Validate.format(s.switchRate))")
    }
}

extension OptimizerKind {
    public static let dualadam = OptimizerKind(DualAdamOptimizer.self)
}
