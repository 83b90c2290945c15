import CGSL

/// A GSL routine returned a non-zero status.
///
/// GSL's default error handler aborts the process. NumericKit switches it off once
/// (``GSLRuntime/prepare()``) and turns every status into this thrown error instead,
/// through the single function ``checkGSL(_:_:)``.
public struct GSLError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The GSL status code (`GSL_EMAXITER`, `GSL_EROUND`, …).
    public let status: Int32
    /// The GSL routine that failed.
    public let routine: String

    public var description: String {
        let reason = String(cString: gsl_strerror(status))
        return "\(routine) failed: \(reason) (GSL status \(status))"
    }
}

/// Process-wide GSL set-up.
public enum GSLRuntime {
    private static let disabled: Bool = {
        cgsl_disable_abort_on_error()
        return true
    }()

    /// Switches GSL's abort-on-error handler off (idempotent, thread-safe: a Swift
    /// `static let` is initialised exactly once). Every NumericKit type calls it.
    @inlinable public static func prepare() { _ = isPrepared }

    @usableFromInline static var isPrepared: Bool { disabled }
}

/// Throws ``GSLError`` when `status` is not `GSL_SUCCESS`.
@usableFromInline
func checkGSL(_ status: Int32, _ routine: String) throws(GSLError) {
    if status != Int32(GSL_SUCCESS) { throw GSLError(status: status, routine: routine) }
}
