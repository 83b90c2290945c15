import Dynamics
import Foundation
import Landscapes

/// The escape-time numbers of one reduced SDE between a minimum and the escape point:
/// the exact MFPT (docs/theory.md §3), ΔΦ by quadrature and generalized Kramers (§4) — the
/// core that ``Prediction``, the DualAdam hazard and the both-wells table share.
struct EscapeTimes {
    let exact: ExactMFPT
    /// ΔΦ = Φ(saddle) − Φ(minimum).
    let effectiveBarrier: Double
    /// Generalized Kramers for passing well beyond the saddle (not halved).
    let kramers: KramersTime
    let diffusivityAtMinimum: Double
    let diffusivityAtSaddle: Double
    let preconditionerAtMinimum: Double
    let preconditionerAtSaddle: Double

    init<L, N, P>(_ sde: ReducedSDE<L, N, P>, _ g: EscapeGeometry) throws {
        let a = g.start, b = g.saddle, c = g.nextMinimum
        // Dips of D (a small noise floor) are nodes too: DiffusivityDips says why.
        let dips = try DiffusivityDips.locate(sde, from: g.pathSpan.from, to: g.pathSpan.to)
        let breakpoints = Array(Set(sde.breakpoints + DiffusivityDips.nodes(around: dips, scale: (g.target - a.x) / 8, of: sde))).sorted()
        exact = try ExactMFPT(sde: sde, from: a.x, to: g.target, breakpoints: breakpoints,
                              criticalPoints: [a.x, b.x, c.x])
        effectiveBarrier = try EffectivePotential(
            sde: sde, nodes: [a.x] + breakpoints.filter { $0 > a.x && $0 < b.x } + [b.x]).values.last!
        diffusivityAtMinimum = sde.diffusivity(a.x)
        diffusivityAtSaddle = sde.diffusivity(b.x)
        preconditionerAtMinimum = sde.preconditioning(a.x)
        preconditionerAtSaddle = sde.preconditioning(b.x)
        kramers = KramersTime(effectiveBarrier: effectiveBarrier, diffusivityAtMinimum: diffusivityAtMinimum,
                              diffusivityAtSaddle: diffusivityAtSaddle,
                              rateAtMinimum: sde.relaxationRate(at: a.x), rateAtSaddle: sde.relaxationRate(at: b.x))
    }
}
