import Foundation
import NumericKit

/// Parses landscape spec strings: `family:key=value,key=value`.
///
///     quartic:barrier=1,a=1,tilt=0     barrier required; a = 1, tilt = 0 by default
///     pq:ha=4,hb=2,barrier=0.5,hc=1    ha, hb, barrier required; hc = ha by default
///
/// Every failure is an ``InvalidParameter`` naming the parameter, the text given and
/// what is allowed.
public enum LandscapeSpec {
    /// The families and their parameter names (required first).
    public static let families: [(name: String, required: [String], optional: [String])] = [
        ("quartic", ["barrier"], ["a", "tilt"]),
        ("pq", ["ha", "hb", "barrier"], ["hc"]),
        ("rough", ["amplitude", "correlation", "of"], ["seed"]),
    ]

    public static func parse(_ text: String) throws(InvalidParameter) -> LandscapeModel {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let (name, body) = split(trimmed)
        if name == "rough" { return try parseRough(body) }
        guard let family = families.first(where: { $0.name == name }) else {
            throw InvalidParameter("landscape", given: "'\(text)'",
                                   allowed: "one of \(families.map(\.name).joined(separator: ", ")) followed by :key=value,…")
        }
        let values = try parameters(body, family: family)
        do {
            switch name {
            case "quartic":
                return .quartic(try QuarticLandscape(barrier: values["barrier"]!, a: values["a"] ?? 1,
                                                     tilt: values["tilt"] ?? 0))
            default:
                return .piecewiseQuadratic(try PiecewiseQuadraticLandscape(
                    ha: values["ha"]!, hb: values["hb"]!, barrier: values["barrier"]!, hc: values["hc"]))
            }
        } catch let error as InvalidParameter {
            throw error
        } catch {
            throw InvalidParameter("landscape", given: "'\(text)'", allowed: "a landscape whose critical points can be found (\(error))")
        }
    }

    /// `rough:amplitude=ε,correlation=ℓ,seed=s,of=SPEC` (`of=` takes the rest; SPEC 1-D and not rough).
    static func parseRough(_ body: Substring) throws(InvalidParameter) -> LandscapeModel {
        guard let ofRange = body.range(of: "of=") else {
            throw InvalidParameter("of", given: "missing", allowed: "rough:amplitude=ε,correlation=ℓ,seed=s,of=SPEC with SPEC a 1-D spec")
        }
        let head = body[..<ofRange.lowerBound].trimmingCharacters(in: CharacterSet(charactersIn: ", "))
        let values = try parameters(Substring(head), family: (name: "rough", required: ["amplitude", "correlation"], optional: ["seed"]))
        let inner = String(body[ofRange.upperBound...])
        let base = try parse(inner)
        if case .rough = base { throw InvalidParameter("of", given: "'\(inner)'", allowed: "a smooth 1-D spec (quartic or pq)") }
        let seed = values["seed"] ?? 1
        guard seed >= 0, seed == seed.rounded(), seed < 9e15 else {
            throw InvalidParameter("seed", given: Validate.format(seed), allowed: "a whole number ≥ 0")
        }
        return .rough(try RoughLandscape(base: base, amplitude: values["amplitude"]!, correlation: values["correlation"]!,
                                         seed: UInt64(seed)))
    }

    private static func split(_ text: String) -> (String, Substring) {
        guard let colon = text.firstIndex(of: ":") else { return (text, "") }
        return (String(text[..<colon]), text[text.index(after: colon)...])
    }

    private static func parameters(
        _ body: Substring, family: (name: String, required: [String], optional: [String])
    ) throws(InvalidParameter) -> [String: Double] {
        let allowedKeys = family.required + family.optional
        var values: [String: Double] = [:]
        let items = body.isEmpty ? [] : body.split(separator: ",", omittingEmptySubsequences: false)
        for item in items {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = parts[0].trimmingCharacters(in: .whitespaces)
            guard parts.count == 2 else {
                throw InvalidParameter("\(family.name) parameter", given: "'\(item)'", allowed: "key=value with key one of \(allowedKeys.joined(separator: ", "))")
            }
            guard allowedKeys.contains(key) else {
                throw InvalidParameter("\(family.name) parameter", given: "'\(key)'", allowed: allowedKeys.joined(separator: ", "))
            }
            guard values[key] == nil else {
                throw InvalidParameter(key, given: "given twice", allowed: "each parameter once")
            }
            let raw = parts[1].trimmingCharacters(in: .whitespaces)
            guard let value = Double(raw), value.isFinite else {
                throw InvalidParameter(key, given: "'\(raw)'", allowed: "a finite number")
            }
            values[key] = value
        }
        for key in family.required where values[key] == nil {
            throw InvalidParameter(key, given: "missing", allowed: "a finite number (required by \(family.name))")
        }
        return values
    }
}
