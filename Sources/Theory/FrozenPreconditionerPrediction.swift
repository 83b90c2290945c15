import Dynamics
import Foundation

/// The escape time of a discrete Adam-type rule whose second moment remembers much longer
/// than the escape takes. v̂ averages g² over ≈ 1/(1 − β2) steps (1000 at the default
/// β2 = 0.999); when that exceeds the relaxation time 1/(η·P_a·H_a), v̂ — and so P — keeps
/// its basin value C_a while the walker crosses the barrier, instead of following C(θ) as
/// the reduced SDE of docs/theory.md §0 assumes. The prediction for that limit is the exact MFPT
/// (§3) of the SDE with the constant P ≡ P(C_a) [derived]: with C frozen piecewise,
/// ΔΦ = (2/(η·P_a))·∫ L′/C.
public struct FrozenPreconditionerPrediction: Sendable, Equatable, Codable {
    /// P(C_a).
    public let preconditioner: Double
    /// 1/(1 − β2): the memory of v̂ in steps.
    public let memorySteps: Double
    public let exactTime: Double?
    public let exactSteps: Double?
    public let effectiveBarrier: Double

    init<L, N, P>(_ sde: ReducedSDE<L, N, P>, geometry g: EscapeGeometry, settings: OptimizerSettings) throws {
        let p = sde.preconditioning(g.start.x)
        let frozen = ReducedSDE(landscape: sde.landscape, noise: sde.noise, preconditioner: ConstantPreconditioner(p),
                                learningRate: sde.learningRate)
        let times = try EscapeTimes(frozen, g)
        preconditioner = p
        memorySteps = 1 / (1 - settings.beta2)
        exactTime = times.exact.time
        exactSteps = exactTime.map { $0 / sde.learningRate }
        effectiveBarrier = times.effectiveBarrier
    }
}
