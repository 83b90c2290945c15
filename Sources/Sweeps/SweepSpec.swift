import Dynamics
import Foundation
import NumericKit

/// A sweep: a base problem, axes whose grid of values is run point by point, and how each
/// point is simulated. Read from JSON (``load(path:)``), every field checked:
///
///     {
///       "name": "exponent",
///       "base": {"landscape": "pq:ha=2,hb=1,barrier=0.5", "noise": "frozen", "lr": 0.1},
///       "axes": [
///         {"parameter": "optimizer", "values": ["sgd", "adam", "invadam"]},
///         {"parameters": ["landscape.ha", "landscape.hb"], "values": [[2, 1], [4, 2], [8, 4]]},
///         {"parameter": "effective-barrier", "values": [3, 4, 5]}
///       ],
///       "trajectories": 2000, "seed": 2026, "allowance": 0.03,
///       "fits": [{"kind": "exponent"}]
///     }
///
/// A point runs by brute force unless its parameters say `"method": "ams"` (``EscapeMethod``:
/// adaptive multilevel splitting, with its options `replicas`, `splitting-runs`, … beside it);
/// `trajectories` is needed only when some point runs by brute force.
///
/// `base` and the axes use the command line's option names (`lr`, `batch`, `noise`,
/// `model`, `dt`, `lr-schedule`, …, ``ProblemDescription/optionNames``), `landscape.KEY` for one
/// parameter of the landscape spec, `lr-schedule.KEY` for one of the schedule's (e.g. `min`),
/// and `effective-barrier`: the landscape's `barrier` is solved so
/// that the predicted ΔΦ equals the value (``EffectiveBarrierSolver``). An axis with
/// `parameters` moves several options together (e.g. H_a and H_b at a fixed ratio). The
/// grid is the Cartesian product of the axes, the first outermost; point k runs with seed
/// `StreamSeeding.streamSeed(run: seed, stream: k)`, so its numbers do not depend on the
/// order, the threads or the sharding of the run.
public struct SweepSpec: Sendable, Equatable, Codable {
    public var name: String
    public var description: String?
    public var base: [String: ParameterValue]
    public var axes: [SweepAxis]
    /// Trajectories per brute-force point (absent when every point runs by splitting).
    public var trajectories: Int?
    public var seed: UInt64
    /// The stated discretisation allowance (relative) of the agreement verdicts.
    public var allowance: Double
    public var fits: [FitRequest]
    /// The random-number engine (`"rng"`; absent: GSL mt19937, the default engine).
    public var rng: RandomGenerator?

    public init(name: String, description: String? = nil, base: [String: ParameterValue], axes: [SweepAxis],
                trajectories: Int?, seed: UInt64, allowance: Double = 0.03, fits: [FitRequest] = [],
                rng: RandomGenerator? = nil) {
        self.name = name; self.description = description; self.base = base; self.axes = axes
        self.trajectories = trajectories; self.seed = seed; self.allowance = allowance; self.fits = fits
        self.rng = rng
    }

    /// The engine the points run on.
    public var generator: RandomGenerator { rng ?? .mt19937 }

    /// The derived parameter that solves for the landscape's barrier.
    public static let effectiveBarrier = "effective-barrier"

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, description, base, axes, trajectories, seed, allowance, fits, rng
    }

    public init(from decoder: Decoder) throws {
        let c = try StrictKeys.container(decoder, CodingKeys.self, in: "sweep file")
        name = try c.decode(String.self, forKey: .name)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        base = try c.decode([String: ParameterValue].self, forKey: .base)
        axes = try c.decodeIfPresent([SweepAxis].self, forKey: .axes) ?? []
        trajectories = try c.decodeIfPresent(Int.self, forKey: .trajectories)
        seed = try c.decode(UInt64.self, forKey: .seed)
        allowance = try c.decodeIfPresent(Double.self, forKey: .allowance) ?? 0.03
        fits = try c.decodeIfPresent([FitRequest].self, forKey: .fits) ?? []
        rng = try c.decodeIfPresent(RandomGenerator.self, forKey: .rng)
    }

    /// Reads and validates a sweep file.
    public static func load(path: String) throws(InvalidParameter) -> SweepSpec {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw InvalidParameter("sweep file", given: "'\(path)'", allowed: "a readable JSON file (\(error.localizedDescription))")
        }
        return try decode(data, source: path)
    }

    /// Decodes and validates JSON; decoding errors name the field (`axes[1].values`).
    public static func decode(_ data: Data, source: String = "sweep file") throws(InvalidParameter) -> SweepSpec {
        let spec: SweepSpec
        do {
            spec = try JSONDecoder().decode(SweepSpec.self, from: data)
        } catch let error as InvalidParameter {
            throw error
        } catch let DecodingError.keyNotFound(key, context) {
            throw InvalidParameter(StrictKeys.path(context.codingPath + [key]), given: "missing", allowed: "a value (see docs/sweeps.md)")
        } catch let DecodingError.typeMismatch(type, context) {
            throw InvalidParameter(StrictKeys.path(context.codingPath), given: "a value of the wrong type",
                                   allowed: "\(type) (\(context.debugDescription))")
        } catch let DecodingError.valueNotFound(type, context) {
            throw InvalidParameter(StrictKeys.path(context.codingPath), given: "null", allowed: "\(type)")
        } catch let DecodingError.dataCorrupted(context) {
            throw InvalidParameter(context.codingPath.isEmpty ? source : StrictKeys.path(context.codingPath),
                                   given: "unreadable JSON", allowed: "valid JSON (\(context.debugDescription))")
        } catch {
            throw InvalidParameter(source, given: "unreadable", allowed: "a sweep file as in docs/sweeps.md (\(error))")
        }
        try spec.validate()
        return spec
    }

    /// Checks the fields that do not need a problem built: names, counts, ranges.
    public func validate() throws(InvalidParameter) {
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw InvalidParameter("name", given: "'\(name)'", allowed: "a non-empty name of letters, digits, - and _")
        }
        guard base["landscape"] != nil else {
            throw InvalidParameter("base.landscape", given: "missing", allowed: "a landscape spec such as 'pq:ha=4,hb=2,barrier=0.5'")
        }
        if let trajectories, trajectories < 2 {
            throw InvalidParameter("trajectories", given: "\(trajectories)", allowed: "a whole number ≥ 2")
        }
        do { try Validate.nonNegative(allowance, "allowance") }
        for key in base.keys { try Self.checkName(key, field: "base.\(key)") }
        // An axis may override a base value; two axes may not set the same parameter.
        var onAxes = Set<String>()
        for (i, axis) in axes.enumerated() {
            try axis.validate(field: "axes[\(i)]")
            for p in axis.parameters {
                try Self.checkName(p, field: "axes[\(i)].parameter")
                guard onAxes.insert(p).inserted else {
                    throw InvalidParameter("axes[\(i)].parameter", given: "'\(p)' (already an axis)", allowed: "each parameter on one axis")
                }
            }
        }
        let count = axes.reduce(1) { $0 * $1.values.count }
        guard count <= 100_000 else {
            throw InvalidParameter("axes", given: "\(count) points", allowed: "at most 100000 points per sweep")
        }
        for (i, fit) in fits.enumerated() { try fit.validate(field: "fits[\(i)]") }
    }

    private static func checkName(_ name: String, field: String) throws(InvalidParameter) {
        if name == effectiveBarrier || name.hasPrefix("landscape.") || name.hasPrefix("lr-schedule.") || ProblemDescription.optionNames.contains(name)
            || EscapeMethod.parameterNames.contains(name) { return }
        throw InvalidParameter(field, given: "'\(name)'",
                               allowed: "one of \((ProblemDescription.optionNames + EscapeMethod.parameterNames).joined(separator: ", ")), landscape.KEY, lr-schedule.KEY or \(effectiveBarrier)")
    }

    /// Number of grid points.
    public var pointCount: Int { axes.reduce(1) { $0 * $1.values.count } }

    /// The seed of point `index`: independent of order, threads and sharding.
    public func seed(ofPoint index: Int) -> UInt64 { StreamSeeding.streamSeed(run: seed, stream: UInt64(index)) }
}

/// One axis of a sweep: one parameter and its values, or several moved together.
public struct SweepAxis: Sendable, Equatable, Codable {
    public var parameters: [String]
    /// One row per grid value: a value for each parameter.
    public var values: [[ParameterValue]]

    public init(_ parameter: String, _ values: [ParameterValue]) {
        parameters = [parameter]; self.values = values.map { [$0] }
    }

    public init(_ parameters: [String], _ values: [[ParameterValue]]) {
        self.parameters = parameters; self.values = values
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case parameter, parameters, values }

    public init(from decoder: Decoder) throws {
        let c = try StrictKeys.container(decoder, CodingKeys.self, in: "axis")
        if let single = try c.decodeIfPresent(String.self, forKey: .parameter) {
            guard !c.contains(.parameters) else {
                throw InvalidParameter(StrictKeys.path(c.codingPath), given: "both parameter and parameters",
                                       allowed: "\"parameter\" with a list of values, or \"parameters\" with a list of lists")
            }
            parameters = [single]
            values = try c.decode([ParameterValue].self, forKey: .values).map { [$0] }
        } else {
            guard let several = try c.decodeIfPresent([String].self, forKey: .parameters) else {
                throw InvalidParameter(StrictKeys.path(c.codingPath) + ".parameter", given: "missing",
                                       allowed: "\"parameter\": NAME or \"parameters\": [NAME, …]")
            }
            parameters = several
            values = try c.decode([[ParameterValue]].self, forKey: .values)
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        if parameters.count == 1 {
            try c.encode(parameters[0], forKey: .parameter)
            try c.encode(values.map { $0[0] }, forKey: .values)
        } else {
            try c.encode(parameters, forKey: .parameters)
            try c.encode(values, forKey: .values)
        }
    }

    func validate(field: String) throws(InvalidParameter) {
        guard !parameters.isEmpty, Set(parameters).count == parameters.count else {
            throw InvalidParameter("\(field).parameters", given: "\(parameters)", allowed: "one or more distinct parameter names")
        }
        guard !values.isEmpty else {
            throw InvalidParameter("\(field).values", given: "an empty list", allowed: "at least one value (an empty axis leaves no grid)")
        }
        for (j, row) in values.enumerated() where row.count != parameters.count {
            throw InvalidParameter("\(field).values[\(j)]", given: "\(row.count) values",
                                   allowed: "\(parameters.count), one for each of \(parameters.joined(separator: ", "))")
        }
        guard Set(values).count == values.count else {
            throw InvalidParameter("\(field).values", given: "a repeated value", allowed: "distinct values")
        }
    }
}

/// An analysis of a sweep's rows (``SweepFits``).
public struct FitRequest: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// The exponent p of ln τ ∝ (B/H)^p (docs/theory.md §0).
        case exponent
        /// The slope of ln τ against `x`, measured beside the exact prediction's slope.
        case arrhenius
        /// ln(τ_flat/τ_sharp) per optimizer from rows starting in either well (docs/theory.md §4).
        case selectivity
        /// Scheduled DualAdam: the fraction escaped by the switch step against the hazard (§7).
        case escapeFraction = "escape-fraction"
        /// The order p of the time-step bias 1 − τ/τ_exact ∝ dt^p (docs/integrators.md §3).
        case timeStepOrder = "time-step-order"
        /// c of Kramers/τ = 1 + c/ΔΦ + d/ΔΦ², measured and exact (docs/theory.md §4).
        case kramersAsymptotics = "kramers-asymptotics"
    }

    /// The x of an Arrhenius fit.
    public enum Abscissa: String, Sendable, Codable, CaseIterable {
        case inverseLearningRate = "inverse-lr"
        case batch
        case barrierOverLearningRate = "barrier-over-lr"
        case effectiveBarrier = "effective-barrier"
        /// ln(L_saddle/L_min), loss noise's power-law axis (docs/theory.md §13).
        case logLossRatio = "log-loss-ratio"
        /// ΔL itself, whatever else moves with it (α-stable noise: flat at a fixed width, §15).
        case barrier
        /// ln d, the jump law's width from the minimum to the saddle (α-stable noise: slope α, §15).
        case logWidth = "log-width"
    }

    public var kind: Kind
    public var x: Abscissa?

    public init(_ kind: Kind, x: Abscissa? = nil) { self.kind = kind; self.x = x }

    enum CodingKeys: String, CodingKey, CaseIterable { case kind, x }

    public init(from decoder: Decoder) throws {
        let c = try StrictKeys.container(decoder, CodingKeys.self, in: "fit")
        let raw = try c.decode(String.self, forKey: .kind)
        guard let k = Kind(rawValue: raw) else {
            throw InvalidParameter(StrictKeys.path(c.codingPath) + ".kind", given: "'\(raw)'",
                                   allowed: Kind.allCases.map(\.rawValue).joined(separator: ", "))
        }
        kind = k
        if let rawX = try c.decodeIfPresent(String.self, forKey: .x) {
            guard let a = Abscissa(rawValue: rawX) else {
                throw InvalidParameter(StrictKeys.path(c.codingPath) + ".x", given: "'\(rawX)'",
                                       allowed: Abscissa.allCases.map(\.rawValue).joined(separator: ", "))
            }
            x = a
        }
    }

    func validate(field: String) throws(InvalidParameter) {
        if kind == .arrhenius, x == nil {
            throw InvalidParameter("\(field).x", given: "missing", allowed: Abscissa.allCases.map(\.rawValue).joined(separator: ", "))
        }
        if kind != .arrhenius, let x {
            throw InvalidParameter("\(field).x", given: "'\(x.rawValue)'", allowed: "only with kind arrhenius")
        }
    }
}

/// Keyed decoding that refuses unknown keys (a misspelt field is an error, not a default).
enum StrictKeys {
    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int?
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { self.stringValue = "\(intValue)"; self.intValue = intValue }
    }

    static func container<K: CodingKey & CaseIterable>(_ decoder: Decoder, _: K.Type, in what: String) throws -> KeyedDecodingContainer<K> {
        let any = try decoder.container(keyedBy: AnyKey.self)
        let known = Set(K.allCases.map(\.stringValue))
        if let unknown = any.allKeys.map(\.stringValue).sorted().first(where: { !known.contains($0) }) {
            let prefix = path(decoder.codingPath)
            throw InvalidParameter(prefix.isEmpty ? unknown : "\(prefix).\(unknown)", given: "an unknown field in the \(what)",
                                   allowed: K.allCases.map(\.stringValue).joined(separator: ", "))
        }
        return try decoder.container(keyedBy: K.self)
    }

    /// `axes[1].values[2]`.
    static func path(_ keys: [CodingKey]) -> String {
        var text = ""
        for key in keys {
            if let i = key.intValue { text += "[\(i)]" } else { text += text.isEmpty ? key.stringValue : "." + key.stringValue }
        }
        return text
    }
}
