import Foundation
import NumericKit

/// The fits that re-derive the escape-time theorems from measurements (docs/theory.md §0, §4):
///
///     ln τ ≈ a + b·(ΔL/η),     b = 2·[s·(B/H_a)^p + (1 − s)·(B/|H_b|)^p]·(1/κ),
///
/// first the Arrhenius slope b at fixed sharpness (``ArrheniusFit``), then, with H_b/H_a held
/// fixed so that the bracket is ∝ (B/H_a)^p, the exponent p as the slope of ln b against
/// ln(B/H_a) (``ExponentFit``). Both are weighted least squares (GSL `gsl_fit_wlinear`) with
/// weights 1/σ² from the measurements' standard errors (delta method: σ(ln τ) = SE_τ/τ). When
/// the points scatter more than their errors allow (χ²/dof > 1) the slope's standard error is
/// scaled by √(χ²/dof) (the Birge ratio; Particle Data Group, Review of Particle Physics,
/// "Statistics"); the 95% interval uses Student's t with n − 2 degrees of freedom.
public struct WeightedSlope: Sendable, Equatable, Codable {
    public let slope: Double
    public let intercept: Double
    /// After Birge scaling.
    public let standardError: Double
    public let ci95: [Double]
    public let chiSquaredPerDegreeOfFreedom: Double?
    public let points: Int

    public init(x: [Double], y: [Double], standardErrors: [Double]) throws {
        guard x.count >= 3 else {
            throw InvalidParameter("points", given: "\(x.count)", allowed: "at least 3 points for a slope with an error bar")
        }
        for s in standardErrors { try Validate.positive(s, "standard error") }
        let fit = try LineFit(x: x, y: y, weights: standardErrors.map { 1 / ($0 * $0) })
        let dof = Double(x.count - 2)
        let birge = fit.residual / dof
        let se = fit.slopeStandardError * max(1, birge).squareRoot()
        let t = Distributions.studentTQuantile(0.975, degreesOfFreedom: dof)
        slope = fit.slope
        intercept = fit.intercept
        standardError = se
        ci95 = [fit.slope - t * se, fit.slope + t * se]
        chiSquaredPerDegreeOfFreedom = birge
        points = x.count
    }

    /// Whether the 95% interval contains `value`.
    public func contains(_ value: Double) -> Bool { ci95[0] <= value && value <= ci95[1] }
}

/// ln τ against ΔL/η at one sharpness: the slope is the effective-barrier coefficient b.
public struct ArrheniusFit: Sendable, Equatable, Codable {
    public let fit: WeightedSlope

    /// `barrierOverLearningRate` x = ΔL/η, measured mean times τ and their standard errors.
    public init(barrierOverLearningRate x: [Double], times: [Double], standardErrors: [Double]) throws {
        for t in times { try Validate.positive(t, "time") }
        fit = try WeightedSlope(x: x, y: times.map { log($0) }, standardErrors: zip(standardErrors, times).map { $0 / $1 })
    }

    /// b.
    public var slope: Double { fit.slope }
}

/// The exponent p of ln τ ∝ (B/H)^p from Arrhenius slopes at several sharpness levels, with a
/// verdict against the theory value (p = 1 SGD, 1/2 Adam, 3/2 InvAdam).
public struct ExponentFit: Sendable, Equatable, Codable {
    public let fit: WeightedSlope
    public let theory: Double?
    /// The 95% interval contains the theory value.
    public let consistent: Bool?

    /// `sharpness` B/H_a per level, the Arrhenius slopes b and their standard errors.
    public init(sharpness: [Double], slopes: [Double], slopeStandardErrors: [Double], theory: Double?) throws {
        for v in sharpness { try Validate.positive(v, "sharpness B/H") }
        for b in slopes { try Validate.positive(b, "Arrhenius slope") }
        let fit = try WeightedSlope(x: sharpness.map { log($0) }, y: slopes.map { log($0) },
                                    standardErrors: zip(slopeStandardErrors, slopes).map { $0 / $1 })
        self.fit = fit
        self.theory = theory
        consistent = theory.map { fit.contains($0) }
    }

    /// p.
    public var p: Double { fit.slope }

    /// "p = 1.48 ± 0.05, 95% CI [1.37, 1.59]: consistent with 3/2".
    public var verdict: String {
        let text = String(format: "p = %.3f ± %.3f, 95%% CI [%.3f, %.3f]", p, fit.standardError, fit.ci95[0], fit.ci95[1])
        guard let theory, let consistent else { return text }
        return text + (consistent ? ": consistent with " : ": NOT consistent with ") + String(format: "%g", theory)
    }
}
