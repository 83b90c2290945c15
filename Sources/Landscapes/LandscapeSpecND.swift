import Foundation
import NumericKit

/// A parsed landscape spec of any dimension.
public enum AnyLandscape: Sendable, Equatable {
    case oneDimensional(LandscapeModel)
    case multiDimensional(LandscapeNDModel)

    public var dimension: Int {
        switch self {
        case .oneDimensional: 1
        case .multiDimensional(let l): l.dimension
        }
    }
}

/// The d-dimensional spec strings:
///
///     separable:base=pq,ha=4,hb=2,barrier=0.5,spectators=1:10:100   (';' separates too)
///     styblinski-tang:d=2,k=1
///     gaussian-wells:d=2,sharp=0.5,flat=1,separation=2[,depth=1][,depthSharp=A,depthFlat=A]
///     rotated:seed=3,of=SPEC                (SPEC any d-dimensional spec; `of=` takes the rest)
///     file:PATH.json                        (see ``LandscapeFile``)
extension LandscapeSpec {
    public static let multiDimensionalFamilies = ["separable", "styblinski-tang", "gaussian-wells", "rotated", "file"]

    /// The spec forms for `--help`: the registered 1-D families, then the d-dimensional ones.
    public static var help: String {
        LandscapeRegistry.help + "\n" + """
        separable:base=FAMILY,<its parameters>,spectators=h₂:h₃:… — any 1-D family above along θ₁ plus \
        spectator curvatures hᵢ > 0, colon-separated (a list, not a range; ';' works too, but only quoted: \
        the shell ends the command at an unquoted ';'), or spectators=@PATH: a measured Hessian spectrum, \
        one eigenvalue > 0 per line. Example: separable:base=pq,ha=4,hb=2,barrier=0.5,spectators=1:10
        styblinski-tang:d=D[,k=1] — (k/2)·Σ(θᵢ⁴ − 16θᵢ² + 5θᵢ), 2^d minima. Example: 'styblinski-tang:d=2,k=1'
        gaussian-wells:d=D,sharp=σ₁,flat=σ₂,separation=s[,depth=A][,depthSharp=A₁,depthFlat=A₂] — a sharp and \
        a flat Gaussian well on the θ₁ axis. Example: 'gaussian-wells:d=2,sharp=0.5,flat=1,separation=2'
        rotated:seed=N,of=SPEC — a d-dimensional SPEC composed with a seeded random rotation. \
        Example: 'rotated:seed=3,of=separable:base=quartic,barrier=1,spectators=2'
        file:PATH.json — a landscape file: {"spec": …} or gaussian wells with any centres (docs/usage.md)
        """
    }

    /// Parses a 1-D or d-dimensional spec.
    public static func parseAny(_ text: String) throws(InvalidParameter) -> AnyLandscape {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let name = trimmed.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
        if multiDimensionalFamilies.contains(name) { return .multiDimensional(try parseND(trimmed)) }
        do {
            return .oneDimensional(try parse(trimmed))
        } catch let error where error.parameter == "landscape" {
            throw InvalidParameter("landscape", given: "'\(text)'",
                                   allowed: "one of \((LandscapeRegistry.families.map { $0.family } + multiDimensionalFamilies).joined(separator: ", ")) followed by :key=value,…")
        }
    }

    /// Parses a d-dimensional spec.
    public static func parseND(_ text: String) throws(InvalidParameter) -> LandscapeNDModel {
        let parts = text.split(separator: ":", maxSplits: 1)
        let name = String(parts[0]), body = parts.count > 1 ? String(parts[1]) : ""
        switch name {
        case "rotated":
            guard let ofRange = body.range(of: "of=") else {
                throw InvalidParameter("of", given: "missing", allowed: "rotated:seed=N,of=SPEC with SPEC a d-dimensional spec")
            }
            let head = body[..<ofRange.lowerBound].trimmingCharacters(in: CharacterSet(charactersIn: ", "))
            let values = try keyValues(Substring(head), family: "rotated", allowed: ["seed"])
            guard let seedText = values["seed"], let seed = UInt64(seedText) else {
                throw InvalidParameter("seed", given: values["seed"] ?? "missing", allowed: "a whole number ≥ 0")
            }
            let inner = String(body[ofRange.upperBound...])
            let base: LandscapeNDModel
            switch try parseAny(inner) {
            case .multiDimensional(let l): base = l
            case .oneDimensional:
                throw InvalidParameter("of", given: "'\(inner)'", allowed: "a d-dimensional spec (a rotation of a 1-D landscape is a reflection at most)")
            }
            if let parts = base.separableParts, !parts.base.isSmooth {
                throw InvalidParameter("of", given: "'\(inner)'", allowed: "a smooth d-dimensional spec (a rotated rough landscape has no known macroscopic geometry)")
            }
            return .rotated(RotatedLandscape(base: base, seed: seed))
        case "separable":
            let values = try keyValues(Substring(body), family: "separable", allowed: nil)
            guard let baseName = values["base"] else {
                throw InvalidParameter("base", given: "missing", allowed: "a 1-D family: \(LandscapeRegistry.names)")
            }
            let spectators: [Double]
            if let text = values["spectators"], text.hasPrefix("@") {
                spectators = try SpectrumFile.read(String(text.dropFirst()))
            } else if let text = values["spectators"] {
                spectators = try text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == ":" || $0 == ";" }).map { item throws(InvalidParameter) in
                    guard let h = Double(item.trimmingCharacters(in: .whitespaces)), h.isFinite, h > 0 else {
                        throw InvalidParameter("spectators", given: "'\(text)'", allowed: "curvatures > 0 separated by ':'")
                    }
                    return h
                }
                guard !spectators.isEmpty else {
                    throw InvalidParameter("spectators", given: "'\(text)'", allowed: "at least one curvature > 0")
                }
            } else {
                throw InvalidParameter("spectators", given: "missing", allowed: "curvatures > 0 separated by ':' (d − 1 of them), or @PATH")
            }
            let rest = body.split(separator: ",").filter { !$0.hasPrefix("base=") && !$0.hasPrefix("spectators=") }
            let base = try parse("\(baseName):" + rest.joined(separator: ","))
            return try .separable(base: base, spectators: spectators)
        case "styblinski-tang":
            let values = try numbers(body, family: name, required: ["d"], optional: ["k"])
            return .styblinskiTang(try StyblinskiTangLandscape(dimension: try wholeNumber(values["d"]!, "d"), k: values["k"] ?? 1))
        case "gaussian-wells":
            let values = try numbers(body, family: name, required: ["d", "sharp", "flat", "separation"],
                                     optional: ["depth", "depthSharp", "depthFlat"])
            let depth = values["depth"] ?? 1
            return .gaussianWells(try GaussianWellsLandscape(
                dimension: try wholeNumber(values["d"]!, "d"), sharp: values["sharp"]!, flat: values["flat"]!,
                separation: values["separation"]!, depthSharp: values["depthSharp"] ?? depth, depthFlat: values["depthFlat"] ?? depth))
        default: // file
            return try LandscapeFile.load(path: body)
        }
    }

    private static func wholeNumber(_ x: Double, _ name: String) throws(InvalidParameter) -> Int {
        guard x == x.rounded(), x >= 1, x <= 1000 else {
            throw InvalidParameter(name, given: Validate.format(x), allowed: "a whole number in 1…1000")
        }
        return Int(x)
    }

    /// key=value pairs as text; `allowed` nil accepts any key (separable forwards the rest).
    private static func keyValues(_ body: Substring, family: String, allowed: [String]?) throws(InvalidParameter) -> [String: String] {
        var values: [String: String] = [:]
        for item in body.split(separator: ",") {
            let kv = item.split(separator: "=", maxSplits: 1)
            guard kv.count == 2 else {
                throw InvalidParameter("\(family) parameter", given: "'\(item)'", allowed: "key=value")
            }
            let key = kv[0].trimmingCharacters(in: .whitespaces)
            if let allowed, !allowed.contains(key) {
                throw InvalidParameter("\(family) parameter", given: "'\(key)'", allowed: allowed.joined(separator: ", "))
            }
            guard values[key] == nil else { throw InvalidParameter(key, given: "given twice", allowed: "each parameter once") }
            values[key] = kv[1].trimmingCharacters(in: .whitespaces)
        }
        return values
    }

    private static func numbers(_ body: String, family: String, required: [String], optional: [String]) throws(InvalidParameter) -> [String: Double] {
        let text = try keyValues(Substring(body), family: family, allowed: required + optional)
        var values: [String: Double] = [:]
        for (key, raw) in text {
            guard let x = Double(raw), x.isFinite else { throw InvalidParameter(key, given: "'\(raw)'", allowed: "a finite number") }
            values[key] = x
        }
        for key in required where values[key] == nil {
            throw InvalidParameter(key, given: "missing", allowed: "a finite number (required by \(family))")
        }
        return values
    }
}

/// The JSON file form of a landscape, for what a spec string cannot say:
///
///     {"family": "gaussian-wells", "centers": [[-1, 0], [1.5, 0.5]], "widths": [0.4, 1], "depths": [1, 1.2],
///      "rotationSeed": 3}
///     {"spec": "separable:base=pq,ha=4,hb=2,barrier=0.5,spectators=1:10"}
///
/// `rotationSeed` (optional) composes the result with a seeded rotation.
public struct LandscapeFile: Codable, Sendable {
    public var family: String?
    public var spec: String?
    public var centers: [[Double]]?
    public var widths: [Double]?
    public var depths: [Double]?
    public var rotationSeed: UInt64?

    public static func load(path: String) throws(InvalidParameter) -> LandscapeNDModel {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw InvalidParameter("landscape file", given: "'\(path)'", allowed: "a readable JSON file (\(error.localizedDescription))")
        }
        let file: LandscapeFile
        do { file = try JSONDecoder().decode(LandscapeFile.self, from: data) } catch {
            throw InvalidParameter("landscape file", given: "'\(path)'", allowed: "JSON with either \"spec\" or \"family\": \"gaussian-wells\", \"centers\", \"widths\", \"depths\" (\(error))")
        }
        var model: LandscapeNDModel
        if let spec = file.spec {
            model = try LandscapeSpec.parseND(spec)
        } else if file.family == "gaussian-wells", let c = file.centers, let w = file.widths, let a = file.depths {
            model = .gaussianWells(try GaussianWellsLandscape(centers: c, widths: w, depths: a))
        } else {
            throw InvalidParameter("landscape file", given: "'\(path)'", allowed: "\"spec\", or \"family\": \"gaussian-wells\" with \"centers\", \"widths\", \"depths\"")
        }
        if let seed = file.rotationSeed { model = .rotated(RotatedLandscape(base: model, seed: seed)) }
        return model
    }
}
