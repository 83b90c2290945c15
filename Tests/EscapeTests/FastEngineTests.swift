import Dynamics
import Ensembles
import Landscapes
import NumericKit
import Sweeps
import Testing
import Theory
@testable import Escape

/// The fast engine (`--rng fast`): its SIMD-lane loop equals its scalar loop bit for bit at
/// any thread count, and its escape times are statistically indistinguishable from the GSL
/// engine's and agree with the exact MFPT (every case of MonteCarloAgreementTests also runs
/// on both engines).
@Suite("Fast engine: SIMD lanes, equivalence with the GSL engine and the exact MFPT")
struct FastEngineTests {
    /// Outcomes of the lane engine and of the scalar fast loop (EnsembleRunner with
    /// FastRandomStream) are identical: escapes through the bridge, censoring at a small step
    /// cap, divergence, 203 trajectories (not a multiple of the 8 lanes), 1 and 2 threads.
    @Test(arguments: [
        ("quartic:barrier=1,a=1", NoiseSpec.isotropic(sigma2: 0.5), 1.0, IntegratorKind.eulerMaruyama, 0.01, 3_000, nil as Double?),
        ("pq:ha=4,hb=2,barrier=0.5", .hessian(batch: 1, floor: 0.5), 0.1, .milstein, 0.01, 100_000, nil),
        // A tiny divergence radius makes some trajectories diverge below the start.
        ("quartic:barrier=1,a=1", .isotropic(sigma2: 0.5), 1.0, .eulerMaruyama, 0.01, 100_000, 0.4),
    ])
    func lanesEqualScalarLoop(spec: String, noise: NoiseSpec, lr: Double, integrator: IntegratorKind, dt: Double,
                              maxSteps: Int, radius: Double?) throws {
        let problem = try makeProblem(spec, noise: noise, lr: lr, model: .sde(integrator: integrator, dt: dt),
                                      maxSteps: maxSteps, radius: radius)
        let reference = try EscapeSimulation.run(problem, EnsembleOptions(trajectories: 203, seed: 5, threads: 1, generator: .fast),
                                                 lanes: false).outcomes
        for threads in [1, 2] {
            let lanes = try EscapeSimulation.run(problem, EnsembleOptions(trajectories: 203, seed: 5, threads: threads, generator: .fast))
            #expect(lanes.outcomes == reference)
        }
        let kinds = Set(reference.map(\.kind))
        #expect(kinds.contains(.escaped))
        if maxSteps < 10_000 { #expect(kinds.contains(.censored)) }
        if radius != nil { #expect(kinds.contains(.diverged)) }
    }

    /// The same for the optimizers' own iterations (IterationTrajectory.runLanes): Adam,
    /// InvAdam and heavy-ball momentum, with a step cap that censors some trajectories.
    @Test(arguments: [
        (OptimizerKind.adam, 0.4, 2_000),
        (.invadam, 0.2, 2_000),
        (.momentum, 0.002, 400),
    ])
    func iterationLanesEqualScalarLoop(optimizer: OptimizerKind, lr: Double, maxSteps: Int) throws {
        let sigma2 = optimizer == .momentum ? 125.0 : 1
        let problem = try EscapeProblem(landscape: LandscapeSpec.parse("quartic:barrier=1"), optimizer: optimizer,
                                        noise: .isotropic(sigma2: sigma2), learningRate: lr, model: .discrete, maxSteps: maxSteps)
        let reference = try EscapeSimulation.run(problem, EnsembleOptions(trajectories: 203, seed: 5, threads: 1, generator: .fast),
                                                 lanes: false).outcomes
        for threads in [1, 2] {
            let lanes = try EscapeSimulation.run(problem, EnsembleOptions(trajectories: 203, seed: 5, threads: threads, generator: .fast))
            #expect(lanes.outcomes == reference)
        }
        #expect(Set(reference.map(\.kind)).isSuperset(of: [.escaped, .censored]))
    }

    /// The same quartic ensemble (ΔΦ = 4, dt = 0.01) on both engines, 6 000 trajectories each:
    /// the escape-time distributions pass a two-sample KS test at level 0.001
    /// (√(n/2)·D < 1.949), the means agree within 4 SE of their difference, and each mean
    /// agrees with the exact MFPT within 4 SE + 3% (Euler–Maruyama at this dt: ≈ −1.6%).
    @Test func escapeTimesMatchGSLEngineAndExact() throws {
        let problem = try makeProblem("quartic:barrier=1,a=1", noise: .isotropic(sigma2: 0.5), lr: 1,
                                      model: .sde(integrator: .eulerMaruyama, dt: 0.01), target: .point(0.5))
        let n = 6_000
        let fast = try EscapeSimulation.run(problem, EnsembleOptions(trajectories: n, seed: 2026, generator: .fast))
        let gsl = try EscapeSimulation.run(problem, EnsembleOptions(trajectories: n, seed: 2026, generator: .mt19937))
        let prediction = try Predictor.predict(problem)
        let times = { (r: SimulationResult) in r.outcomes.map { Double($0.steps) }.sorted() }
        let d = KolmogorovSmirnov.statistic(sorted: times(fast), times(gsl))
        #expect(KolmogorovSmirnov.pValue((Double(n) / 2).squareRoot() * d) > 0.001, "KS D = \(d)")
        let (a, b) = (fast.estimate, gsl.estimate)
        let difference = abs(a.meanTime! - b.meanTime!)
        #expect(difference < 4 * (a.standardError! * a.standardError! + b.standardError! * b.standardError!).squareRoot())
        #expect(Comparison.agrees(a, prediction, sigmas: 4, allowance: 0.03))
        #expect(Comparison.agrees(b, prediction, sigmas: 4, allowance: 0.03))
    }
}
