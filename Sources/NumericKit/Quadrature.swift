import CGSL

/// The value of an integral and GSL's estimate of its absolute error.
public struct QuadratureResult: Sendable, Equatable {
    public let value: Double
    /// GSL's estimate of |value − exact integral|.
    public let estimatedError: Double
}

/// Adaptive Gauss–Kronrod quadrature (GSL QUADPACK: `gsl_integration_qags`, and
/// `gsl_integration_qagp` when the integrand has known breakpoints — kinks or jumps
/// inside the interval, which QAGP never places inside a subinterval).
///
/// Owns a `gsl_integration_workspace`. Not `Sendable`; a nested integral needs its own
/// instance. Integrates reversed intervals (b < a) as −∫_b^a.
public final class Quadrature {
    private let workspace: UnsafeMutablePointer<gsl_integration_workspace>
    public let intervalLimit: Int

    /// - Parameter intervalLimit: the largest number of subintervals bisection may create.
    public init(intervalLimit: Int = 2000) {
        GSLRuntime.prepare()
        guard let workspace = gsl_integration_workspace_alloc(intervalLimit) else {
            fatalError("gsl_integration_workspace_alloc failed: out of memory")
        }
        self.workspace = workspace
        self.intervalLimit = intervalLimit
    }

    deinit { gsl_integration_workspace_free(workspace) }

    /// ∫_a^b f(x) dx to within max(absoluteTolerance, relativeTolerance·|∫f|).
    ///
    /// - Parameter breakpoints: points where `f` or its derivatives are discontinuous;
    ///   those strictly inside (a, b) split the integral (QAGP), others are ignored.
    /// - Throws: ``GSLError`` when GSL cannot reach the tolerance, or what `f` threw.
    public func integrate(
        from a: Double, to b: Double, breakpoints: [Double] = [],
        absoluteTolerance: Double = 0, relativeTolerance: Double = 1e-10,
        _ f: (Double) throws -> Double
    ) throws -> QuadratureResult {
        if a == b { return QuadratureResult(value: 0, estimatedError: 0) }
        if b < a {
            let r = try integrate(from: b, to: a, breakpoints: breakpoints,
                                  absoluteTolerance: absoluteTolerance,
                                  relativeTolerance: relativeTolerance, f)
            return QuadratureResult(value: -r.value, estimatedError: r.estimatedError)
        }
        let interior = Array(Set(breakpoints.filter { $0 > a && $0 < b })).sorted()
        var value = 0.0
        var error = 0.0
        // A tolerance GSL cannot reach (round-off, or an integrand that is ~0 over most of the
        // range so that the extrapolation sees "bad behaviour") is retried at 10³× the
        // relative tolerance, at most 1e-6; the result carries GSL's own error estimate.
        let retryable: Set<Int32> = [Int32(GSL_EROUND), Int32(GSL_ESING), Int32(GSL_EMAXITER), Int32(GSL_EDIVERGE)]
        var tolerance = relativeTolerance
        while true {
            var status: Int32 = 0
            try CallbackBox.withGSLFunction(f) { function in
                if interior.isEmpty {
                    status = gsl_integration_qags(&function, a, b, absoluteTolerance, tolerance,
                                                  intervalLimit, workspace, &value, &error)
                } else {
                    var points = [a] + interior + [b]
                    status = gsl_integration_qagp(&function, &points, points.count, absoluteTolerance,
                                                  tolerance, intervalLimit, workspace, &value, &error)
                }
            }
            if status == Int32(GSL_SUCCESS) { break }
            guard retryable.contains(status), tolerance < 1e-6 else {
                // Last resort for a smooth piece (no interior breakpoints): the non-adaptive
                // Gauss–Kronrod rules of qng, which do not extrapolate and so do not trip on
                // a tiny interval or a vanishing integral.
                if interior.isEmpty, retryable.contains(status) {
                    var evaluations = 0
                    let qng = try CallbackBox.withGSLFunction(f) { function in
                        gsl_integration_qng(&function, a, b, max(absoluteTolerance, 1e-300), tolerance, &value, &error, &evaluations)
                    }
                    if qng == Int32(GSL_SUCCESS) { break }
                }
                try checkGSL(status, interior.isEmpty ? "gsl_integration_qags" : "gsl_integration_qagp")
                break
            }
            tolerance = min(1e-6, tolerance * 1e3)
        }
        return QuadratureResult(value: value, estimatedError: error)
    }
}
