import Foundation
import NumericKit

/// Parses landscape spec strings: `family:key=value,key=value`, the family one of
/// ``LandscapeRegistry``'s (`escape --help` lists them with their parameters):
///
///     quartic:barrier=1,a=1,tilt=0     barrier required; a = 1, tilt = 0 by default
///     pq:ha=4,hb=2,barrier=0.5,hc=1    ha, hb, barrier required; hc = ha by default
///
/// Every failure is an ``InvalidParameter`` naming the parameter, the text given and
/// what is allowed.
public enum LandscapeSpec {
    public static func parse(_ text: String) throws(InvalidParameter) -> LandscapeModel {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let (name, body) = split(trimmed)
        guard let family = LandscapeRegistry.family(named: name) else {
            throw InvalidParameter("landscape", given: "'\(text)'",
                                   allowed: "one of \(LandscapeRegistry.names) followed by :key=value,…")
        }
        return LandscapeModel(try family.parse(body: body))
    }

    private static func split(_ text: String) -> (String, Substring) {
        guard let colon = text.firstIndex(of: ":") else { return (text, "") }
        return (String(text[..<colon]), text[text.index(after: colon)...])
    }

    /// The numbers of a `key=value,…` body against a family's parameters, defaults filled in.
    static func numbers(_ body: Substring, family: String, parameters: [LandscapeParameter]) throws(InvalidParameter) -> [String: Double] {
        let allowedKeys = parameters.map(\.name)
        var values: [String: Double] = [:]
        let items = body.isEmpty ? [] : body.split(separator: ",", omittingEmptySubsequences: false)
        for item in items {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = parts[0].trimmingCharacters(in: .whitespaces)
            guard parts.count == 2 else {
                throw InvalidParameter("\(family) parameter", given: "'\(item)'", allowed: "key=value with key one of \(allowedKeys.joined(separator: ", "))")
            }
            guard allowedKeys.contains(key) else {
                throw InvalidParameter("\(family) parameter", given: "'\(key)'", allowed: allowedKeys.joined(separator: ", "))
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
        for p in parameters where values[p.name] == nil {
            if p.isRequired {
                throw InvalidParameter(p.name, given: "missing", allowed: "a finite number (required by \(family))")
            }
            values[p.name] = p.defaultValue
        }
        return values
    }
}
