import CGSL

/// A straight-line least-squares fit y ≈ intercept + slope·x with standard errors
/// (GSL `gsl_fit_linear`, or `gsl_fit_wlinear` with weights wᵢ = 1/σᵢ²).
///
/// Unweighted: the covariance is estimated from the scatter about the line,
/// cov = (XᵀX)⁻¹·RSS/(n − 2). Weighted: cov = (XᵀWX)⁻¹, the errors σᵢ taken as known.
public struct LineFit: Sendable, Equatable {
    public let intercept: Double
    public let slope: Double
    public let interceptStandardError: Double
    public let slopeStandardError: Double
    public let covariance: Double
    /// Residual sum of squares (weighted: χ²).
    public let residual: Double
    public let count: Int

    public init(x: [Double], y: [Double], weights: [Double]? = nil) throws {
        precondition(x.count == y.count, "x and y must have equal length")
        guard x.count >= 2 else {
            throw InvalidParameter("points", given: "\(x.count)", allowed: "at least 2 points for a line fit")
        }
        GSLRuntime.prepare()
        var c0 = 0.0, c1 = 0.0, cov00 = 0.0, cov01 = 0.0, cov11 = 0.0, rss = 0.0
        let status: Int32
        if let weights {
            precondition(weights.count == x.count, "weights must match x")
            status = gsl_fit_wlinear(x, 1, weights, 1, y, 1, x.count, &c0, &c1, &cov00, &cov01, &cov11, &rss)
        } else {
            status = gsl_fit_linear(x, 1, y, 1, x.count, &c0, &c1, &cov00, &cov01, &cov11, &rss)
        }
        try checkGSL(status, weights == nil ? "gsl_fit_linear" : "gsl_fit_wlinear")
        intercept = c0
        slope = c1
        interceptStandardError = cov00.squareRoot()
        slopeStandardError = cov11.squareRoot()
        covariance = cov01
        residual = rss
        count = x.count
    }
}
