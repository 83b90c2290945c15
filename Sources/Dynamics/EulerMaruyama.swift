import Landscapes

/// Euler–Maruyama: X ← X + μ(X)·dt + g(X)·ΔW.
///
/// Strong order 1/2 (1 for additive noise), weak order 1, Itô. Kloeden & Platen,
/// "Numerical Solution of Stochastic Differential Equations" (1992), §10.2. With dt = η it
/// is exactly the discrete optimizer iteration θ ← θ − ηP(L′ + ξ) (docs/theory.md §1).
public struct EulerMaruyama: SDEIntegrator {
    public init() {}
    @inlinable @inline(__always)
    public func advance<S: ScalarSDE>(_ x: Double, sde: S, dt: Double, sqrtDt: Double, normal z: Double) -> Double {
        x + sde.drift(x) * dt + sde.diffusion(x) * sqrtDt * z
    }
    public static var strongOrder: Double { 0.5 }
    public static var weakOrder: Double { 1 }
    public static var interpretation: String { "Itô" }
    public static var name: String { "euler-maruyama" }
    public static var help: String { "X ← X + μ·dt + g·ΔW: weak order 1, strong 1/2; the discrete optimizer rule at dt = η" }
    public init<L: Landscape1D, N: GradientNoise1D, P: Preconditioner1D>(for sde: ReducedSDE<L, N, P>) {}
    public static var multiDimensionalRefusal: String? { nil }
}

extension IntegratorKind {
    public static let eulerMaruyama = IntegratorKind(name: EulerMaruyama.name)
}
