import NumericKit

/// The optimizers whose escape dynamics the toolkit models.
///
/// `adam` and `invadam` are modelled by their reduced SDEs (THEORY.md §0); their discrete
/// iterations (with moments, bias correction and the DualAdam schedule) are not built yet
/// and `--model discrete` refuses them.
public enum OptimizerKind: String, CaseIterable, Sendable, Codable {
    case sgd, adam, invadam

    /// Whether `--model discrete` is available.
    public var hasDiscreteIteration: Bool { self == .sgd }
}

/// The gradient-noise model (THEORY.md §2), with its parameters.
public enum NoiseSpec: Sendable, Equatable, Codable {
    /// C = σ².
    case isotropic(sigma2: Double)
    /// C = √(L″² + δ²)/B.
    case hessian(batch: Double, floor: Double)
    /// C = |L″ at the nearest critical point|/B, switching where L″ changes sign.
    case frozen(batch: Double)

    public var name: String {
        switch self {
        case .isotropic: "isotropic"
        case .hessian: "hessian"
        case .frozen: "frozen"
        }
    }

    public static let names = ["isotropic", "hessian", "frozen"]
}

/// Which form of the dynamics is simulated.
public enum DynamicsModel: Sendable, Equatable, Codable {
    /// The reduced SDE, integrated at step `dt` (nil: the default, 0.01 over the fastest
    /// relaxation rate P·|L″| at the critical points).
    case sde(integrator: IntegratorKind, dt: Double?)
    /// The optimizer's discrete iteration, one optimizer step at a time.
    case discrete

    public var name: String {
        switch self {
        case .sde: "sde"
        case .discrete: "discrete"
        }
    }
}

/// Which minimum the walker starts in; it escapes over the saddle on the other side.
public enum StartSide: String, CaseIterable, Sendable, Codable {
    /// The leftmost minimum, escaping to the right.
    case left
    /// The rightmost minimum, escaping to the left.
    case right
}

/// Where escape is declared: the first passage time to this point (THEORY.md §1).
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
