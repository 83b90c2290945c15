import Landscapes

/// Milstein: X ← X + μ·dt + g·ΔW + ½·g·g′·(ΔW² − dt).
///
/// Strong order 1, weak order 1, Itô. Kloeden & Platen (1992), §10.3. Coincides with
/// Euler–Maruyama when g is constant (isotropic noise) or piecewise constant (`frozen`,
/// or `hessian` on `pq`).
public struct Milstein: SDEIntegrator {
    public init() {}
    @inlinable @inline(__always)
    public func advance<S: ScalarSDE>(_ x: Double, sde: S, dt: Double, sqrtDt: Double, normal z: Double) -> Double {
        let g = sde.diffusion(x)
        let dW = sqrtDt * z
        return x + sde.drift(x) * dt + g * dW + 0.5 * g * sde.diffusionSlope(x) * (dW * dW - dt)
    }
    public static var strongOrder: Double { 1 }
    public static var weakOrder: Double { 1 }
    public static var interpretation: String { "Itô" }
    public static var name: String { "milstein" }
    public static var help: String { "Euler–Maruyama + g·g′·(ΔW² − dt)/2: strong order 1, weak 1" }
    public init<L: Landscape1D, N: GradientNoise1D, P: Preconditioner1D>(for sde: ReducedSDE<L, N, P>) {}
    public static var multiDimensionalRefusal: String? { "Milstein needs Lévy areas for non-commutative noise" }
}

extension IntegratorKind {
    public static let milstein = IntegratorKind(name: Milstein.name)
}
