import CGSL

/// Quantiles and distribution functions used for confidence intervals (GSL `gsl_cdf_*`).
public enum Distributions {
    /// Φ⁻¹(p) of the standard normal.
    public static func normalQuantile(_ p: Double) -> Double { gsl_cdf_ugaussian_Pinv(p) }
    /// Φ(x) of the standard normal.
    public static func normalCDF(_ x: Double) -> Double { gsl_cdf_ugaussian_P(x) }
    /// The p-quantile of Student's t with ν degrees of freedom.
    public static func studentTQuantile(_ p: Double, degreesOfFreedom nu: Double) -> Double {
        gsl_cdf_tdist_Pinv(p, nu)
    }
    /// The p-quantile of χ² with ν degrees of freedom.
    public static func chiSquaredQuantile(_ p: Double, degreesOfFreedom nu: Double) -> Double {
        gsl_cdf_chisq_Pinv(p, nu)
    }
}
