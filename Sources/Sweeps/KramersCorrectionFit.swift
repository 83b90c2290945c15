import Foundation
import NumericKit

/// The first correction to Kramers' law, fitted: Kramers/τ = 1 + c/ΔΦ + d/ΔΦ² + O(ΔΦ⁻³),
/// the next terms of Laplace's expansion of the two integrals of the exact MFPT
/// (docs/theory.md §4; for the quartic double well with constant D, c = −3/8).
///
/// Weighted least squares through the origin in u = 1/ΔΦ: y = K/τ − 1 ≈ c·u + d·u², weights
/// 1/σ². The estimate is linear in the data, c = Σ ℓᵢyᵢ, so its standard error is
/// √(Σ ℓᵢ²σᵢ²) (scaled by the Birge ratio √(χ²/dof) when the points scatter more than their
/// errors, as ``WeightedSlope``), and a relative bias of at most δ in every measured τ moves it
/// by at most δ·Σ|ℓᵢ|·Kᵢ/τᵢ — the allowance's share of c, stated beside the verdict.
public struct KramersCorrectionFit: Sendable, Equatable, Codable {
    public let c: Double
    public let d: Double
    /// nil for the exact predictions (no noise).
    public let standardError: Double?
    /// δ·Σ|ℓᵢ|·Kᵢ/τᵢ for the allowance δ given (0 when none).
    public let allowanceShift: Double
    public let points: Int

    /// `effectiveBarrier` ΔΦ, `ratio` Kramers/τ and its standard error (nil: exact, unit weights).
    public init(effectiveBarrier: [Double], ratio: [Double], standardErrors: [Double]?, allowance: Double = 0) throws(InvalidParameter) {
        let n = effectiveBarrier.count
        guard n >= 3, ratio.count == n, standardErrors.map({ $0.count == n }) ?? true else {
            throw InvalidParameter("points", given: "\(n)", allowed: "at least 3 barriers, each with a ratio (and an error bar when measured)")
        }
        for phi in effectiveBarrier { try Validate.positive(phi, "effective barrier") }
        if let standardErrors { for s in standardErrors { try Validate.positive(s, "standard error") } }
        let u = effectiveBarrier.map { 1 / $0 }
        let y = ratio.map { $0 - 1 }
        let w = standardErrors?.map { 1 / ($0 * $0) } ?? Array(repeating: 1, count: n)
        var (s11, s12, s22) = (0.0, 0.0, 0.0)
        for i in 0..<n {
            s11 += w[i] * u[i] * u[i]; s12 += w[i] * u[i] * u[i] * u[i]; s22 += w[i] * u[i] * u[i] * u[i] * u[i]
        }
        let det = s11 * s22 - s12 * s12
        guard det > 1e-300 * s11 * s22 else {
            throw InvalidParameter("effective barriers", given: "\(effectiveBarrier)", allowed: "at least 2 distinct barriers")
        }
        // c = Σ ℓᵢ yᵢ, d = Σ mᵢ yᵢ: the rows of the inverse normal matrix applied to the weighted data.
        let l = (0..<n).map { w[$0] * (s22 * u[$0] - s12 * u[$0] * u[$0]) / det }
        let m = (0..<n).map { w[$0] * (s11 * u[$0] * u[$0] - s12 * u[$0]) / det }
        let (cFit, dFit) = (zip(l, y).reduce(0) { $0 + $1.0 * $1.1 }, zip(m, y).reduce(0) { $0 + $1.0 * $1.1 })
        (c, d, points) = (cFit, dFit, n)
        if let standardErrors {
            let chi2 = (0..<n).reduce(0.0) { acc, i in let r = y[i] - cFit * u[i] - dFit * u[i] * u[i]; return acc + w[i] * r * r }
            let birge = n > 2 ? chi2 / Double(n - 2) : 1
            let se = zip(l, standardErrors).reduce(0) { $0 + $1.0 * $1.0 * $1.1 * $1.1 }.squareRoot()
            standardError = se * max(1, birge).squareRoot()
        } else {
            standardError = nil
        }
        allowanceShift = allowance * zip(l, ratio).reduce(0) { $0 + abs($1.0) * $1.1 }
    }

    /// |c − c_exact| ≤ 4·SE + the allowance's share.
    public func agrees(with exact: Double) -> Bool? {
        standardError.map { abs(c - exact) <= 4 * $0 + allowanceShift }
    }
}
