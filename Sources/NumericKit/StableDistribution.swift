import Foundation

/// The symmetric α-stable law S_α(c), 0 < α ≤ 2: the law with characteristic function
/// exp(−|c·t|^α) (GSL's `gsl_ran_levy`, whose convention this is: α = 2 is the normal law of
/// variance 2c², α = 1 the Cauchy law of scale c).
///
/// For α < 2 it has infinite variance and power-law tails (Samorodnitsky & Taqqu, "Stable
/// Non-Gaussian Random Processes", 1994, Property 1.2.15):
///
///     P(X > x) ~ K_α·c^α·x^{−α}  (x → ∞),   K_α = Γ(α)·sin(πα/2)/π,
///
/// and the Lévy motion with L(1) ~ S_α(c) has the jump measure ν(dy) = α·K_α·c^α·|y|^{−1−α} dy,
/// whose tail ν((x, ∞)) = K_α·c^α·x^{−α} is the same constant (docs/theory.md §15).
public enum StableDistribution {
    /// K_α = Γ(α)·sin(πα/2)/π: the tail constant of S_α(1), P(X > x) ~ K_α·x^{−α}; 0 at α = 2
    /// (no jumps), 1/π at α = 1 (Cauchy).
    public static func tailConstant(alpha: Double) -> Double {
        alpha == 2 ? 0 : tgamma(alpha) * sin(Double.pi * alpha / 2) / Double.pi
    }

    /// The variance per unit time of the jumps of size below `cutoff` of the Lévy motion with
    /// L(1) ~ S_α(c): ∫_{|y|<b} y² ν(dy) = 2α·K_α·c^α·b^{2−α}/(2 − α), the diffusive part
    /// of the motion at that scale. As α → 2 it tends to 2c², the variance of S_2(c)
    /// (K_α/(2 − α) → 1/2).
    public static func truncatedVariance(alpha: Double, scale c: Double, cutoff b: Double) -> Double {
        if alpha == 2 { return 2 * c * c }
        return 2 * alpha * tailConstant(alpha: alpha) * pow(c, alpha) * pow(b, 2 - alpha) / (2 - alpha)
    }

    /// One draw of S_α(1) by the method of Chambers, Mallows & Stuck (JASA 71, 340–344, 1976),
    /// from U uniform on (0, 1) and E ~ Exp(1), as in GSL's `gsl_ran_levy`:
    ///
    ///     V = π(U − 1/2),   X = sin(αV)/cos(V)^{1/α} · (cos((1 − α)V)/E)^{(1 − α)/α}.
    ///
    /// At α = 2 this is 2·sin(V)·√E, the normal law of variance 2.
    @inlinable
    public static func chambersMallowsStuck(uniform u: Double, exponential e: Double, alpha: Double) -> Double {
        let v = Double.pi * (u - 0.5)
        let t = sin(alpha * v) / pow(cos(v), 1 / alpha)
        if alpha == 1 { return t }
        return t * pow(cos((1 - alpha) * v) / e, (1 - alpha) / alpha)
    }
}

extension RandomSource {
    /// A draw of S_α(1) by ``StableDistribution/chambersMallowsStuck(uniform:exponential:alpha:)``
    /// from this source's uniforms, with GSL's rejections (V ≠ 0, E > 0): the fast engine's
    /// α-stable draw.
    @inlinable
    public func chambersMallowsStuck(alpha: Double) -> Double {
        var u = uniform()
        while u == 0 || u == 0.5 { u = uniform() }
        var e = 0.0
        while e == 0 { e = -log1p(-uniform()) }
        return StableDistribution.chambersMallowsStuck(uniform: u, exponential: e, alpha: alpha)
    }
}
