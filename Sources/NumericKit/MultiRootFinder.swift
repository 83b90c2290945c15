import CGSL

/// Roots of F: ℝⁿ → ℝⁿ with its Jacobian, by GSL's scaled Powell hybrid method
/// (`gsl_multiroot_fdfsolver_hybridsj`, MINPACK's hybrj; Moré, Garbow & Hillstrom 1980):
/// Newton steps inside a trust region. Stopped when |F|₁ < `residualTolerance`.
/// Used to polish saddle points: F = ∇L, J = ∇²L.
public enum MultiRootFinder {
    public static func hybrid(
        from start: [Double], residualTolerance: Double = 1e-13, maxIterations: Int = 1000,
        function: @escaping ([Double], inout [Double]) throws -> Void,
        jacobian: @escaping ([Double], inout [Double]) throws -> Void
    ) throws -> [Double] {
        GSLRuntime.prepare()
        let n = start.count
        guard let solver = gsl_multiroot_fdfsolver_alloc(cgsl_multiroot_hybridsj(), n) else {
            fatalError("gsl_multiroot_fdfsolver_alloc failed: out of memory")
        }
        defer { gsl_multiroot_fdfsolver_free(solver) }
        let box = VectorFunctionBox(n: n, scalar: nil, vector: function, jacobian: jacobian)
        return try withExtendedLifetime(box) {
            var system = gsl_multiroot_function_fdf(
                f: { x, p, f in VectorFunctionBox.from(p).vectorValue(x, into: f) },
                df: { x, p, j in VectorFunctionBox.from(p).jacobianValue(x, into: j) },
                fdf: { x, p, f, j in
                    let b = VectorFunctionBox.from(p)
                    let s = b.vectorValue(x, into: f)
                    return s == Int32(GSL_SUCCESS) ? b.jacobianValue(x, into: j) : s
                },
                n: n, params: Unmanaged.passUnretained(box).toOpaque())
            let x0 = makeVector(start)
            defer { gsl_vector_free(x0) }
            try checkGSL(gsl_multiroot_fdfsolver_set(solver, &system, x0), "gsl_multiroot_fdfsolver_set")
            for _ in 0..<maxIterations {
                if gsl_multiroot_test_residual(solver.pointee.f, residualTolerance) == Int32(GSL_SUCCESS) {
                    return readVector(solver.pointee.x, count: n)
                }
                let status = gsl_multiroot_fdfsolver_iterate(solver)
                if let error = box.error { throw error }
                if status == Int32(GSL_ENOPROGJ) || status == Int32(GSL_ENOPROG) {
                    // Stuck at rounding level: accept a residual within 100× the tolerance.
                    if gsl_multiroot_test_residual(solver.pointee.f, 100 * residualTolerance) == Int32(GSL_SUCCESS) {
                        return readVector(solver.pointee.x, count: n)
                    }
                }
                try checkGSL(status, "gsl_multiroot_fdfsolver_iterate")
            }
            throw GSLError(status: Int32(GSL_EMAXITER), routine: "gsl_multiroot_fdfsolver_iterate")
        }
    }
}
