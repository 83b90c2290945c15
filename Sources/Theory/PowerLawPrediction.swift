import Foundation

/// The power-law escape time of loss-proportional noise (docs/theory.md §13; Mori, Ziyin, Liu &
/// Ueda, ICML 2022, "Power-law escape rate of SGD").
///
/// With C = 2L/B and a constant preconditioner P the reduced SDE has D = ηP²L/B and
/// Φ′ = P·L′/D = L′/(κL), κ = ηP/B, so Φ = ln L/κ and the stationary density is
/// e^{−Φ}/D ∝ L^{−1−1/κ}. Laplace's method on both integrals of the exact MFPT (§3) — the inner
/// one about the minimum a, where the exponent of L^{−1−1/κ} has curvature (1 + 1/κ)·H_a/L_a,
/// the outer one about the saddle b, where L^{1/κ} has curvature |H_b|/(κL_b) — gives
///
///     τ ≈ 2π / (P·√(H_a·|H_b|)) · (L_b/L_a)^{1/κ + 1/2} / √(1 + κ),
///
/// a power law of the loss ratio with exponent B/(ηP) + 1/2, which is Mori et al.'s
/// B/(ηh*) + 1 − n/2 for n = 1 outlier direction (their h* is in this model's B). Relative error
/// O(κ) (the Laplace peaks' widths) — valid for κ = ηP/B ≪ 1. It is the time to get well past the
/// saddle (half of it to the saddle itself), as Kramers'.
///
/// Beside it, the Arrhenius form that the loss ratio replaces: the same prefactor with
/// e^{ΔL/T_a}, T_a = D_a/P = ηP·L_a/B the temperature at the minimum. It agrees with the power
/// law only while ΔL ≪ L_a (ln(1 + ΔL/L_a) ≈ ΔL/L_a) and overstates τ by orders of magnitude once
/// the barrier is a multiple of the loss at the minimum.
public struct PowerLawPrediction: Sendable, Equatable, Codable {
    /// L_b/L_a, the loss at the saddle over the loss at the minimum.
    public let lossRatio: Double
    /// κ = ηP/B, the temperature scale of ln L.
    public let temperature: Double
    /// d ln τ/d ln(L_b/L_a) = 1/κ + 1/2.
    public let exponent: Double
    /// ln τ of the power law (halved at the saddle when the escape point is the saddle).
    public let logTime: Double
    public let time: Double?
    /// ln τ of the Arrhenius form e^{ΔL/T_a}.
    public let logArrheniusTime: Double
    public let arrheniusTime: Double?
    /// The validity condition and how well it holds.
    public let condition: String

    /// - Parameters: `batch` B, the constant `preconditioner` P, the learning rate η, the losses
    ///   and curvatures at the minimum (a) and the saddle (b), and whether the escape point is
    ///   the saddle itself (then half of the time).
    public init(batch: Double, preconditioner p: Double, learningRate eta: Double, lossAtMinimum la: Double,
                lossAtSaddle lb: Double, curvatureAtMinimum ha: Double, curvatureAtSaddle hb: Double, escapeAtSaddle: Bool) {
        let kappa = eta * p / batch
        lossRatio = lb / la
        temperature = kappa
        exponent = 1 / kappa + 0.5
        let prefactor = log(2 * Double.pi) - log(p) - 0.5 * log(ha * abs(hb)) - (escapeAtSaddle ? log(2) : 0)
        logTime = prefactor + exponent * log(lossRatio) - 0.5 * log1p(kappa)
        logArrheniusTime = prefactor + (lb - la) / (kappa * la)
        time = logTime < 709 ? exp(logTime) : nil
        arrheniusTime = logArrheniusTime < 709 ? exp(logArrheniusTime) : nil
        condition = "ηP/B = \(String(format: "%.3g", kappa)) ≪ 1 (Laplace's relative error O(ηP/B))"
    }
}
