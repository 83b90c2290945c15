/// A user-supplied value that is out of range, non-finite or inconsistent.
///
/// Its description is the one line the command line prints before exiting with
/// status 2: which parameter, what was given, what is allowed.
public struct InvalidParameter: Error, CustomStringConvertible, Equatable, Sendable {
    public let parameter: String
    public let given: String
    public let allowed: String

    public init(_ parameter: String, given: String, allowed: String) {
        self.parameter = parameter
        self.given = given
        self.allowed = allowed
    }

    public var description: String {
        "invalid value for \(parameter): \(given); allowed: \(allowed)"
    }
}

/// Validation helpers that throw ``InvalidParameter`` with a uniform message.
public enum Validate {
    /// A finite number strictly greater than zero.
    public static func positive(_ value: Double, _ name: String) throws(InvalidParameter) {
        guard value.isFinite, value > 0 else {
            throw InvalidParameter(name, given: format(value), allowed: "a finite number > 0")
        }
    }

    /// A finite number ≥ 0.
    public static func nonNegative(_ value: Double, _ name: String) throws(InvalidParameter) {
        guard value.isFinite, value >= 0 else {
            throw InvalidParameter(name, given: format(value), allowed: "a finite number ≥ 0")
        }
    }

    /// Any finite number.
    public static func finite(_ value: Double, _ name: String) throws(InvalidParameter) {
        guard value.isFinite else {
            throw InvalidParameter(name, given: format(value), allowed: "a finite number")
        }
    }

    /// A finite number in the open interval (low, high).
    public static func inOpenInterval(_ value: Double, _ low: Double, _ high: Double, _ name: String) throws(InvalidParameter) {
        guard value.isFinite, value > low, value < high else {
            throw InvalidParameter(name, given: format(value), allowed: "a number in (\(format(low)), \(format(high)))")
        }
    }

    /// A per-trajectory step cap: a whole number ≥ 1.
    public static func stepCap(_ value: Int, _ name: String = "max-steps") throws(InvalidParameter) {
        guard value >= 1 else { throw InvalidParameter(name, given: "\(value)", allowed: "a whole number ≥ 1") }
    }

    /// A number in the closed interval [low, high].
    public static func inClosedInterval(_ value: Double, _ low: Double, _ high: Double, _ name: String) throws(InvalidParameter) {
        guard value >= low, value <= high else {
            throw InvalidParameter(name, given: format(value), allowed: "a number in [\(format(low)), \(format(high))]")
        }
    }

    /// A number in [0, 1): a decay rate such as β.
    public static func inHalfOpenUnitInterval(_ value: Double, _ name: String) throws(InvalidParameter) {
        guard value >= 0, value < 1 else {
            throw InvalidParameter(name, given: format(value), allowed: "a number in [0, 1)")
        }
    }

    /// Names as a message lists alternatives: "a", "a or b", "a, b or c".
    public static func alternatives(_ names: [String]) -> String {
        names.count < 2 ? names.joined() : names.dropLast().joined(separator: ", ") + " or " + names.last!
    }

    /// Shortest round-trip text of a Double, as the user would have typed it.
    public static func format(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
