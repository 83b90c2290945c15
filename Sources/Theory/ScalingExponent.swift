import Dynamics
import Foundation
import Landscapes

/// The escape-time scaling law of docs/theory.md §0/§4 for a preconditioner P = κ·C^α and noise
/// C = H/B near the critical points:
///
///     ln τ ≈ ΔΦ = (2B^p·ΔL/(κη))·[s/H_a^p + (1 − s)/|H_b|^p],     p = 1 + α,
///
/// p = 1 for SGD (Xie, Sato & Sugiyama, ICLR 2021) and momentum (with κ = 1/(1 − β)),
/// 1/2 for Adam (Xie et al., ICML 2022), 3/2 for InvAdam [derived]. s = (L(c) − L(a))/ΔL
/// with c the point where L″ changes sign; the bracket is exact where C is frozen piecewise
/// (`frozen` noise, or `hessian` with δ = 0 on a landscape with piecewise-constant L″).
public struct ScalingExponent: Sendable, Equatable, Codable {
    /// p = 1 + α.
    public let p: Double
    /// s, when the frozen two-piece model applies.
    public let s: Double?
    /// ΔΦ from the formula above, when the frozen model applies (to compare with the
    /// quadrature's `effectiveBarrier`).
    public let formulaBarrier: Double?

    /// nil unless the noise is curvature-proportional (C = |H|/B at the critical points:
    /// ``NoiseModel/curvatureBatch``, `hessian` and `frozen`) and P is a power of C.
    init?<L, N, P>(_ sde: ReducedSDE<L, N, P>, noise: NoiseSpec, geometry g: EscapeGeometry) {
        guard let law = sde.preconditioner.powerLaw, let batch = noise.model.curvatureBatch else { return nil }
        let frozen = noise.model.isFrozen(on: sde.landscape)
        p = 1 + law.index
        let a = g.start, b = g.saddle
        guard frozen, let c = sde.landscape.curvatureSignChanges.first(where: { $0 > a.x && $0 < b.x }) else {
            s = nil; formulaBarrier = nil; return
        }
        let barrier = g.barrier
        let share = (sde.landscape.value(c) - a.value) / barrier
        s = share
        formulaBarrier = 2 * pow(batch, p) * barrier / (law.coefficient * sde.learningRate)
            * (share / pow(a.curvature, p) + (1 - share) / pow(abs(b.curvature), p))
    }
}
