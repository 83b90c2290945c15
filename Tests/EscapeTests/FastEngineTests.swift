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

    /// The branch-free piecewise step (PiecewiseAffineEulerLanes) equals the scalar
    /// Euler–Maruyama loop bit for bit: pq with hessian noise (with and without a floor),
    /// frozen noise, from the right well (the mirrored pieces), and InvAdam's SDE, whose
    /// preconditioner P = √C + ε differs per piece.
    @Test(arguments: [
        (StartSide.left, OptimizerKind.sgd, NoiseSpec.hessian(batch: 1, floor: 0)),
        (.left, .sgd, .hessian(batch: 2, floor: 0.5)),
        (.left, .sgd, .frozen(batch: 1)),
        (.right, .sgd, .hessian(batch: 1, floor: 0)),
        (.left, .invadam, .hessian(batch: 1, floor: 0)),
    ])
    func piecewiseLanesEqualScalarLoop(side: StartSide, optimizer: OptimizerKind, noise: NoiseSpec) throws {
        let problem = try EscapeProblem(landscape: LandscapeSpec.parse("pq:ha=4,hb=2,barrier=0.5,hc=3"), side: side,
                                        optimizer: optimizer, noise: noise, learningRate: 0.1,
                                        model: .sde(integrator: .eulerMaruyama, dt: 0.01), maxSteps: 3_000)
        try problem.withReducedSDE(PiecewiseFormProbe())
        let reference = try EscapeSimulation.run(problem, EnsembleOptions(trajectories: 203, seed: 5, threads: 1, generator: .fast),
                                                 lanes: false).outcomes
        for threads in [1, 2] {
            let lanes = try EscapeSimulation.run(problem, EnsembleOptions(trajectories: 203, seed: 5, threads: threads, generator: .fast))
            #expect(lanes.outcomes == reference)
        }
        #expect(Set(reference.map(\.kind)).isSuperset(of: [.escaped, .censored]))
    }

    /// The same for the optimizers' own iterations (IterationTrajectory.runLanes, the
    /// optimizers' OptimizerLanes): every rule, with a step cap that censors some trajectories,
    /// on the quartic (constant noise: √C hoisted) and on pq with hessian noise (the
    /// branch-free piecewise gradient).
    @Test(arguments: [
        ("quartic:barrier=1", OptimizerKind.adam, 0.4, 2_000),
        ("quartic:barrier=1", .invadam, 0.2, 2_000),
        ("quartic:barrier=1", .dualadam, 0.3, 2_000),
        ("quartic:barrier=1", .rmsprop, 0.4, 2_000),
        ("quartic:barrier=1", .sgd, 0.02, 2_000),
        ("quartic:barrier=1", .momentum, 0.002, 400),
        ("pq:ha=4,hb=2,barrier=0.5", .sgd, 0.05, 2_000),
        ("pq:ha=4,hb=2,barrier=0.5", .dualadam, 0.05, 2_000),
    ])
    func iterationLanesEqualScalarLoop(spec: String, optimizer: OptimizerKind, lr: Double, maxSteps: Int) throws {
        // Plain SGD and momentum need more noise than the adaptive rules at a stable η·L″ < 2.
        let sigma2 = optimizer == .momentum ? 125.0 : optimizer == .sgd ? 20 : 1
        let noise: NoiseSpec = spec.hasPrefix("pq") ? .hessian(batch: 1, floor: 0) : .isotropic(sigma2: sigma2)
        let problem = try EscapeProblem(landscape: LandscapeSpec.parse(spec), optimizer: optimizer,
                                        noise: noise, learningRate: lr, model: .discrete, maxSteps: maxSteps)
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

/// Fails the test unless the problem's reduced SDE has the piecewise-affine form (so that the
/// piecewise lanes, not the per-lane loop, are what the test compares).
struct PiecewiseFormProbe: ReducedSDEVisitor {
    func visit<L: Landscape1D, N: GradientNoise1D, P: Preconditioner1D>(_ sde: ReducedSDE<L, N, P>) throws {
        #expect(sde.piecewiseAffineForm != nil)
    }
}
