import NumericKit

/// The optimizers' hyper-parameters beyond the learning rate. Defaults are those of the
/// DualAdam authors' code (github.com/LongJin-lab/DualAdam, DualAdam.py; docs/theory.md §7):
/// β = (0.9, 0.999), ε = 1e-8, switch rate ξ = 0.01; heavy-ball momentum β = 0.9.
public struct OptimizerSettings: Sendable, Equatable, Codable {
    /// β1: decay of Adam's first moment m.
    public var beta1: Double
    /// β2: decay of Adam's second moment v.
    public var beta2: Double
    /// ε, added outside the square root: n = √v̂ + ε.
    public var epsilon: Double
    /// ξ of DualAdam's schedule r = max(0, 1 − t·ξ).
    public var switchRate: Double
    /// β of heavy-ball momentum.
    public var momentum: Double
    /// DualAdam's blend held fixed at r (no schedule, no switch); nil: the authors' schedule.
    public var blend: Double?

    public init(beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8, switchRate: Double = 0.01,
                momentum: Double = 0.9, blend: Double? = nil) {
        self.beta1 = beta1; self.beta2 = beta2; self.epsilon = epsilon
        self.switchRate = switchRate; self.momentum = momentum; self.blend = blend
    }

    /// Validates the settings and their fit with the optimizer and the dynamics
    /// (``OptimizerModel/validate(_:given:model:)``: e.g. scheduled DualAdam has no autonomous
    /// reduced SDE, so `--model sde` needs a held blend).
    public func validate(for optimizer: OptimizerKind, model: DynamicsModel) throws(InvalidParameter) {
        try validate()
        try optimizer.model.validate(self, given: [], model: model)
    }

    /// Throws an ``InvalidParameter`` naming the first value out of range.
    public func validate() throws(InvalidParameter) {
        try Validate.inHalfOpenUnitInterval(beta1, "beta1")
        try Validate.inHalfOpenUnitInterval(beta2, "beta2")
        try Validate.nonNegative(epsilon, "eps")
        // ξ ≥ 1e-9: the switch step K = 1/ξ stays below 10⁹ steps (the hazard sums step by step).
        guard switchRate.isFinite, switchRate >= 1e-9 else {
            throw InvalidParameter("switch-rate", given: Validate.format(switchRate), allowed: "a number ≥ 1e-9 (switch step 1/ξ ≤ 10⁹)")
        }
        try Validate.inHalfOpenUnitInterval(momentum, "momentum")
        if let blend { try Validate.inClosedInterval(blend, 0, 1, "blend") }
    }
}

/// Which form of the dynamics is simulated.
public enum DynamicsModel: Sendable, Equatable, Codable {
    /// The reduced SDE, integrated at step `dt` (nil: the default, 0.01 over the fastest
    /// relaxation rate P·|L″| at the critical points). `automatic` refines dt locally
    /// (``StepSizeProfile``) and crosses jumps of g exactly (``SkewEuler``); a named
    /// integrator runs on the uniform grid dt.
    case sde(integrator: IntegratorKind, dt: Double?)
    /// The optimizer's discrete iteration, one optimizer step at a time.
    case discrete

    public var name: String {
        switch self {
        case .sde: "sde"
        case .discrete: "discrete"
        }
    }

    /// Throws if a requested SDE step is not a finite number > 0.
    public func validate() throws(InvalidParameter) {
        if case .sde(_, let dt?) = self { try Validate.positive(dt, "dt") }
    }
}

/// Which minimum the walker starts in; it escapes over the saddle on the other side.
public enum StartSide: String, CaseIterable, Sendable, Codable {
    /// The leftmost minimum, escaping to the right.
    case left
    /// The rightmost minimum, escaping to the left.
    case right
}

/// Where escape is declared: the first passage time to this point (docs/theory.md §1).
public enum EscapeTarget: Sendable, Equatable, Codable {
    /// Midway between the saddle and the next minimum (the default).
    case midpoint
    /// The saddle itself: the passage time is about half the escape time.
    case saddle
    /// The next minimum.
    case minimum
    /// A given x, in the landscape's own coordinates.
    case point(Double)

    /// Parses `midpoint`, `saddle`, `minimum` or `x=VALUE`.
    public static func parse(_ text: String) throws(InvalidParameter) -> EscapeTarget {
        switch text {
        case "midpoint": return .midpoint
        case "saddle": return .saddle
        case "minimum": return .minimum
        default:
            if text.hasPrefix("x="), let x = Double(text.dropFirst(2)), x.isFinite { return .point(x) }
            throw InvalidParameter("escape-at", given: "'\(text)'", allowed: "midpoint, saddle, minimum or x=NUMBER")
        }
    }

    public var description: String {
        switch self {
        case .midpoint: "midpoint"
        case .saddle: "saddle"
        case .minimum: "minimum"
        case .point(let x): "x=\(Validate.format(x))"
        }
    }
}
