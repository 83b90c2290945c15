import Foundation
import Landscapes
import NumericKit
import Testing
@testable import Dynamics

@Suite("Noise models, reduced SDEs, integrators, escape problems")
struct DynamicsTests {
    let quartic = try! QuarticLandscape(barrier: 1)
    let pq = try! PiecewiseQuadraticLandscape(ha: 4, hb: 2, barrier: 0.5, hc: 1)

    @Test func hessianNoise() {
        let noise = HessianNoise(landscape: quartic, batch: 2, floor: 0.3)
        for x in [-1.2, -0.5, 0.1, 0.9] {
            let h = quartic.secondDerivative(x)
            #expect(noise.variance(at: x) == (h * h + 0.09).squareRoot() / 2)
            let fd = (noise.variance(at: x + 1e-6) - noise.variance(at: x - 1e-6)) / 2e-6
            #expect(abs(noise.varianceSlope(at: x) - fd) < 1e-6)
        }
    }

    /// Frozen noise on pq is |L″|/B of the critical point of each region: ha, hb, hc.
    @Test func frozenNoiseLevels() throws {
        let noise = try FrozenNoise(landscape: pq, batch: 2)
        #expect(noise.switches == [pq.c1, pq.c2])
        #expect(noise.levels == [2, 1, 0.5])
        #expect(noise.variance(at: 0) == 2 && noise.variance(at: pq.xb) == 1 && noise.variance(at: 10) == 0.5)
        let q = try FrozenNoise(landscape: quartic, batch: 1)
        #expect(q.levels == [8, 4, 8].map { abs($0) })
    }

    @Test func reducedSGD() {
        let sde = ReducedSDE(landscape: quartic, noise: IsotropicNoise(sigma2: 0.5), preconditioner: SGDPreconditioner(), learningRate: 1)
        #expect(sde.drift(0.3) == -quartic.derivative(0.3))
        #expect(abs(sde.diffusivity(0.3) - 0.25) < 1e-15)
        #expect(sde.diffusionSlope(0.3) == 0)
    }

    /// P and dP/dC of the Adam-type preconditioners against their formulas and differences.
    @Test func adamTypePreconditioners() {
        let adam = AdamPreconditioner(epsilon: 1e-3), inv = InvAdamPreconditioner(epsilon: 1e-3)
        for c in [0.25, 1, 4, 9] {
            #expect(abs(adam.factor(variance: c) - 1 / (c.squareRoot() + 1e-3)) < 1e-15)
            #expect(abs(inv.factor(variance: c) - (c.squareRoot() + 1e-3)) < 1e-15)
            for p in [adam as any Preconditioner1D, inv] {
                let fd = (p.factor(variance: c + 1e-6) - p.factor(variance: c - 1e-6)) / 2e-6
                #expect(abs(p.factorSlope(variance: c) - fd) < 1e-7)
            }
        }
        // Adam's diffusion is η/2 whatever C (ε = 0); InvAdam's is ηC²/2.
        let sdeA = ReducedSDE(landscape: pq, noise: HessianNoise(landscape: pq, batch: 1, floor: 0),
                              preconditioner: AdamPreconditioner(epsilon: 0), learningRate: 0.1)
        let sdeI = ReducedSDE(landscape: pq, noise: HessianNoise(landscape: pq, batch: 1, floor: 0),
                              preconditioner: InvAdamPreconditioner(epsilon: 0), learningRate: 0.1)
        for x in [0.1, pq.xb, pq.a2] {
            #expect(abs(sdeA.diffusivity(x) - 0.05) < 1e-15)
            let c = abs(pq.secondDerivative(x))
            #expect(abs(sdeI.diffusivity(x) - 0.05 * c * c) < 1e-12)
        }
    }

    /// Scheduled DualAdam's reduced SDE is not autonomous: --model sde needs a held blend.
    @Test func dualAdamSDENeedsAFrozenBlend() throws {
        #expect(throws: InvalidParameter.self) {
            _ = try EscapeProblem(landscape: LandscapeModel(pq), optimizer: .dualadam, noise: .hessian(batch: 1, floor: 0),
                                  learningRate: 0.1)
        }
        _ = try EscapeProblem(landscape: LandscapeModel(pq), optimizer: .dualadam, noise: .hessian(batch: 1, floor: 0),
                              learningRate: 0.1, settings: OptimizerSettings(blend: 0.5))
        _ = try EscapeProblem(landscape: LandscapeModel(pq), optimizer: .dualadam, noise: .hessian(batch: 1, floor: 0),
                              learningRate: 0.1, model: .discrete)
    }

    /// Hyper-parameters out of range name themselves.
    @Test(arguments: [(OptimizerSettings(beta1: 1), "beta1"), (OptimizerSettings(beta2: -0.1), "beta2"),
                      (OptimizerSettings(epsilon: -1), "eps"), (OptimizerSettings(switchRate: 0), "switch-rate"),
                      (OptimizerSettings(momentum: 1), "momentum"), (OptimizerSettings(blend: 1.5), "blend")])
    func settingsAreValidated(settings: OptimizerSettings, parameter: String) {
        #expect(throws: InvalidParameter.self) { try settings.validate() }
        do { try settings.validate() } catch { #expect(error.parameter == parameter) }
    }

    /// The blend preconditioner interpolates Adam's and InvAdam's, with its derivative.
    @Test func blendPreconditioner() {
        let half = BlendPreconditioner(blend: 0.25, epsilon: 1e-3)
        let adam = AdamPreconditioner(epsilon: 1e-3), inv = InvAdamPreconditioner(epsilon: 1e-3)
        for c in [0.25, 4.0] {
            #expect(abs(half.factor(variance: c) - (0.75 * adam.factor(variance: c) + 0.25 * inv.factor(variance: c))) < 1e-15)
            let fd = (half.factor(variance: c + 1e-6) - half.factor(variance: c - 1e-6)) / 2e-6
            #expect(abs(half.factorSlope(variance: c) - fd) < 1e-7)
        }
        #expect(half.powerLaw == nil)
        #expect(BlendPreconditioner(blend: 1, epsilon: 0).powerLaw! == (1, 0.5))
        #expect(ConstantPreconditioner(4).factor(variance: 3) == 4)
    }

    /// With constant g, Milstein's correction vanishes: both schemes agree exactly.
    @Test func milsteinEqualsEulerForAdditiveNoise() {
        let sde = ReducedSDE(landscape: quartic, noise: IsotropicNoise(sigma2: 0.5), preconditioner: SGDPreconditioner(), learningRate: 1)
        for (x, z) in [(-1.0, 0.3), (0.2, -1.7)] {
            #expect(EulerMaruyama().advance(x, sde: sde, dt: 0.01, sqrtDt: 0.1, normal: z)
                    == Milstein().advance(x, sde: sde, dt: 0.01, sqrtDt: 0.1, normal: z))
        }
    }

    /// Milstein adds ½·g·g′·(ΔW² − dt) to Euler–Maruyama.
    @Test func milsteinCorrection() {
        let sde = ReducedSDE(landscape: quartic, noise: HessianNoise(landscape: quartic, batch: 1, floor: 1),
                             preconditioner: SGDPreconditioner(), learningRate: 0.1)
        let x = -0.8, z = 1.3, dt = 0.01
        let em = EulerMaruyama().advance(x, sde: sde, dt: dt, sqrtDt: dt.squareRoot(), normal: z)
        let mil = Milstein().advance(x, sde: sde, dt: dt, sqrtDt: dt.squareRoot(), normal: z)
        let dW = dt.squareRoot() * z
        #expect(abs(mil - em - 0.5 * sde.diffusion(x) * sde.diffusionSlope(x) * (dW * dW - dt)) < 1e-15)
        let fd = (sde.diffusion(x + 1e-6) - sde.diffusion(x - 1e-6)) / 2e-6
        #expect(abs(sde.diffusionSlope(x) - fd) < 1e-7)
    }

    /// The discrete SGD iteration is Euler–Maruyama of the reduced SDE at dt = η (docs/theory.md §1):
    /// θ − η(L′ + √C·z) is x + μη + g√η·(−z), the same step with the draw's sign flipped.
    @Test func discreteSGDIsEulerAtDtEqualsLearningRate() {
        let eta = 0.05
        let noise = HessianNoise(landscape: pq, batch: 1, floor: 0)
        var iteration = NoisyIteration(landscape: pq, noise: noise, optimizer: SGDIteration(learningRate: eta))
        let sde = ReducedSDE(landscape: pq, noise: noise, preconditioner: SGDPreconditioner(), learningRate: eta)
        for (x, z) in [(0.1, 0.5), (0.9, -1.1), (1.6, 2.0)] {
            let a = iteration.advance(x, normal: z)
            let b = EulerMaruyama().advance(x, sde: sde, dt: eta, sqrtDt: eta.squareRoot(), normal: -z)
            #expect(abs(a - b) < 1e-15)
        }
    }

    @Test func geometryAndTargets() throws {
        let model = LandscapeModel(pq)
        let mid = try EscapeGeometry(landscape: pq, side: .left, target: .midpoint)
        #expect(mid.start.x == 0 && mid.saddle.x == pq.xb && mid.target == 0.5 * (pq.xb + pq.a2))
        let right = try EscapeGeometry(landscape: pq, side: .right, target: .saddle)
        #expect(right.mirrored && right.start.x == -pq.a2 && right.target == -pq.xb && right.toLandscape(right.target) == pq.xb)
        #expect(throws: InvalidParameter.self) { try EscapeGeometry(landscape: pq, side: .left, target: .point(-1)) }
        let point = try EscapeProblem(landscape: model, target: .point(1.0), noise: .isotropic(sigma2: 1), learningRate: 0.1)
        #expect(point.geometry.target == 1.0)
    }

    @Test func problemValidation() {
        let model = LandscapeModel(quartic)
        func parameter(_ body: () throws -> Void) -> String? {
            do { try body(); return nil } catch let e as InvalidParameter { return e.parameter } catch { return "other" }
        }
        #expect(parameter { _ = try EscapeProblem(landscape: model, noise: .isotropic(sigma2: 1), learningRate: 0) } == "lr")
        #expect(parameter { _ = try EscapeProblem(landscape: model, noise: .isotropic(sigma2: -1), learningRate: 1) } == "sigma2")
        #expect(parameter { _ = try EscapeProblem(landscape: model, noise: .hessian(batch: 0, floor: 1), learningRate: 1) } == "batch")
        #expect(parameter { _ = try EscapeProblem(landscape: model, noise: .isotropic(sigma2: 1), learningRate: 1, model: .sde(integrator: .milstein, dt: -1)) } == "dt")
        #expect(parameter { _ = try EscapeProblem(landscape: model, noise: .isotropic(sigma2: 1), learningRate: 1, maxSteps: 0) } == "max-steps")
        // δ = 0 is refused where L″ vanishes on the path (quartic), allowed where it never does (pq).
        #expect(parameter { _ = try EscapeProblem(landscape: model, noise: .hessian(batch: 1, floor: 0), learningRate: 1) } == "noise-floor")
        #expect(parameter { _ = try EscapeProblem(landscape: LandscapeModel(pq), noise: .hessian(batch: 1, floor: 0), learningRate: 1) } == nil)
    }
}
