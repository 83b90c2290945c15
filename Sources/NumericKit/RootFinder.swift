import CGSL

/// One-dimensional root finding by Brent's method (`gsl_root_fsolver_brent`) on a
/// bracketing interval.
public enum RootFinder {
    /// The root of `f` in [lower, upper], where f(lower) and f(upper) differ in sign,
    /// to an absolute width `absoluteTolerance` + `relativeTolerance`·|root|.
    public static func brent(
        lower: Double, upper: Double,
        absoluteTolerance: Double = 1e-14, relativeTolerance: Double = 1e-14,
        maxIterations: Int = 200,
        _ f: (Double) throws -> Double
    ) throws -> Double {
        GSLRuntime.prepare()
        guard let solver = gsl_root_fsolver_alloc(cgsl_root_brent()) else {
            fatalError("gsl_root_fsolver_alloc failed: out of memory")
        }
        defer { gsl_root_fsolver_free(solver) }
        return try CallbackBox.withGSLFunction(f) { function in
            try checkGSL(gsl_root_fsolver_set(solver, &function, lower, upper), "gsl_root_fsolver_set")
            for _ in 0..<maxIterations {
                try checkGSL(gsl_root_fsolver_iterate(solver), "gsl_root_fsolver_iterate")
                let lo = gsl_root_fsolver_x_lower(solver)
                let hi = gsl_root_fsolver_x_upper(solver)
                if gsl_root_test_interval(lo, hi, absoluteTolerance, relativeTolerance) == Int32(GSL_SUCCESS) {
                    return gsl_root_fsolver_root(solver)
                }
            }
            throw GSLError(status: Int32(GSL_EMAXITER), routine: "gsl_root_fsolver_iterate")
        }
    }
}
