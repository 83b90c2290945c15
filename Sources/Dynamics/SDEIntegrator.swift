import NumericKit

/// A one-step scheme for a scalar Itô SDE, advancing X by dt with Brownian increment
/// ΔW = √dt·z, z ~ N(0, 1).
///
/// Every scheme states its orders and interpretation; the table in docs/integrators.md
/// lists them side by side.
public protocol SDEIntegrator: Sendable {
    /// X(t + dt) from X(t) = x.
    func advance<S: ScalarSDE>(_ x: Double, sde: S, dt: Double, sqrtDt: Double, normal z: Double) -> Double
    /// X(t + dt) from X(t) = x, for schemes that draw more than the one normal z per step
    /// (``SkewEuler``'s interface coin) from the trajectory's own stream `random`. The
    /// default ignores `random`.
    func advance<S: ScalarSDE, R: RandomSource>(_ x: Double, sde: S, dt: Double, sqrtDt: Double,
                                                normal z: Double, random: R) -> Double
    /// Strong order of convergence for general (multiplicative) noise.
    static var strongOrder: Double { get }
    /// Weak order of convergence.
    static var weakOrder: Double { get }
    /// The stochastic calculus the scheme converges to.
    static var interpretation: String { get }
    /// The command-line name.
    static var name: String { get }
}

extension SDEIntegrator {
    @inlinable @inline(__always)
    public func advance<S: ScalarSDE, R: RandomSource>(_ x: Double, sde: S, dt: Double, sqrtDt: Double,
                                                       normal z: Double, random: R) -> Double {
        advance(x, sde: sde, dt: dt, sqrtDt: sqrtDt, normal: z)
    }
}

/// The integrators selectable with `--integrator`.
public enum IntegratorKind: String, CaseIterable, Sendable, Codable {
    /// `skew-euler` where the diffusion coefficient jumps on the escape path; where D changes
    /// fast but smoothly, `platen` on the steps of ``StepSizeProfile`` (refined there, up to
    /// 4·dt where D is smooth); else `euler-maruyama` (docs/integrators.md §1).
    case automatic = "auto"
    case eulerMaruyama = "euler-maruyama"
    case milstein
    case skewEuler = "skew-euler"
    case platen
}
