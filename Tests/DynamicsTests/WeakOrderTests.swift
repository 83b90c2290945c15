import Dynamics
import Foundation
import Landscapes
import NumericKit
import Testing

/// Geometric Brownian motion dX = aX dt + bX dW: E[Xₕᵏ] = xᵏ·exp((k·a + k(k−1)b²/2)·h) exactly.
private struct GeometricBrownianMotion: ScalarSDE {
    let a: Double, b: Double
    func drift(_ x: Double) -> Double { a * x }
    func diffusion(_ x: Double) -> Double { b * x }
    func diffusionSlope(_ x: Double) -> Double { b }
}

/// The declared weak orders, checked without Monte Carlo noise: a scheme of weak order p has
/// local weak error E[f(X₁)] − E[f(X(h))] = O(h^{p+1}) for smooth f (Kloeden & Platen 1992,
/// Thm 14.5.2 with §14.1). One step's expectation over z ~ N(0, 1) is computed exactly by
/// Gauss–Hermite quadrature (each scheme's X₁ is a polynomial of low degree in z for GBM), so
/// the fitted local order log₂(error(h)/error(h/2)) is a deterministic number.
@Suite("Weak order of the SDE schemes")
struct WeakOrderTests {
    /// Probabilists' Gauss–Hermite nodes and weights (Σw = 1) by Golub–Welsch on the Jacobi
    /// matrix of He_n (off-diagonal √k), with GSL's symmetric eigensolver.
    static func gaussHermite(_ n: Int) throws -> [(z: Double, w: Double)] {
        var jacobi = [Double](repeating: 0, count: n * n)
        for k in 1..<n { jacobi[k * n + k - 1] = Double(k).squareRoot(); jacobi[(k - 1) * n + k] = Double(k).squareRoot() }
        let eigen = try SymmetricEigen(symmetric: jacobi, dimension: n)
        return (0..<n).map { i in (eigen.values[i], eigen.vectors[i][0] * eigen.vectors[i][0]) }
    }

    /// Largest relative local error over E[X], E[X²], E[X³] after one step of size h from x = 1.
    static func localError<I: SDEIntegrator>(_ scheme: I, h: Double, nodes: [(z: Double, w: Double)]) -> Double {
        let sde = GeometricBrownianMotion(a: -0.7, b: 0.9)
        return (1...3).map { k -> Double in
            let kk = Double(k)
            let exact = exp((kk * sde.a + kk * (kk - 1) / 2 * sde.b * sde.b) * h)
            let mean = nodes.reduce(0.0) { $0 + $1.w * pow(scheme.advance(1, sde: sde, dt: h, sqrtDt: h.squareRoot(), normal: $1.z), kk) }
            return abs(mean - exact) / exact
        }.max()!
    }

    static func localOrder<I: SDEIntegrator>(_ scheme: I) throws -> Double {
        let nodes = try gaussHermite(24)
        return log2(localError(scheme, h: 0.02, nodes: nodes) / localError(scheme, h: 0.01, nodes: nodes))
    }

    @Test func gaussHermiteIntegratesNormalMoments() throws {
        let nodes = try Self.gaussHermite(24)
        let moments = (0...6).map { k in nodes.reduce(0.0) { $0 + $1.w * pow($1.z, Double(k)) } }
        for (k, expected) in [1.0, 0, 1, 0, 3, 0, 15].enumerated() { #expect(abs(moments[k] - expected) < 1e-10) }
    }

    /// Away from its interfaces the skew-Euler step is Euler–Maruyama's (docs/integrators.md §2):
    /// weak order 1 (its one interface here is far beyond every node's reach).
    @Test func skewEulerAwayFromInterfacesHasWeakOrderOne() throws {
        let far = SkewEuler(interfaces: [DiffusionInterface(position: 1e3, left: 1, right: 2)])
        #expect(abs(try Self.localOrder(far) - (SkewEuler.weakOrder + 1)) < 0.15)
    }

    /// Local error O(h^{p+1}): the fitted exponent within 0.15 of weakOrder + 1 (the next term
    /// of the expansion shifts it by O(h) ≈ 2%). Every registered scheme — including ones added
    /// later — built as a run builds it (for a
    /// reduced SDE without jumps), has the weak order it declares and converges to the calculus
    /// that the SDEs and the predictions are written in.
    @Test func everyRegisteredSchemeHasItsDeclaredWeakOrderAndTheSDEsCalculus() throws {
        let sde = ReducedSDE(landscape: try QuarticLandscape(barrier: 1), noise: IsotropicNoise(sigma2: 1),
                             preconditioner: SGDPreconditioner(), learningRate: 0.1)
        struct Check: IntegratorVisitor {
            let sde: ReducedSDE<QuarticLandscape, IsotropicNoise, SGDPreconditioner>
            var orders: [String: (measured: Double, declared: Double)] = [:]
            var calculi: [String: String] = [:]
            mutating func visit<I: SDEIntegrator>(_ integrator: I.Type) {
                orders[I.name] = ((try? WeakOrderTests.localOrder(I(for: sde))) ?? .nan, I.weakOrder)
                calculi[I.name] = I.interpretation
            }
        }
        var check = Check(sde: sde)
        IntegratorRegistry.forEach(&check)
        #expect(check.orders.count == IntegratorRegistry.schemes.count && check.orders.count >= 4)
        for (name, order) in check.orders {
            #expect(abs(order.measured - (order.declared + 1)) < 0.15, "\(name): local order \(order.measured), declared weak order \(order.declared)")
            #expect(check.calculi[name] == ReducedSDE<QuarticLandscape, IsotropicNoise, SGDPreconditioner>.interpretation)
        }
    }

    /// With g constant Platen's step is Heun's drift plus the Euler noise step.
    @Test func platenWithAdditiveNoiseIsHeunDrift() {
        struct OrnsteinUhlenbeck: ScalarSDE {
            func drift(_ x: Double) -> Double { -2 * x }
            func diffusion(_ x: Double) -> Double { 0.5 }
            func diffusionSlope(_ x: Double) -> Double { 0 }
        }
        let sde = OrnsteinUhlenbeck(), x = 0.3, h = 0.01, z = -1.2
        let predicted = x + sde.drift(x) * h + 0.5 * h.squareRoot() * z
        let heun = x + 0.5 * (sde.drift(x) + sde.drift(predicted)) * h + 0.5 * h.squareRoot() * z
        #expect(abs(PlatenWeakTwo().advance(x, sde: sde, dt: h, sqrtDt: h.squareRoot(), normal: z) - heun) < 1e-15)
    }
}
