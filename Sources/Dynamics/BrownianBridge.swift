import Foundation
import NumericKit

/// Crossings of the escape point between two grid points of an SDE path.
///
/// Over one step of length dt the path is, to leading order, Brownian motion with
/// coefficient g = g(x₀). Conditioned on its end points x₀ < y and x₁ < y, the
/// probability that it touched y in between is (Borodin & Salminen, Handbook of Brownian
/// Motion, 2nd ed., II.1.1.8; Glasserman, Monte Carlo Methods in Financial Engineering,
/// §6.4)
///
///     p = exp(−2(y − x₀)(y − x₁) / (g²·dt)).
///
/// Testing a uniform draw against p after every step removes the O(√dt) bias of
/// monitoring the crossing only at grid points. The draw is skipped when the exponent
/// exceeds 36 (p < 2.4·10⁻¹⁶, below the resolution of a double-precision uniform).
public enum BrownianBridge {
    /// The exponent 2(y − x₀)(y − x₁)/(g²dt) beyond which the crossing probability is
    /// treated as zero.
    /// (A computed constant, so that the hot loops fold it rather than load a global.)
    @inlinable public static var negligibleExponent: Double { 36 }

    /// p as above; 1 when either end point is at or past y.
    @inlinable
    public static func crossingProbability(from x0: Double, to x1: Double, target y: Double,
                                           variancePerStep g2dt: Double) -> Double {
        let gap = (y - x0) * (y - x1)
        if x0 >= y || x1 >= y { return 1 }
        return exp(-2 * gap / g2dt)
    }

    /// Whether a path that stayed below y at both ends, x₀ and x₁, crossed it in between:
    /// a uniform draw from `random` against p with g²·dt the step's variance — drawn only when
    /// the exponent is below ``negligibleExponent`` (so a path far from y draws nothing).
    @inlinable @inline(__always)
    public static func crossed<R: RandomSource>(from x0: Double, to x1: Double, target y: Double, g: Double, dt: Double,
                                                random: R) -> Bool {
        let gap = (y - x0) * (y - x1)
        return gap < 0.5 * negligibleExponent * dt * g * g
            && random.uniform() < crossingProbability(from: x0, to: x1, target: y, variancePerStep: g * g * dt)
    }

    /// The same test with the step's variance given directly (the d-dimensional escape
    /// coordinate's, ``EscapePlane``).
    @inlinable @inline(__always)
    public static func crossed<R: RandomSource>(from x0: Double, to x1: Double, target y: Double, variancePerStep variance: Double,
                                                random: R) -> Bool {
        (y - x0) * (y - x1) < 0.5 * negligibleExponent * variance
            && random.uniform() < crossingProbability(from: x0, to: x1, target: y, variancePerStep: variance)
    }
}
