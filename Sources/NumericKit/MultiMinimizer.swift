import CGSL

/// Unconstrained minimisation in ℝⁿ with gradients, by GSL's BFGS2
/// (`gsl_multimin_fdfminimizer_vector_bfgs2`; Fletcher, Practical Methods of Optimization,
/// 1987, Algorithms 2.6.2 and 2.6.4), stopped when |∇f| < `gradientTolerance` or when the
/// line search can make no further progress (then the point reached is returned).
public enum MultiMinimizer {
    public static func bfgs(
        from start: [Double], gradientTolerance: Double = 1e-10, maxIterations: Int = 10_000,
        value f: @escaping ([Double]) throws -> Double,
        gradient: @escaping ([Double], inout [Double]) throws -> Void
    ) throws -> [Double] {
        GSLRuntime.prepare()
        let n = start.count
        guard let solver = gsl_multimin_fdfminimizer_alloc(cgsl_multimin_bfgs2(), n) else {
            fatalError("gsl_multimin_fdfminimizer_alloc failed: out of memory")
        }
        defer { gsl_multimin_fdfminimizer_free(solver) }
        let box = VectorFunctionBox(n: n, scalar: f, vector: gradient, jacobian: nil)
        return try withExtendedLifetime(box) {
            var function = gsl_multimin_function_fdf(
                f: { x, p in VectorFunctionBox.from(p).value(x) },
                df: { x, p, g in _ = VectorFunctionBox.from(p).vectorValue(x, into: g) },
                fdf: { x, p, fx, g in
                    let b = VectorFunctionBox.from(p)
                    fx?.pointee = b.value(x)
                    _ = b.vectorValue(x, into: g)
                },
                n: n, params: Unmanaged.passUnretained(box).toOpaque())
            let x0 = makeVector(start)
            defer { gsl_vector_free(x0) }
            try checkGSL(gsl_multimin_fdfminimizer_set(solver, &function, x0, 1e-2, 1e-4), "gsl_multimin_fdfminimizer_set")
            for _ in 0..<maxIterations {
                let status = gsl_multimin_fdfminimizer_iterate(solver)
                if let error = box.error { throw error }
                let g = gsl_multimin_fdfminimizer_gradient(solver)
                if gsl_multimin_test_gradient(g, gradientTolerance) == Int32(GSL_SUCCESS) {
                    return readVector(gsl_multimin_fdfminimizer_x(solver), count: n)
                }
                // ENOPROG: the line search can make no further progress at double precision;
                // return the point reached (callers polish it with Newton and check |∇f|).
                if status == Int32(GSL_ENOPROG) {
                    return readVector(gsl_multimin_fdfminimizer_x(solver), count: n)
                }
                try checkGSL(status, "gsl_multimin_fdfminimizer_iterate")
            }
            throw GSLError(status: Int32(GSL_EMAXITER), routine: "gsl_multimin_fdfminimizer_iterate")
        }
    }
}
