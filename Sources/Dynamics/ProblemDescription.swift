import Landscapes
import NumericKit

/// A parameter's value as a user writes it: a number or a word (`0.1`, `"adam"`).
public enum ParameterValue: Sendable, Hashable, Codable, CustomStringConvertible {
    case number(Double)
    case text(String)

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let x = try? container.decode(Double.self) {
            self = .number(x)
        } else {
            self = .text(try container.decode(String.self))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .number(let x): try container.encode(x)
        case .text(let s): try container.encode(s)
        }
    }

    /// Numbers in shortest round-trip form (`0.1`, `4`), words as they are.
    public var description: String {
        switch self {
        case .number(let x): Validate.format(x)
        case .text(let s): s
        }
    }
}

/// `sde` (the reduced SDE) or `discrete` (the optimizer's own iteration).
public enum ModelKind: String, CaseIterable, Sendable, Codable { case sde, discrete }

/// An escape problem as the user states it — the command line's options, by the same names —
/// before validation. ``build()`` turns it into an ``EscapeProblem`` or ``EscapeProblemND``
/// and refuses every option that does not apply (e.g. `batch` with isotropic noise, `beta1`
/// with SGD), so that `escape simulate` and a sweep file accept exactly the same problems.
public struct ProblemDescription: Sendable, Equatable {
    public var landscape: String
    public var optimizer: OptimizerKind = .sgd
    public var eps: Double?
    public var beta1: Double?
    public var beta2: Double?
    public var switchRate: Double?
    public var blend: Double?
    public var momentum: Double?
    public var learningRate: Double = 0.1
    public var noise: NoiseKind = .isotropic
    public var sigma2: Double?
    public var batch: Double?
    public var noiseFloor: Double?
    /// The tail index α and scale c of `--noise alpha-stable`.
    public var alpha: Double?
    public var scale: Double?
    public var model: ModelKind = .sde
    public var integrator: IntegratorKind?
    public var dt: Double?
    public var maxSteps: Int = 100_000_000
    public var escapeAt: String = "midpoint"
    public var from: StartSide?
    public var fromMinimum: Int?
    public var preconditioner: PreconditionerForm?
    public var divergenceRadius: Double?
    /// `--lr-schedule`, as written (``LearningRateSchedule/parse(_:)``); nil: constant.
    public var lrSchedule: String?

    public init(landscape: String) { self.landscape = landscape }

    /// A validated problem of either dimension.
    public enum Built: Sendable {
        case oneDimensional(EscapeProblem)
        case multiDimensional(EscapeProblemND)
    }

    /// The validated problem; every inconsistency is an ``InvalidParameter``.
    public func build() throws -> Built {
        switch try LandscapeSpec.parseAny(landscape) {
        case .oneDimensional: return .oneDimensional(try oneDimensional())
        case .multiDimensional(let l):
            try refuse(from, "from", "1-D landscapes (use --from-minimum in d > 1)")
            if let lrSchedule, try LearningRateSchedule.parse(lrSchedule) != .constant {
                try refuse(lrSchedule, "lr-schedule", "1-D landscapes (the d-dimensional runs take a constant η)")
            }
            if optimizer.hasConstantPreconditioner {
                try refuse(preconditioner, "preconditioner", "--optimizer " + OptimizerRegistry.names { !$0.hasConstantPreconditioner } + " (P depends on C)")
            }
            let (noiseSpec, dynamics) = try noiseAndModel()
            return .multiDimensional(try EscapeProblemND(
                landscape: l, from: fromMinimum ?? 0, target: try EscapeTargetND.parse(escapeAt), optimizer: optimizer,
                noise: noiseSpec, learningRate: learningRate, model: dynamics, form: preconditioner ?? .elementwise,
                maxSteps: maxSteps, divergenceRadius: divergenceRadius, settings: try settings(dynamics)))
        }
    }

    /// The validated 1-D problem.
    public func oneDimensional() throws -> EscapeProblem {
        let parsed = try LandscapeSpec.parse(landscape)
        try refuse(fromMinimum, "from-minimum", "d > 1 (use --from left|right in 1-D)")
        try refuse(preconditioner, "preconditioner", "d > 1 (in 1-D elementwise and full coincide)")
        let (noiseSpec, dynamics) = try noiseAndModel()
        return try EscapeProblem(
            landscape: parsed, side: from ?? .left, target: try EscapeTarget.parse(escapeAt),
            optimizer: optimizer, noise: noiseSpec, learningRate: learningRate, model: dynamics,
            maxSteps: maxSteps, divergenceRadius: divergenceRadius, settings: try settings(dynamics),
            schedule: try lrSchedule.map(LearningRateSchedule.parse) ?? .constant)
    }

    private func noiseAndModel() throws(InvalidParameter) -> (NoiseSpec, DynamicsModel) {
        var given: [NoiseParameter: Double] = [:]
        given[.sigma2] = sigma2; given[.batch] = batch; given[.noiseFloor] = noiseFloor
        given[.alpha] = alpha; given[.scale] = scale
        let noiseSpec = try NoiseSpec(name: noise.rawValue, values: given)
        let dynamics: DynamicsModel
        switch model {
        case .sde: dynamics = .sde(integrator: integrator ?? .automatic, dt: dt)
        case .discrete:
            try refuse(dt, "dt", "--model sde (the discrete iteration steps by the learning rate)")
            try refuse(integrator, "integrator", "--model sde")
            dynamics = .discrete
        }
        return (noiseSpec, dynamics)
    }

    /// The optimizer's hyper-parameters, refusing those that do not apply (its model's
    /// ``OptimizerModel/parameters``; β1 and β2 shape the discrete iteration only) and
    /// combinations its model refuses.
    private func settings(_ dynamics: DynamicsModel) throws(InvalidParameter) -> OptimizerSettings {
        let model = optimizer.model
        let values: [(OptimizerParameter, Double?)] = [(.eps, eps), (.beta1, beta1), (.beta2, beta2), (.blend, blend),
                                                       (.switchRate, switchRate), (.momentum, momentum)]
        var given = Set<OptimizerParameter>()
        for (parameter, value) in values {
            guard let value else { continue }
            given.insert(parameter)
            if !model.parameters.contains(parameter) {
                try refuse(value, parameter.rawValue, "--optimizer " + OptimizerRegistry.names { $0.parameters.contains(parameter) })
            }
            if parameter.isDiscreteOnly && dynamics != .discrete {
                try refuse(value, parameter.rawValue, "--model discrete (the reduced SDE takes β1 = 0, β2 → 1)")
            }
        }
        let defaults = model.defaults
        let settings = OptimizerSettings(beta1: beta1 ?? defaults.beta1, beta2: beta2 ?? defaults.beta2, epsilon: eps ?? defaults.epsilon,
                                         switchRate: switchRate ?? defaults.switchRate, momentum: momentum ?? defaults.momentum,
                                         blend: blend)
        try model.validate(settings, given: given, model: dynamics)   // ranges: EscapeProblem's init
        return settings
    }

    private func refuse<T>(_ value: T?, _ name: String, _ appliesTo: String) throws(InvalidParameter) {
        if let value {
            throw InvalidParameter(name, given: "\(value)", allowed: "only with \(appliesTo)")
        }
    }
}

// MARK: - Setting options by name (sweep files)

extension ProblemDescription {
    /// The option names ``set(_:to:)`` accepts, as on the command line (without `--`).
    public static let optionNames = [
        "landscape", "optimizer", "eps", "beta1", "beta2", "switch-rate", "blend", "momentum", "lr", "noise", "sigma2",
        "batch", "noise-floor", "alpha", "scale", "model", "integrator", "dt", "max-steps", "escape-at", "from", "from-minimum",
        "preconditioner", "divergence-radius", "lr-schedule",
    ]

    /// Sets the option `name` (a command-line option name, `landscape.KEY` for one parameter of
    /// the landscape spec, or `lr-schedule.KEY` for one of the schedule's) to `value`, checking
    /// its type. Ranges and
    /// consistency are checked by ``build()``.
    public mutating func set(_ name: String, to value: ParameterValue) throws(InvalidParameter) {
        if name.hasPrefix("landscape.") {
            // Numbers for most keys; text for list-valued ones such as `spectators` ("1;10;100").
            let key = String(name.dropFirst("landscape.".count))
            switch value {
            case .number: landscape = try Self.replacing(key: key, in: landscape, with: try number(name, value))
            case .text(let text): landscape = try Self.replacing(key: key, in: landscape, withText: text)
            }
            return
        }
        if name.hasPrefix("lr-schedule.") {
            // One key of the schedule (`lr-schedule.min`), as `landscape.KEY` sets one of the spec's.
            let key = String(name.dropFirst("lr-schedule.".count))
            guard let schedule = lrSchedule, schedule.contains(":") else {
                throw InvalidParameter(name, given: Validate.format(try number(name, value)),
                                       allowed: "a key of an lr-schedule set in the sweep's base (cosine:… or step:…)")
            }
            lrSchedule = try Self.replacing(key: key, in: schedule, with: try number(name, value))
            return
        }
        switch name {
        case "landscape": landscape = try text(name, value)
        case "optimizer": optimizer = try word(name, value, OptimizerKind.self)
        case "eps": eps = try number(name, value)
        case "beta1": beta1 = try number(name, value)
        case "beta2": beta2 = try number(name, value)
        case "switch-rate": switchRate = try number(name, value)
        case "blend": blend = try number(name, value)
        case "momentum": momentum = try number(name, value)
        case "lr": learningRate = try number(name, value)
        case "noise": noise = try word(name, value, NoiseKind.self)
        case "sigma2": sigma2 = try number(name, value)
        case "batch": batch = try number(name, value)
        case "noise-floor": noiseFloor = try number(name, value)
        case "alpha": alpha = try number(name, value)
        case "scale": scale = try number(name, value)
        case "model": model = try word(name, value, ModelKind.self)
        case "integrator": integrator = try word(name, value, IntegratorKind.self)
        case "dt": dt = try number(name, value)
        case "max-steps": maxSteps = try whole(name, value)
        case "escape-at": escapeAt = try text(name, value)
        case "from": from = try word(name, value, StartSide.self)
        case "from-minimum": fromMinimum = try whole(name, value)
        case "preconditioner": preconditioner = try word(name, value, PreconditionerForm.self)
        case "divergence-radius": divergenceRadius = try number(name, value)
        case "lr-schedule": lrSchedule = try text(name, value)
        default:
            throw InvalidParameter("parameter", given: "'\(name)'",
                                   allowed: "one of \(Self.optionNames.joined(separator: ", ")), landscape.KEY or lr-schedule.KEY")
        }
    }

    /// `spec` with its top-level parameter `key` set to `value` (appended if absent).
    public static func replacing(key: String, in spec: String, with value: Double) throws(InvalidParameter) -> String {
        try replacing(key: key, in: spec, withText: Validate.format(value))
    }

    /// `spec` with its top-level parameter `key` set to the text `formatted`.
    public static func replacing(key: String, in spec: String, withText formatted: String) throws(InvalidParameter) -> String {
        guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber }) else {
            throw InvalidParameter("parameter", given: "'landscape.\(key)'", allowed: "landscape.KEY with KEY a parameter of the spec")
        }
        // A ':' only between numbers (a list such as spectators=1:10), never a nested spec.
        guard !formatted.contains(","), !formatted.contains(":") || formatted.split(separator: ":").allSatisfy({ Double($0) != nil }) else {
            throw InvalidParameter("landscape.\(key)", given: "'\(formatted)'", allowed: "a number, or a list of numbers separated by ':' (or ';')")
        }
        guard let colon = spec.firstIndex(of: ":") else { return spec + ":\(key)=\(formatted)" }
        let family = spec[..<colon]
        var items = spec[spec.index(after: colon)...].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        if let i = items.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix(key + "=") }) {
            items[i] = "\(key)=\(formatted)"
        } else {
            items.append("\(key)=\(formatted)")
        }
        return family + ":" + items.joined(separator: ",")
    }

    private func number(_ name: String, _ value: ParameterValue) throws(InvalidParameter) -> Double {
        guard case .number(let x) = value, x.isFinite else {
            throw InvalidParameter(name, given: "\(value)", allowed: "a finite number")
        }
        return x
    }

    private func whole(_ name: String, _ value: ParameterValue) throws(InvalidParameter) -> Int {
        let x = try number(name, value)
        guard x == x.rounded(), abs(x) < 9e15 else {
            throw InvalidParameter(name, given: "\(value)", allowed: "a whole number")
        }
        return Int(x)
    }

    private func text(_ name: String, _ value: ParameterValue) throws(InvalidParameter) -> String {
        guard case .text(let s) = value else { throw InvalidParameter(name, given: "\(value)", allowed: "a string") }
        return s
    }

    private func word<T: RawRepresentable & CaseIterable>(_ name: String, _ value: ParameterValue, _: T.Type) throws(InvalidParameter) -> T
    where T.RawValue == String {
        guard case .text(let s) = value, let v = T(rawValue: s) else {
            throw InvalidParameter(name, given: "\(value)", allowed: T.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return v
    }
}
