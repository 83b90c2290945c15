import Foundation
import Landscapes
import NumericKit
import Testing
@testable import Dynamics

/// Each optimizer's update rule against steps computed by hand (values from the formulas of
/// docs/theory.md §7 evaluated independently in Python, printed with repr).
@Suite("Optimizer update rules")
struct OptimizerIterationTests {
    /// The gradients fed to every rule: g₁ = 2, g₂ = −1, g₃ = 0.5.
    static let gradients = [2.0, -1.0, 0.5]

    func run<O: OptimizerIteration1D>(_ optimizer: O) -> [Double] {
        var o = optimizer
        var theta = 0.0
        return Self.gradients.map { theta = o.step(theta, gradient: $0); return theta }
    }

    func expectClose(_ got: [Double], _ expected: [Double]) {
        for (a, b) in zip(got, expected) { #expect(abs(a - b) <= 1e-15 * max(1, abs(b)), "\(got) vs \(expected)") }
    }

    @Test func sgd() {
        expectClose(run(SGDIteration(learningRate: 0.1)), [-0.2, -0.1, -0.15])
    }

    /// m = 2, 0.9·2 − 1 = 0.8, 0.72 + 0.5 = 1.22; θ −= 0.1·m.
    @Test func heavyBall() {
        expectClose(run(HeavyBallIteration(learningRate: 0.1, beta: 0.9)), [-0.2, -0.28, -0.402])
    }

    /// t = 1: m̂ = 2, v̂ = 4, n = 2 + 1e-8; t = 2: m̂ = 0.08/0.19, v̂ = 0.004996/0.001999.
    @Test func adam() {
        expectClose(run(AdamIteration(learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-8)),
                    [-0.0999999995, -0.12663370329756846, -0.16067661786105733])
    }

    /// InvAdam: θ −= η·m̂·n, the optimizer `invadam` builds (DualAdam with r held at 1).
    @Test func invAdam() throws {
        let problem = try EscapeProblem(landscape: LandscapeSpec.parse("quartic:barrier=1"), optimizer: .invadam,
                                        noise: .isotropic(sigma2: 1), learningRate: 0.1, model: .discrete)
        let steps = try problem.withIteration(Collect(gradients: Self.gradients))
        expectClose(steps, [-0.400000002, -0.46656427706554393, -0.5260968077845228])
    }

    /// RMSprop as the registry builds it (α = 0.99, PyTorch's default, ε = 1e-8): v = 0.04,
    /// θ −= 0.1·2/(0.2 + ε) — ten times Adam's first step, for want of bias correction.
    @Test func rmsprop() throws {
        let problem = try EscapeProblem(landscape: LandscapeSpec.parse("quartic:barrier=1"), optimizer: .rmsprop,
                                        noise: .isotropic(sigma2: 1), learningRate: 0.1, model: .discrete,
                                        settings: RMSpropOptimizer.defaults)
        let steps = try problem.withIteration(Collect(gradients: Self.gradients))
        expectClose(steps, [-0.9999999500000021, -0.5509867150943544, -0.7710909009815445])
    }

    /// ξ = 0.3: r = 0.7 and 0.4 blend (r ≥ ξ); at t = 3 r = 0.1 < ξ, the hard switch to Adam.
    @Test func dualAdamSchedule() {
        expectClose(run(DualAdamIteration(learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-8,
                                          schedule: .annealed(switchRate: 0.3))),
                    [-0.31000000125, -0.35260593355475867, -0.3866488481182475])
    }

    /// With r < ξ from step 1 DualAdam *is* Adam, bit for bit, over many noisy steps.
    @Test(arguments: [1.0, 0.6, 1e9])
    func dualAdamWithAHugeSwitchRateIsAdam(switchRate: Double) {
        var adam = AdamIteration(learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-8)
        var dual = DualAdamIteration(learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-8,
                                     schedule: .annealed(switchRate: switchRate))
        let stream = RandomStream(seed: 5)
        var a = 0.3, d = 0.3
        for _ in 0..<20_000 {
            let z = stream.gaussian()
            a = adam.step(a, gradient: 4 * a * (a * a - 1) + z)
            d = dual.step(d, gradient: 4 * d * (d * d - 1) + z)
        }
        #expect(a.bitPattern == d.bitPattern)
    }

    /// The switch step K (first t with r < ξ) against a brute-force scan of the authors' rule.
    @Test(arguments: [0.01, 8e-5, 0.3, 0.5, 0.6, 1.0, 2.0, 1.0 / 3])
    func switchStep(xi: Double) {
        var t = 1
        while max(0, 1 - Double(t) * xi) >= xi { t += 1 }
        #expect(DualAdamIteration.switchStep(switchRate: xi) == t)
    }

    /// reset() returns every rule to its first step.
    @Test func resetRestartsTheState() {
        var dual = DualAdamIteration(learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, schedule: .annealed(switchRate: 0.3))
        var ball = HeavyBallIteration(learningRate: 0.1, beta: 0.9)
        let first = (dual.step(0, gradient: 2), ball.step(0, gradient: 2))
        _ = (dual.step(1, gradient: 3), ball.step(1, gradient: 3))
        dual.reset(); ball.reset()
        #expect(dual.step(0, gradient: 2) == first.0 && ball.step(0, gradient: 2) == first.1)
        #expect(dual.moments.step == 1)
    }
}

/// Feeds fixed gradients to the problem's iteration and collects θ.
struct Collect: OptimizerIterationVisitor {
    let gradients: [Double]
    func visit<O: OptimizerIteration1D>(_ iteration: O) throws -> [Double] {
        var o = iteration
        var theta = 0.0
        return gradients.map { theta = o.step(theta, gradient: $0); return theta }
    }
}
