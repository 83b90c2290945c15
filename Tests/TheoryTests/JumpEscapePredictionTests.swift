import Dynamics
import Foundation
import Landscapes
import NumericKit
import Testing
@testable import Theory

/// α-stable noise's jump law (docs/theory.md §15): τ = d^α/(K_α·c^α·(ηP)^α) steps, a power of
/// the width d and independent of the barrier; its validity condition, which fails where the
/// small jumps' diffusion escapes first (near α = 2, large c).
@Suite("α-stable noise: the jump law")
struct JumpEscapePredictionTests {
    static func jump(_ spec: String, alpha: Double, scale: Double, lr: Double, optimizer: OptimizerKind = .sgd,
                     model: DynamicsModel = .sde(integrator: .automatic, dt: nil), momentum: Double = 0.9) throws -> JumpEscapePrediction {
        var settings = OptimizerSettings()
        settings.momentum = momentum
        let problem = try EscapeProblem(landscape: LandscapeSpec.parse(spec), optimizer: optimizer,
                                        noise: NoiseSpec(StableNoiseModel(alpha: alpha, scale: scale)), learningRate: lr,
                                        model: model, settings: settings)
        return try #require(try Predictor.predict(problem).jumpEscape)
    }

    /// At a fixed width d = 1 (H_a = H_b = 4ΔL) the law is the same for every ΔL, and it is
    /// 1/(K_α·(cη)^α) steps; at a fixed curvature (ΔL = d², H = 4) it grows as d^α.
    @Test(arguments: [1.2, 1.5, 1.8])
    func aPowerOfTheWidthIndependentOfTheBarrier(alpha: Double) throws {
        let k = tgamma(alpha) * sin(Double.pi * alpha / 2) / Double.pi
        let steps = 1 / (k * pow(0.25 * 0.05, alpha))
        for barrier in [0.5, 1, 4] {
            let j = try Self.jump("pq:ha=\(4 * barrier),hb=\(4 * barrier),barrier=\(barrier)", alpha: alpha, scale: 0.25, lr: 0.05)
            #expect(abs(j.width - 1) < 1e-12 && abs(j.meanSteps / steps - 1) < 1e-12, "ΔL = \(barrier): \(j.meanSteps), \(steps)")
        }
        for d in [0.5, 2, 3] {
            let j = try Self.jump("pq:ha=4,hb=4,barrier=\(d * d)", alpha: alpha, scale: 0.25, lr: 0.05)
            #expect(abs(j.meanSteps / (steps * pow(d, alpha)) - 1) < 1e-12, "d = \(d)")
        }
        // Escaping at the saddle itself or before it: d is the distance to the nearer of the two.
        let before = try Self.jump("pq:ha=4,hb=4,barrier=1", alpha: alpha, scale: 0.25, lr: 0.05).meanSteps
        let atHalf = try EscapeProblem(landscape: LandscapeSpec.parse("pq:ha=4,hb=4,barrier=1"), target: try EscapeTarget.parse("x=0.5"),
                                       noise: NoiseSpec(StableNoiseModel(alpha: alpha, scale: 0.25)), learningRate: 0.05)
        let half = try #require(try Predictor.predict(atHalf).jumpEscape)
        #expect(abs(half.meanSteps / (before * pow(0.5, alpha)) - 1) < 1e-12)
    }

    /// The smallest escaping kick: SGD's d/η found again by the bisection on the rule itself; the
    /// heavy ball's lies between its total displacement's d(1 − β)/η and SGD's d/η (the buffer
    /// spreads the kick while the well pulls back) and tends to SGD's as β → 0; a long memory
    /// (β = 0.9 here: 10 steps against a relaxation time of 2.5) fails the condition.
    @Test func theHeavyBallsKickIsFoundOnItsRule() throws {
        let landscape = OrientedLandscape(try PiecewiseQuadraticLandscape(ha: 4, hb: 4, barrier: 1), mirrored: false)
        let sgd = JumpEscapePrediction.smallestEscapingKick(landscape: landscape, rule: SGDIteration(learningRate: 0.01), start: 0, target: 1.5, horizon: 10_000)
        #expect(abs(sgd / 100 - 1) < 1e-9, "\(sgd)")
        let half = try Self.jump("pq:ha=4,hb=4,barrier=1", alpha: 1.5, scale: 0.25, lr: 0.01, optimizer: .momentum, model: .discrete, momentum: 0.5)
        #expect(half.smallestKick > 50 && half.smallestKick < 100 && half.isValid, "\(half.smallestKick)")
        #expect(abs(half.ratePerStep - half.tailConstant * pow(0.25 / half.smallestKick, 1.5)) < 1e-15)
        let tiny = try Self.jump("pq:ha=4,hb=4,barrier=1", alpha: 1.5, scale: 0.25, lr: 0.01, optimizer: .momentum, model: .discrete, momentum: 1e-9)
        #expect(abs(tiny.smallestKick / 100 - 1) < 1e-6, "\(tiny.smallestKick)")
        let long = try Self.jump("pq:ha=4,hb=4,barrier=1", alpha: 1.5, scale: 0.25, lr: 0.01, optimizer: .momentum, model: .discrete, momentum: 0.9)
        #expect(!long.isValid && long.condition.contains("memory"), "\(long.condition)")
    }

    /// The condition holds in the jump-driven regime and fails, naming the part, where the small
    /// jumps' diffusion escapes first (α = 1.99, c = 3: ΔΦ ≈ 2) or the spread at the minimum is a
    /// fifth of the width (c = 5 at α = 1.3).
    @Test func theValidityConditionSeparatesTheRegimes() throws {
        let good = try Self.jump("pq:ha=4,hb=4,barrier=1", alpha: 1.5, scale: 0.5, lr: 0.01)
        #expect(good.isValid && good.spreadOverWidth < 0.1 && good.smallJumpRatio > 1e6, "\(good.condition)")
        let nearTwo = try Self.jump("pq:ha=4,hb=4,barrier=1", alpha: 1.99, scale: 3, lr: 0.05)
        #expect(!nearTwo.isValid && nearTwo.smallJumpRatio < 1 && nearTwo.condition.contains("FAILS"), "\(nearTwo.condition)")
        let spread = try Self.jump("pq:ha=4,hb=4,barrier=1", alpha: 1.3, scale: 5, lr: 0.05)
        #expect(!spread.isValid && spread.spreadOverWidth > 0.1, "\(spread.condition)")
    }
}
