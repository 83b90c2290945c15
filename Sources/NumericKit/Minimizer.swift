import CGSL

/// One-dimensional minimisation by Brent's method (`gsl_min_fminimizer_brent`).
public enum Minimizer {
    /// The minimiser of `f` in [lower, upper], starting from `guess`, which must satisfy
    /// f(guess) < f(lower) and f(guess) < f(upper). The attainable accuracy is about
    /// √ε·|x| (f is flat to rounding near a minimum), hence the default tolerance.
    public static func brent(
        guess: Double, lower: Double, upper: Double,
        absoluteTolerance: Double = 1e-7, relativeTolerance: Double = 0,
        maxIterations: Int = 500,
        _ f: (Double) throws -> Double
    ) throws -> Double {
        GSLRuntime.prepare()
        guard let solver = gsl_min_fminimizer_alloc(cgsl_min_brent()) else {
            fatalError("gsl_min_fminimizer_alloc failed: out of memory")
        }
        defer { gsl_min_fminimizer_free(solver) }
        return try CallbackBox.withGSLFunction(f) { function in
            try checkGSL(gsl_min_fminimizer_set(solver, &function, guess, lower, upper), "gsl_min_fminimizer_set")
            for _ in 0..<maxIterations {
                try checkGSL(gsl_min_fminimizer_iterate(solver), "gsl_min_fminimizer_iterate")
                let lo = gsl_min_fminimizer_x_lower(solver)
                let hi = gsl_min_fminimizer_x_upper(solver)
                if gsl_min_test_interval(lo, hi, absoluteTolerance, relativeTolerance) == Int32(GSL_SUCCESS) {
                    return gsl_min_fminimizer_x_minimum(solver)
                }
            }
            throw GSLError(status: Int32(GSL_EMAXITER), routine: "gsl_min_fminimizer_iterate")
        }
    }
}
