import Dynamics
import NumericKit

/// The points of [a, b] where the noise coefficient g (so D = g²/2) has an interior local
/// minimum: g′ changes sign from − to +, located by Brent's method on the analytic g′.
///
/// Why: hessian noise with a small floor δ has C = √(L″² + δ²)/B, which dips to δ/B where
/// L″ = 0 over a width ≈ δ/|L‴|, and Φ′ = −μ/D has a peak of height ∝ 1/δ there. Its
/// integral is finite — ≈ (2|L′|/(η|L‴|))·ln(1/δ) for SGD — but adaptive quadrature over a cell
/// that holds the peak in its interior fails with a roundoff error once the width is far below
/// the cell (δ = 1e-8 on a quartic: `gsl_integration_qags` status 18), and with the dip at a
/// cell's end QAGS takes the 1/|x − c| flank for a divergence (status 22). ``nodes(around:scale:)``
/// therefore splits the neighbourhood of each dip geometrically, so that every cell is either
/// far from the core (the integrand varies by a bounded factor over it) or holds it whole.
public enum DiffusivityDips {
    /// Each dip c and c ± scale·2^{−k}, k = 0, 1, …, down to the core: the levels stop two
    /// after the first at which g is within 2× of g(c) on both sides (inside the core the
    /// integrand varies by a bounded factor, so finer cells only add breakpoints), and never
    /// below 2^{−50}·scale or 64 ulps of c. Cells of a few ulps, as a fixed 50 levels gave for
    /// a wide dip, are degenerate for QAGP: with ΔΦ ≈ 40 it reported "extremely bad function
    /// behaviour" (GSL_ESING) on a smooth integrand (quartic, hessian noise δ = 1, B = 4).
    public static func nodes<S: ScalarSDE>(around dips: [Double], scale: Double, of sde: S) -> [Double] {
        dips.flatMap { c -> [Double] in
            let core = sde.diffusion(c)
            var nodes = [c]
            var extra: Int?
            for k in 0...50 {
                let d = scale * Double(sign: .plus, exponent: -k, significand: 1)
                guard d >= 64 * c.ulp else { break }
                nodes += [c - d, c + d]
                if extra == nil, sde.diffusion(c - d) <= 2 * core, sde.diffusion(c + d) <= 2 * core { extra = 2 }
                if let e = extra { if e == 0 { break }; extra = e - 1 }
            }
            return nodes
        }
    }

    public static func locate<S: ScalarSDE>(_ sde: S, from a: Double, to b: Double, samples: Int = 4096) throws -> [Double] {
        guard b > a else { return [] }
        let h = (b - a) / Double(samples)
        var dips: [Double] = []
        var left = a, slopeLeft = sde.diffusionSlope(a)
        for i in 1...samples {
            let right = a + Double(i) * h
            let slopeRight = sde.diffusionSlope(right)
            if slopeLeft < 0 && slopeRight > 0 {
                dips.append(try RootFinder.brent(lower: left, upper: right) { sde.diffusionSlope($0) })
            }
            left = right; slopeLeft = slopeRight
        }
        return dips
    }
}
