import Dynamics
import NumericKit
import RareEvents

/// How a point measures τ: brute force (independent trajectories, the default) or adaptive
/// multilevel splitting (``EscapeSplitting``; docs/rare-events.md), for barriers brute force
/// cannot reach. In a sweep file these are point parameters, in `base` or on an axis, with the
/// command line's names: `method` (`brute` | `ams`) and, for `ams`, `replicas`, `killed`,
/// `splitting-runs`, `loops`, `home-width`, `entrance-width`. An axis may pair `method` with
/// `effective-barrier`, so that one sweep runs brute force at low barriers and splitting above.
public enum EscapeMethod: Sendable, Equatable {
    case bruteForce
    /// The splitting's sizes and levels; seed, threads and engine are set per point at run time.
    case splitting(EscapeSplitting.Options)

    /// The parameter names a sweep file may use for the method.
    public static let parameterNames: [String] = ["method", "replicas", "killed", "splitting-runs", "loops", "home-width", "entrance-width"]

    /// `brute` or `ams`, the words of `method`.
    public var name: String {
        switch self {
        case .bruteForce: "brute"
        case .splitting: "ams"
        }
    }

    /// The method set by `assignments` (name, value, and the spec field it came from, for
    /// errors), later ones overriding earlier ones; values out of range are refused
    /// (``EscapeSplitting/Options/validate()``). Splitting options apply to the points that
    /// run `ams` (a sweep may set them in `base` and pair `method` with the barrier on an axis);
    /// ``SweepSpec/points()`` refuses them in a sweep where no point does.
    static func parse(_ assignments: [(name: String, value: ParameterValue, field: String)]) throws(InvalidParameter) -> EscapeMethod {
        var last: [String: (value: ParameterValue, field: String)] = [:]
        for a in assignments { last[a.name] = (a.value, a.field) }
        let method: String
        switch last["method"]?.value {
        case nil: method = "brute"
        case .text(let word) where word == "brute" || word == "ams": method = word
        case let other?: throw InvalidParameter(last["method"]!.field, given: "\(other)", allowed: "brute or ams")
        }
        if method == "brute" { return .bruteForce }
        func number(_ name: String) throws(InvalidParameter) -> Double? {
            guard let (value, field) = last[name] else { return nil }
            guard case .number(let x) = value, x.isFinite else { throw InvalidParameter(field, given: "\(value)", allowed: "a finite number") }
            return x
        }
        func whole(_ name: String) throws(InvalidParameter) -> Int? {
            guard let x = try number(name) else { return nil }
            guard x == x.rounded(), abs(x) < 9e15 else { throw InvalidParameter(last[name]!.field, given: "\(x)", allowed: "a whole number") }
            return Int(x)
        }
        var o = EscapeSplitting.Options()
        o.replicas = try whole("replicas") ?? o.replicas
        o.killed = try whole("killed") ?? o.killed
        o.runs = try whole("splitting-runs") ?? o.runs
        o.loops = try whole("loops") ?? o.loops
        o.home = try number("home-width") ?? o.home
        o.entrance = try number("entrance-width") ?? o.entrance
        try o.validate()
        return .splitting(o)
    }
}
