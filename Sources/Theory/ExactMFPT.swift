import Dynamics
import Foundation
import NumericKit

/// The exact mean first-passage time of a 1-D Itô diffusion dX = μ dt + √(2D) dW from x₀
/// to y > x₀, reflecting at −∞ (docs/theory.md §3; Gardiner, Handbook of Stochastic Methods, §5.2.7):
///
///     T(x₀ → y) = ∫_{x₀}^{y} dz e^{Φ(z)} ∫_{−∞}^{z} dw e^{−Φ(w)} / D(w),
///
/// the solution of μT′ + DT″ = −1 with T(y) = 0 and T′(−∞) = 0. It holds for any
/// state-dependent μ and D, including the piecewise `frozen` and `hessian`-on-`pq` noises.
///
/// Evaluation: the lower limit −∞ is replaced by the first l (doubling away from x₀) with
/// Φ(l) − Φ(x₀) ≥ 50, which drops a relative e^{−50}; both integrals run in log space
/// (Φ shifted by its minimum inside, by its maximum on [x₀, y] outside) so that barriers
/// of ΔΦ ≈ 700 neither overflow nor underflow; the inner integral is accumulated cell by
/// cell on a table of `cells` + breakpoints nodes, and every quadrature splits at the
/// breakpoints of μ and D.
public struct ExactMFPT: Sendable, Equatable {
    /// ln T.
    public let logTime: Double
    /// An estimate of the relative quadrature error of T.
    public let relativeError: Double
    /// The lower limit that replaced −∞.
    public let lowerLimit: Double
    /// The inner integral I(z) = ∫_l^z e^{−Φ}/D (up to a constant factor) at the nodes up to the
    /// start: the stationary weight behind the walker, for ``weightFraction(below:)``.
    let weightNodes: [Double]
    let weightBehind: [Double]
    /// T, or nil if it overflows a Double (ln T > 709).
    public var time: Double? { logTime < 709 ? exp(logTime) : nil }

    public static let lowerCutoffBarrier = 50.0

    public init<S: ScalarSDE>(sde: S, from x0: Double, to y: Double, breakpoints: [Double],
                              criticalPoints: [Double] = [], cells: Int = 400) throws {
        precondition(y > x0, "the target must lie to the right of the start")
        let quadrature = Quadrature()
        let slope = { (x: Double) in EffectivePotential<S>.slope(sde, x) }
        // 1. The reflecting wall: far enough left that e^{−Φ} is negligible.
        var width = y - x0
        var lower = x0 - width
        var rise = try quadrature.integrate(from: x0, to: lower, breakpoints: breakpoints, slope).value
        var doublings = 0
        while !(rise >= Self.lowerCutoffBarrier) {
            doublings += 1
            guard doublings < 60, rise.isFinite else {
                throw InvalidParameter("landscape", given: "an effective potential Φ that does not rise to the left of the start (rise \(rise) by x = \(lower))",
                                       allowed: "Φ(x) → ∞ as x → −∞ (a confining left wall); Φ is nearly flat when the noise or the learning rate is extreme")
            }
            width *= 2
            lower = x0 - width
            rise = try quadrature.integrate(from: x0, to: lower, breakpoints: breakpoints, slope).value
        }
        lowerLimit = lower
        // 2. The table of nodes: uniform cells plus every breakpoint and critical point.
        var nodes = (0...cells).map { lower + (y - lower) * Double($0) / Double(cells) }
        nodes += (breakpoints + criticalPoints + [x0]).filter { $0 > lower && $0 < y }
        nodes = Array(Set(nodes)).sorted()
        let phi = try EffectivePotential(sde: sde, nodes: nodes)
        let minimum = phi.values.min()!
        let startIndex = nodes.firstIndex(of: x0)!
        let maximum = phi.values[startIndex...].max()!
        // 3. Inner integral I(z) = ∫_l^z e^{−(Φ−Φmin)}/D, tabulated at the nodes.
        let inner = Quadrature()
        let weight = { (w: Double) throws -> Double in exp(-(try phi(w) - minimum)) / phi.diffusivity(w) }
        var table = [0.0]
        var innerError = 0.0
        for k in 1..<nodes.count {
            let piece = try inner.integrate(from: nodes[k - 1], to: nodes[k], relativeTolerance: 1e-11, weight)
            table.append(table[k - 1] + piece.value)
            innerError += piece.estimatedError
        }
        // 4. Outer integral ∫_{x0}^{y} e^{Φ(z)−Φmax} I(z) dz. Its integrand is a peak of width
        //    ~ ΔΦ^{−1/2} at Φ's maximum: with ΔΦ ≳ 10⁴ the quadrature's first nodes miss it
        //    (it returned 0, hence ln τ = −∞), so above ΔΦ = 200 the peak is split
        //    geometrically on both sides, down to a few peak widths. (Below, the split would
        //    only add breakpoints: on rough landscapes they cost QAGP its accuracy.)
        let peak = nodes[phi.values[startIndex...].indices.max { phi.values[$0] < phi.values[$1] }!]
        let depth = maximum - minimum > 200 ? Int(log2(maximum - minimum)) + 4 : 0
        let zoom = depth == 0 ? [] : [peak] + (1...depth).flatMap { k -> [Double] in
            let h = (y - x0) * exp2(-Double(k))
            return [peak - h, peak + h]
        }
        let split = depth == 0 ? breakpoints : Array(Set(breakpoints + zoom)).filter { $0 > x0 && $0 < y }.sorted()
        let outer = try quadrature.integrate(from: x0, to: y, breakpoints: split,
                                             relativeTolerance: 1e-10) { z in
            let k = phi.cell(of: z)
            let partial = z == nodes[k] ? 0 : try inner.integrate(from: nodes[k], to: z, relativeTolerance: 1e-11, weight).value
            return exp(try phi(z) - maximum) * (table[k] + partial)
        }
        guard outer.value > 0, outer.value.isFinite else {
            throw InvalidParameter("landscape", given: "an exact MFPT integral that evaluated to \(outer.value) (ΔΦ ≈ \(maximum - minimum))",
                                   allowed: "a problem whose effective potential the quadrature resolves")
        }
        logTime = (maximum - minimum) + log(outer.value)
        relativeError = outer.estimatedError / outer.value + innerError / table.last!
        weightNodes = Array(nodes[...startIndex])
        weightBehind = Array(table[...startIndex])
    }

    /// The fraction of the stationary weight behind the start, ∫_{−∞}^{x} e^{−Φ}/D over
    /// ∫_{−∞}^{x₀} e^{−Φ}/D, that lies below x ≤ x₀ (at the node at or below x: a diagnostic, to the
    /// node spacing). The MFPT is linear in this weight near the start, so a fraction f of it in an
    /// extrapolated region moves τ by up to about f.
    public func weightFraction(below x: Double) -> Double {
        guard let k = weightNodes.lastIndex(where: { $0 <= x }), let total = weightBehind.last, total > 0 else { return 0 }
        return weightBehind[k] / total
    }
}
