import Dynamics
import Ensembles
import Escape
import Foundation
import Landscapes
import NumericKit
import Testing
import Theory
@testable import RareEvents

/// `simulate --method ams` on the problems the issue names: SGD, Adam and InvAdam, isotropic and
/// hessian noise, on the quartic and on pq (where D jumps and `auto` runs skew-euler), at
/// realistic barriers — ΔΦ = 15, 25 and 40 — at the default settings (100 runs of N = 100) and
/// the default integrator and dt: τ within 4 SE + 5% of the exact MFPT (the target;
/// the 5% is the time-step allowance of the default dt, measured within 2–3% at ΔΦ ≤ 8 in
/// docs/validation.md, plus the loop decomposition's renewal approximation).
@Suite("Escape times by splitting")
struct EscapeSplittingTests {
    /// The problem with the barrier scaled so that ΔΦ = `target` (ΔΦ is proportional to ΔL for
    /// these landscapes and noises at fixed curvatures).
    static func problem(_ spec: String, _ optimizer: OptimizerKind, _ noise: NoiseSpec, lr: Double, effectiveBarrier target: Double) throws -> EscapeProblem {
        let first = try EscapeProblem(landscape: LandscapeSpec.parse(spec + ",barrier=1"), optimizer: optimizer, noise: noise, learningRate: lr)
        let scale = target / (try Predictor.predict(first).effectiveBarrier)
        return try EscapeProblem(landscape: LandscapeSpec.parse(spec + ",barrier=\(scale)"), optimizer: optimizer, noise: noise, learningRate: lr)
    }

    @Test(arguments: [
        ("quartic:tilt=0", OptimizerKind.sgd, NoiseSpec.isotropic(sigma2: 1), 1.0, 25.0),
        ("quartic:tilt=0", .sgd, .isotropic(sigma2: 1), 1.0, 40.0),
        ("pq:ha=4,hb=2", .sgd, .hessian(batch: 1, floor: 0), 0.1, 25.0),
        ("pq:ha=4,hb=2", .adam, .hessian(batch: 1, floor: 0), 0.1, 15.0),
        ("pq:ha=4,hb=2", .invadam, .hessian(batch: 1, floor: 0), 0.1, 25.0),
        ("quartic:tilt=0", .adam, .isotropic(sigma2: 1), 0.1, 40.0),
    ])
    func meetsTheExactMFPTAtRealisticBarriers(spec: String, optimizer: OptimizerKind, noise: NoiseSpec, lr: Double, barrier: Double) throws {
        let problem = try Self.problem(spec, optimizer, noise, lr: lr, effectiveBarrier: barrier)
        let prediction = try Predictor.predict(problem)
        #expect(abs(prediction.effectiveBarrier - barrier) < 1e-6 * barrier)
        var options = EscapeSplitting.Options()
        options.seed = 11
        let result = try EscapeSplitting.run(problem, options)
        let exact = try #require(prediction.exactTime)
        #expect(abs(result.meanTime - exact) <= 4 * result.standardError + 0.05 * exact,
                "\(optimizer) ΔΦ \(barrier): τ \(result.meanTime) ± \(result.standardError) vs exact \(exact) (\(result.meanTime / exact))")
        #expect(result.standardError < 0.1 * exact)
        #expect(result.estimate.bruteForceSteps > 100 * Double(result.estimate.steps))
    }

    /// Where brute force still runs (ΔΦ = 6, InvAdam on pq with hessian noise: D jumps ×4 and
    /// `auto` runs skew-euler on its step profile), splitting and brute force on the same
    /// scheme and dt agree within 4 combined SE — no discretisation allowance: both see the same
    /// discrete dynamics.
    @Test func agreesWithBruteForceWhereBothRun() throws {
        let problem = try Self.problem("pq:ha=4,hb=2", .invadam, .hessian(batch: 1, floor: 0), lr: 0.1, effectiveBarrier: 6)
        let brute = try EscapeSimulation.run(problem, try EnsembleOptions(trajectories: 4000, seed: 3)).estimate
        var options = EscapeSplitting.Options()
        options.seed = 3
        let split = try EscapeSplitting.run(problem, options)
        let (m, se) = (try #require(brute.meanTime), try #require(brute.standardError))
        let combined = (se * se + split.standardError * split.standardError).squareRoot()
        #expect(abs(split.meanTime - m) <= 4 * combined, "AMS \(split.meanTime) ± \(split.standardError) vs brute \(m) ± \(se)")
        #expect(split.integrator == "skew-euler")
    }

    /// The optimizer's own iteration as a chain (state θ with Adam's m, v and step t): where
    /// brute force still runs, splitting and brute force agree within 4 combined SE — the same
    /// discrete chain, so no allowance. Adam with β1 = 0.9 on a quartic with isotropic noise
    /// (ΔΦ = 6), and InvAdam (β1 = 0) with hessian noise and a floor, where v̂ — remembering
    /// ≈ 1000 steps — lags the noise the walker meets (frozen-preconditioner ΔΦ = 6). The loop
    /// decomposition assumes the chain renews on re-entering home; v̂'s memory is short against
    /// the ≈ 10⁵ steps between escapes, so the loops average p over v̂ as the escapes do.
    @Test(arguments: [
        ("quartic:barrier=0.15", OptimizerKind.adam, NoiseSpec.isotropic(sigma2: 1), 0.05, 0.9),
        ("quartic:barrier=0.1", .invadam, .hessian(batch: 1, floor: 0.2), 0.125, 0),
    ])
    func discreteIterationAgreesWithBruteForce(spec: String, optimizer: OptimizerKind, noise: NoiseSpec, lr: Double, beta1: Double) throws {
        var settings = OptimizerSettings()
        settings.beta1 = beta1
        let problem = try EscapeProblem(landscape: LandscapeSpec.parse(spec), optimizer: optimizer, noise: noise, learningRate: lr,
                                        model: .discrete, settings: settings)
        let brute = try EscapeSimulation.run(problem, try EnsembleOptions(trajectories: 2000, seed: 5)).estimate
        var options = EscapeSplitting.Options()
        options.seed = 5
        let split = try EscapeSplitting.run(problem, options)
        let (m, se) = (try #require(brute.meanTime), try #require(brute.standardError))
        let combined = (se * se + split.standardError * split.standardError).squareRoot()
        #expect(abs(split.meanTime - m) <= 4 * combined, "AMS \(split.meanTime) ± \(split.standardError) vs brute \(m) ± \(se)")
        #expect(split.integrator == "discrete" && split.dt == lr && brute.censored == 0 && brute.diverged == 0)
    }

    /// Discrete Adam and InvAdam (β1 = 0) with hessian noise and a floor on a quartic, at a
    /// frozen-preconditioner ΔΦ of 20, where brute force would need ~10¹¹ steps per escape. v̂
    /// averages g² over 1/(1 − β2) steps, so while the walker climbs into lower noise Adam's
    /// P = 1/(√v̂ + ε) rises late (it escapes slower than the local-P SDE, faster than frozen) and
    /// InvAdam's P = √v̂ + ε falls late (slower than frozen, faster than the local-P SDE). The
    /// frozen-preconditioner prediction (P ≡ P(C_a)) is the limit of a long memory: the measured
    /// ln τ lies between the two predictions (4 SE), nearer the frozen one, and for Adam, whose
    /// lag is the stronger, moves towards it when the memory grows tenfold (β2 = 0.9999). Measured
    /// (docs/rare-events.md): τ/τ_frozen = 0.31 and 0.57 for Adam, 1.53 and 1.30 for InvAdam.
    @Test(arguments: [(OptimizerKind.adam, 0.030943), (.invadam, 0.0375)])
    func discreteAdamTypesSitBetweenTheLocalAndFrozenPredictions(optimizer: OptimizerKind, lr: Double) throws {
        var logRatios: [Double] = []
        for beta2 in [0.999, 0.9999] {
            var settings = OptimizerSettings()
            (settings.beta1, settings.beta2) = (0, beta2)
            let problem = try EscapeProblem(landscape: LandscapeSpec.parse("quartic:barrier=0.1"), optimizer: optimizer,
                                            noise: .hessian(batch: 1, floor: 0.2), learningRate: lr, model: .discrete, settings: settings)
            let prediction = try Predictor.predict(problem)
            let frozen = try #require(prediction.frozenPreconditioner?.exactTime)
            let local = try #require(prediction.exactTime)
            #expect(abs(try #require(prediction.frozenPreconditioner).effectiveBarrier - 20) < 0.05)
            var options = EscapeSplitting.Options()
            options.seed = 21
            let split = try EscapeSplitting.run(problem, options)
            let (tau, relative) = (split.meanTime, split.standardError / split.meanTime)
            let (low, high) = (min(local, frozen), max(local, frozen))
            #expect(log(tau) >= log(low) - 4 * relative && log(tau) <= log(high) + 4 * relative,
                    "\(optimizer) β2 \(beta2): τ \(tau) ± \(split.standardError), local-P SDE \(local), frozen \(frozen)")
            #expect(abs(log(tau / frozen)) < abs(log(tau / local)), "nearer the frozen prediction: τ \(tau), local \(local), frozen \(frozen)")
            logRatios.append(log(tau / frozen))
        }
        if optimizer == .adam {
            #expect(abs(logRatios[1]) < abs(logRatios[0]) - 0.2, "ln(τ/τ_frozen) at β2 = 0.999, 0.9999: \(logRatios)")
        }
    }

    /// What splitting does not run is refused, naming the option; bad sizes too.
    /// Momentum's underdamped SDE as a chain (state θ and velocity u; ``UnderdampedChain``):
    /// where brute force still runs, splitting and brute force on the same scheme and dt agree
    /// within 4 combined SE. β = 0.5, η = 0.1 on the quartic, isotropic noise.
    @Test func underdampedMomentumAgreesWithBruteForce() throws {
        var settings = OptimizerSettings()
        settings.momentum = 0.5
        let problem = try EscapeProblem(landscape: LandscapeSpec.parse("quartic:barrier=1"), optimizer: .momentum,
                                        noise: .isotropic(sigma2: 2), learningRate: 0.1, settings: settings)
        let brute = try EscapeSimulation.run(problem, try EnsembleOptions(trajectories: 1000, seed: 4)).estimate
        var options = EscapeSplitting.Options()
        (options.runs, options.replicas, options.seed) = (40, 50, 4)
        let split = try EscapeSplitting.run(problem, options)
        let (m, se) = (try #require(brute.meanTime), try #require(brute.standardError))
        #expect(brute.censored == 0 && split.integrator == "symplectic-euler")
        let combined = (se * se + split.standardError * split.standardError).squareRoot()
        #expect(abs(split.meanTime - m) <= 4 * combined, "AMS \(split.meanTime) ± \(split.standardError) vs brute \(m) ± \(se)")
    }

    @Test func refusals() throws {
        let scheduled = try EscapeProblem(landscape: LandscapeSpec.parse("quartic:barrier=1"), optimizer: .dualadam,
                                          noise: .isotropic(sigma2: 0.5), learningRate: 0.01, model: .discrete)
        #expect { try EscapeSplitting.check(scheduled) } throws: { ($0 as? InvalidParameter)?.parameter == "method" }
        let underdamped = try EscapeProblem(landscape: LandscapeSpec.parse("quartic:barrier=1"), optimizer: .momentum,
                                            noise: .isotropic(sigma2: 0.5), learningRate: 0.01)
        #expect(try EscapeSplitting.check(underdamped) == .automatic)  // 1-D: runs as UnderdampedChain
        // Two runs of two replicas at ΔΦ = 25: no replica reaches the escape point, p̂ = 0 — refused, not τ = ∞.
        var tiny = EscapeSplitting.Options()
        (tiny.runs, tiny.replicas, tiny.loops) = (2, 2, 1)
        let high = try Self.problem("pq:ha=4,hb=2", .sgd, .hessian(batch: 1, floor: 0), lr: 0.1, effectiveBarrier: 25)
        #expect { try EscapeSplitting.run(high, tiny) } throws: { ($0 as? InvalidParameter)?.parameter == "splitting-runs" }
        var options = EscapeSplitting.Options()
        options.replicas = 1
        #expect { try options.validate() } throws: { ($0 as? InvalidParameter)?.parameter == "replicas" }
        options = EscapeSplitting.Options()
        options.entrance = 0.25
        #expect { try options.validate() } throws: { ($0 as? InvalidParameter)?.parameter == "entrance-width" }
    }
}
