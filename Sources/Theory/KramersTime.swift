import Dynamics
import Foundation

/// The generalized 1-D Kramers time (docs/theory.md §4), the Laplace evaluation of the exact
/// MFPT integral for a minimum a and saddle b of the effective potential Φ:
///
///     τ = 2π·√(D_b/D_a) / √(P_a·H_a·P_b·|H_b|) · e^{Φ_b − Φ_a}.
///
/// With P = 1 and constant D this is Kramers' 2π/√(H_a|H_b|)·e^{ΔL/D} (Kramers 1940;
/// Hänggi, Talkner & Borkovec, Rev. Mod. Phys. 62, 251, 1990). Relative error O(1/ΔΦ).
/// It is the time to get well past the saddle; the first passage to the saddle itself
/// takes half of it.
public struct KramersTime: Sendable, Equatable {
    /// ln τ.
    public let logTime: Double
    /// ΔΦ = Φ(b) − Φ(a).
    public let effectiveBarrier: Double

    public init(effectiveBarrier: Double, diffusivityAtMinimum da: Double, diffusivityAtSaddle db: Double,
                rateAtMinimum ra: Double, rateAtSaddle rb: Double) {
        self.effectiveBarrier = effectiveBarrier
        logTime = log(2 * Double.pi) + 0.5 * log(db / da) - 0.5 * log(ra * rb) + effectiveBarrier
    }

    /// τ, or nil if it overflows a Double.
    public var time: Double? { logTime < 709 ? exp(logTime) : nil }
}
