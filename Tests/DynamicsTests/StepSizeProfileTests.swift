import Foundation
import Landscapes
import NumericKit
import Testing
@testable import Dynamics

/// The step-size rule of docs/integrators.md §4, cell by cell, and its d-dimensional form.
@Suite("step-size control")
struct StepSizeProfileTests {
    /// g = e^x has D/|D′| = ½ everywhere, so the envelope is flat and the table is the
    /// formula r = min(r_max, (f·½/(g·√dt₀))²) at each cell centre, held at 1/64.
    @Test func tableIsTheRule() {
        let dt = 0.1, rule = StepSizeProfile.Rule.weakOrderTwo
        let profile = StepSizeProfile(from: -2, to: 3, nominal: dt, rule: rule, cells: 500,
                                      coefficient: { exp($0) }, slope: { exp($0) })
        for i in stride(from: 0, to: 500, by: 7) {
            let x = -2 + (Double(i) + 0.5) * 0.01
            let wanted = rule.fraction * 0.5 / (exp(x) * dt.squareRoot())
            let r = max(StepSizeProfile.minimumRatio, min(rule.largestRatio, wanted * wanted))
            let step = profile.step(at: x) { _ in Issue.record("g called inside the table"); return 1 }
            #expect(abs(step.ratio - r) <= 1e-12 * r, "x = \(x)")
            #expect(abs(step.dt - r * dt) <= 1e-12 * r * dt && abs(step.root - (r * dt).squareRoot()) <= 1e-12 * step.root)
        }
        #expect(profile.isCapped && !profile.isUniform && profile.largestRatio == 4)
    }

    /// Outside the table the end cell's noise step g·√dt is held where g grows, and the end
    /// cell's step is never exceeded where g falls.
    @Test func outsideTheTableTheNoiseStepIsHeld() {
        let g = { (x: Double) in 1 + x * x }
        let profile = StepSizeProfile(from: 0.5, to: 1, nominal: 1e-3, rule: .eulerMaruyama, cells: 64,
                                      coefficient: g, slope: { 2 * $0 })
        let last = profile.step(at: 0.9999) { g($0) }
        let far = profile.step(at: 2) { g($0) }
        let gEnd = g(1 - 0.5 / 128)
        #expect(abs(far.dt * g(2) * g(2) - last.dt * gEnd * gEnd) <= 1e-12 * last.dt * gEnd * gEnd)
        let first = profile.step(at: 0.5) { g($0) }
        #expect(profile.step(at: 0) { g($0) } == first)                     // g falls below the table
        #expect(profile.step(at: 1e6) { g($0) }.ratio == StepSizeProfile.minimumRatio)
    }

    /// On a separable quartic with floored hessian noise the d-dimensional control refines the
    /// base coordinate exactly as the 1-D profile of the base's SDE does (finite-difference
    /// against analytic g′: ratios within 1e-5), and not the quadratic spectator.
    @Test func decoupledCoordinatesFollowTheOneDimensionalRule() throws {
        let nd = try LandscapeSpec.parseND("separable:base=quartic,barrier=1,spectators=2")
        let quartic = try QuarticLandscape(barrier: 1)
        let (eta, dt, floor) = (0.5, 4e-4, 0.08)
        let sde = ReducedSDE(landscape: quartic, noise: HessianNoise(landscape: quartic, batch: 1, floor: floor),
                             preconditioner: InvAdamPreconditioner(epsilon: 1e-8), learningRate: eta)
        let diffusion = DiffusionND(landscape: nd, noise: HessianNoiseND(batch: 1, floor: floor), preconditioner: InvAdamPreconditioner(epsilon: 1e-8),
                                    form: .elementwise, learningRate: eta)
        let control = AxisStepControl(diffusion, base: [-1, 0], spans: [-3...0.5, -1...1], nominal: dt,
                                      rules: [.weakOrderTwo, .weakOrderTwo])
        let one = StepSizeProfile(sde, from: -3, to: 0.5, nominal: dt, rule: .weakOrderTwo)
        #expect(control.refinedCoordinates == [0])
        #expect(abs(control.smallestRatio / one.smallestRatio - 1) < 1e-5)
        let ws = diffusion.makeWorkspace()
        for x in stride(from: -2.9, to: 0.5, by: 0.0137) {
            ws.theta[0] = x; ws.theta[1] = 0.3
            let step = control.step(at: ws.theta) { _, _ in Issue.record("outside"); return 1 }
            let expected = one.step(at: x) { _ in 1 }
            #expect(abs(step.ratio / expected.ratio - 1) < 1e-5, "x = \(x): \(step.ratio) vs \(expected.ratio)")
        }
    }

    /// One d-dimensional Platen step of decoupled coordinates is the scalar step of each
    /// coordinate's 1-D SDE (to rounding): the base coordinate against ``PlatenWeakTwo`` on the
    /// base's SDE, the spectator against the same scheme on its quadratic.
    @Test func platenStepOfDecoupledCoordinatesIsTheScalarStep() throws {
        let nd = try LandscapeSpec.parseND("separable:base=quartic,barrier=1,spectators=3")
        let quartic = try QuarticLandscape(barrier: 1)
        let (eta, floor) = (0.5, 0.3)
        let p = InvAdamPreconditioner(epsilon: 1e-8)
        let sde = ReducedSDE(landscape: quartic, noise: HessianNoise(landscape: quartic, batch: 1, floor: floor),
                             preconditioner: p, learningRate: eta)
        let diffusion = DiffusionND(landscape: nd, noise: HessianNoiseND(batch: 1, floor: floor), preconditioner: p,
                                    form: .elementwise, learningRate: eta)
        let ws = diffusion.makeWorkspace()
        let normal = [1.0, 0]
        for (x, y, z0, z1) in [(-0.9, 0.2, 0.7, -1.3), (-0.55, -0.4, -2.1, 0.4), (0.1, 1.1, 1.5, 2.2)] {
            ws.theta[0] = x; ws.theta[1] = y; ws.z[0] = z0; ws.z[1] = z1
            let dt = 1e-3
            _ = normal.withUnsafeBufferPointer { diffusion.platenStep(ws, dt: dt, sqrtDt: dt.squareRoot(), normal: $0) }
            let expected = PlatenWeakTwo().advance(x, sde: sde, dt: dt, sqrtDt: dt.squareRoot(), normal: z0)
            #expect(abs(ws.accumulated[0] - expected) < 1e-13, "\(ws.accumulated[0]) vs \(expected)")
            // Spectator h = 3: constant C = √(9 + δ²), drift −p·3y, Platen = Heun's drift + Euler noise.
            let c = (9 + floor * floor).squareRoot(), pc = p.factor(variance: c), g = pc * (eta * c).squareRoot()
            let mu = -pc * 3 * y, bar = y + mu * dt + g * dt.squareRoot() * z1
            let spectator = y + 0.5 * (mu - pc * 3 * bar) * dt + g * dt.squareRoot() * z1
            #expect(abs(ws.accumulated[1] - spectator) < 1e-13, "\(ws.accumulated[1]) vs \(spectator)")
        }
    }
}
