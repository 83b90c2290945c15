import CGSL

/// Carries a Swift closure through a GSL `void *params` pointer, and the first error it
/// threw back out. Used by the quadrature, root-finding and minimisation wrappers.
final class CallbackBox {
    let body: (Double) throws -> Double
    var error: (any Error)?

    init(_ body: @escaping (Double) throws -> Double) { self.body = body }

    func evaluate(_ x: Double) -> Double {
        if error != nil { return .nan }
        do { return try body(x) } catch {
            self.error = error
            return .nan
        }
    }

    /// Runs `work` with a `gsl_function` that calls `body`, then rethrows what `body` threw.
    static func withGSLFunction<R>(
        _ body: (Double) throws -> Double,
        _ work: (inout gsl_function) throws -> R
    ) throws -> R {
        try withoutActuallyEscaping(body) { escapable in
            let box = CallbackBox(escapable)
            let result: R = try withExtendedLifetime(box) {
                var function = gsl_function(
                    function: { x, params in
                        Unmanaged<CallbackBox>.fromOpaque(params!).takeUnretainedValue().evaluate(x)
                    },
                    params: Unmanaged.passUnretained(box).toOpaque())
                do { return try work(&function) } catch {
                    // A GSL failure caused by the closure's NaN reports the closure's own error.
                    throw box.error ?? error
                }
            }
            if let error = box.error { throw error }
            return result
        }
    }
}
