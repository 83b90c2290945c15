import Dynamics
import Ensembles
import EscapeND
import Foundation
import Landscapes
import NumericKit
import Testing
import Theory
@testable import RareEvents

/// `simulate --method ams` in d dimensions: the reaction coordinate is the signed distance s to
/// the target hyperplane, the chain is brute force's step (``SDEStepND``: skew-Euler per
/// coordinate where a separable pq's D jumps, Platen under step control where it dips,
/// Euler–Maruyama elsewhere) or the optimizer's own iteration with every coordinate's moments.
@Suite("Escape times by splitting in d dimensions")
struct EscapeSplittingNDTests {
    /// The d-dimensional problem on `spec` + ",barrier=…" with the barrier scaled so that the
    /// exact 1-D reduction's ΔΦ = `target` (proportional to ΔL at fixed curvatures).
    static func problem(_ spec: String, spectators: String, _ optimizer: OptimizerKind, _ noise: NoiseSpec, lr: Double,
                        effectiveBarrier target: Double, model: DynamicsModel = .sde(integrator: .automatic, dt: nil),
                        target escape: EscapeTargetND = .midpoint, settings: OptimizerSettings = OptimizerSettings()) throws -> EscapeProblemND {
        func make(_ barrier: Double) throws -> EscapeProblemND {
            try EscapeProblemND(landscape: LandscapeSpec.parseND("\(spec),barrier=\(barrier),spectators=\(spectators)"), target: escape,
                                optimizer: optimizer, noise: noise, learningRate: lr, model: model, settings: settings)
        }
        let first = try PredictorND.predict(try make(1))
        return try make(target / (try #require(first.reduction1D?.effectiveBarrier)))
    }

    /// Sizes smaller than the defaults (40 runs of N = 50), to keep the suite short; the
    /// error bar is the estimate's own.
    static func options(seed: UInt64) -> EscapeSplitting.Options {
        var options = EscapeSplitting.Options()
        options.runs = 40
        options.replicas = 50
        options.seed = seed
        return options
    }

    /// On separable landscapes the escape coordinate is the 1-D base and the exact MFPT of the
    /// reduction is exact: τ within 4 SE + 5% at realistic barriers (the 1-D suite's target and
    /// allowance), with spectators of curvature 0.5 and 3 — pq with hessian noise (D jumps ×4
    /// on the escape coordinate and the spectators: skew-Euler per coordinate) for SGD and
    /// InvAdam, a quartic with isotropic noise for Adam.
    @Test(arguments: [
        ("separable:base=pq,ha=4,hb=2", OptimizerKind.sgd, NoiseSpec.hessian(batch: 1, floor: 0), 0.1, 20.0, SkewEuler.name),
        ("separable:base=pq,ha=4,hb=2", .invadam, .hessian(batch: 1, floor: 0), 0.1, 15.0, SkewEuler.name),
        ("separable:base=quartic", .adam, .isotropic(sigma2: 1), 0.1, 25.0, EulerMaruyama.name),
    ])
    func meetsTheExactReductionAtRealisticBarriers(spec: String, optimizer: OptimizerKind, noise: NoiseSpec, lr: Double,
                                                   barrier: Double, scheme: String) throws {
        let problem = try Self.problem(spec, spectators: "0.5;3", optimizer, noise, lr: lr, effectiveBarrier: barrier)
        let exact = try #require(try PredictorND.predict(problem).reduction1D?.exactTime)
        let result = try EscapeSplittingND.run(problem, Self.options(seed: 11))
        #expect(abs(result.meanTime - exact) <= 4 * result.standardError + 0.05 * exact,
                "\(optimizer) ΔΦ \(barrier): τ \(result.meanTime) ± \(result.standardError) vs exact \(exact) (\(result.meanTime / exact))")
        #expect(result.standardError < 0.15 * exact)
        #expect(result.integrator == scheme)
        #expect(result.levels[2] == 0 && result.levels[0] < result.levels[1] && result.levels[1] < 0)
    }

    /// Where brute force still runs and no prediction is exact — two Gaussian wells in 2-D,
    /// whose saddle path curves — splitting and brute force on the same scheme and dt agree
    /// within 4 combined SE (the same discrete dynamics: no allowance); and so do the discrete
    /// Adam iteration (β1 = 0.9, every coordinate's m and v in the state) on a separable quartic.
    @Test(arguments: [
        ("gaussian-wells:d=2,sharp=0.7,flat=1.2,separation=3", OptimizerKind.sgd, NoiseSpec.isotropic(sigma2: 2.2), 0.1, DynamicsModel.sde(integrator: .automatic, dt: nil)),
        ("separable:base=quartic,barrier=0.15,spectators=0.5", .adam, .isotropic(sigma2: 1), 0.05, .discrete),
    ])
    func agreesWithBruteForceWhereBothRun(spec: String, optimizer: OptimizerKind, noise: NoiseSpec, lr: Double, model: DynamicsModel) throws {
        let problem = try EscapeProblemND(landscape: LandscapeSpec.parseND(spec), optimizer: optimizer, noise: noise, learningRate: lr, model: model)
        let brute = try EscapeSimulationND.run(problem, try EnsembleOptions(trajectories: 1000, seed: 3)).estimate
        let split = try EscapeSplittingND.run(problem, Self.options(seed: 3))
        let (m, se) = (try #require(brute.meanTime), try #require(brute.standardError))
        #expect(brute.censored == 0)
        let combined = (se * se + split.standardError * split.standardError).squareRoot()
        #expect(abs(split.meanTime - m) <= 4 * combined, "AMS \(split.meanTime) ± \(split.standardError) vs brute \(m) ± \(se)")
    }

    /// Momentum's underdamped SDE as a chain (state θ and every coordinate's velocity;
    /// ``UnderdampedChainND``): where brute force still runs, splitting and brute force on the
    /// same step and dt agree within 4 combined SE. β = 0.5, η = 0.1, isotropic noise, as the
    /// 1-D test, on a separable quartic with a spectator.
    @Test func underdampedMomentumAgreesWithBruteForce() throws {
        var settings = OptimizerSettings()
        settings.momentum = 0.5
        let problem = try EscapeProblemND(landscape: LandscapeSpec.parseND("separable:base=quartic,barrier=1,spectators=2"),
                                          optimizer: .momentum, noise: .isotropic(sigma2: 2), learningRate: 0.1, settings: settings)
        let brute = try EscapeSimulationND.run(problem, try EnsembleOptions(trajectories: 1000, seed: 4)).estimate
        let split = try EscapeSplittingND.run(problem, Self.options(seed: 4))
        let (m, se) = (try #require(brute.meanTime), try #require(brute.standardError))
        #expect(brute.censored == 0 && split.integrator == "symplectic-euler")
        let combined = (se * se + split.standardError * split.standardError).squareRoot()
        #expect(abs(split.meanTime - m) <= 4 * combined, "AMS \(split.meanTime) ± \(split.standardError) vs brute \(m) ± \(se)")
    }

    /// A ball target is not a level set of s; scheduled DualAdam is refused as in 1-D — each
    /// naming the option; momentum's underdamped SDE runs.
    @Test func refusals() throws {
        let spec = "separable:base=quartic,barrier=1,spectators=1"
        func refusal(_ target: EscapeTargetND = .midpoint, _ optimizer: OptimizerKind = .sgd, model: DynamicsModel = .sde(integrator: .automatic, dt: nil)) throws -> String? {
            let problem = try EscapeProblemND(landscape: LandscapeSpec.parseND(spec), target: target, optimizer: optimizer,
                                              noise: .isotropic(sigma2: 1), learningRate: 0.1, model: model)
            do { try EscapeSplittingND.check(problem); return nil } catch { return error.parameter }
        }
        #expect(try refusal(.radius(0.5)) == "escape-at")
        #expect(try refusal(.midpoint, .momentum) == nil)
        #expect(try refusal(.midpoint, .dualadam, model: .discrete) == "method")
        #expect(try refusal(.saddle) == nil)
    }
}
