import Dynamics
import Ensembles
import Landscapes
import NumericKit

/// Monte-Carlo simulation of an ``EscapeProblem``: the ensemble of first-passage times
/// from the start minimum to the escape point, under the problem's dynamics.
public enum EscapeSimulation {
    /// Runs the ensemble and summarises it.
    public static func run(_ problem: EscapeProblem, _ options: EnsembleOptions) throws -> SimulationResult {
        try run(problem, options, lanes: true)
    }

    /// `lanes: false` keeps the fast engine on its one-trajectory loops (the reference its
    /// SIMD-lane loops are tested against; the outcomes are the same).
    static func run(_ problem: EscapeProblem, _ options: EnsembleOptions, lanes: Bool) throws -> SimulationResult {
        if let stable = problem.stableNoise {
            return try problem.landscape.accept(JumpDrivenEnsemble(problem: problem, noise: stable, options: options),
                                                mirrored: problem.geometry.mirrored)
        }
        return try problem.withReducedSDE(EnsembleVisitor(problem: problem, options: options, lanes: lanes))
    }

    /// The SDE time one integrator step of `run` covers: the requested or default dt, or η
    /// for the discrete model (what a cost estimate divides the predicted τ by).
    public static func timePerStep(_ problem: EscapeProblem) throws -> Double {
        try problem.withReducedSDE(TimeStepVisitor(problem: problem))
    }
}

struct EnsembleVisitor: ReducedSDEVisitor {
    let problem: EscapeProblem
    let options: EnsembleOptions
    /// Whether the fast engine interleaves trajectories in SIMD lanes.
    let lanes: Bool
    /// The default SDE step of the problem (set once the SDE is known), for the warning
    /// on a requested dt above `largeStepFactor` times it.
    var defaultStep: Double? = nil
    static let largeStepFactor = 5.0

    func visit<L: Landscape1D, N: GradientNoise1D, P: Preconditioner1D>(_ sde: ReducedSDE<L, N, P>) throws -> SimulationResult {
        let g = problem.geometry
        switch problem.model {
        case .sde(let kind, _):
            let dt = try TimeStepVisitor(problem: problem).visit(sde)
            var visitor = self
            visitor.defaultStep = problem.optimizer.dynamics == .underdamped
                ? TimeStepVisitor.langevin(sde, problem).defaultTimeStep(g) : sde.defaultTimeStep(g)
            return try visitor.simulateSDE(sde, kind: kind, dt: dt)
        case .discrete:
            let outcomes = try problem.withIteration(IterationVisitor(problem: problem, options: options, lanes: lanes,
                                                                      landscape: sde.landscape, noise: sde.noise))
            return result(outcomes, dt: nil, integrator: nil)
        }
    }

    func simulateSDE<L: Landscape1D, N: GradientNoise1D, P: Preconditioner1D>(
        _ sde: ReducedSDE<L, N, P>, kind: IntegratorKind, dt: Double
    ) throws -> SimulationResult {
        let g = problem.geometry
        if problem.optimizer.dynamics == .underdamped {
            let langevin = TimeStepVisitor.langevin(sde, problem)
            let trajectory = UnderdampedTrajectory(sde: langevin, start: g.start.x, target: g.target, dt: dt,
                                                   maxSteps: problem.maxSteps, radius: problem.divergenceRadius)
            return result(EnsembleRunner.run(trajectory, options), dt: dt, integrator: "symplectic-euler")
        }
        let named = namedIntegratorWarnings(sde, kind: kind, dt: dt)
        return try SchemeChoice.with(sde, kind: kind, span: g.pathSpan, dt: dt,
                                     EnsembleScheme(simulation: self, sde: sde, kind: kind, dt: dt, warnings: named))
    }

    /// A named integrator on the uniform grid where the measured bias is large (docs/integrators.md
    /// §3–§4): a jump of D for a scheme that does not cross it exactly, or D changing within a
    /// few noise steps (where `auto` would refine) for one that does not refine.
    func namedIntegratorWarnings<L: Landscape1D, N: GradientNoise1D, P: Preconditioner1D>(
        _ sde: ReducedSDE<L, N, P>, kind: IntegratorKind, dt: Double
    ) -> [String] {
        guard kind != .automatic else { return [] }
        var warnings: [String] = []
        let g = problem.geometry
        let onPath = sde.diffusionInterfaces.filter { (g.start.x...g.target).contains($0.position) }
        if !(kind.scheme?.crossesJumpsExactly ?? true), let jump = onPath.map({ max($0.left / $0.right, $0.right / $0.left) }).max(), jump * jump >= 1.5 {
            warnings.append("D jumps ×\(String(format: "%.3g", jump * jump)) at a breakpoint on the path: \(kind.rawValue) is biased low there by O(√dt) (\(DiffusionInterface.measuredEulerBias)); the default integrator (auto) crosses it exactly")
        }
        let profile = StepSizeProfile(sde, from: g.pathSpan.from, to: g.pathSpan.to, nominal: dt)
        if !profile.isUniform {
            warnings.append("D changes within a few noise steps on the path (auto would refine dt to \(String(format: "%.2g", profile.smallestRatio))× there): \(kind.rawValue) on the uniform grid is biased there (measured at the default dt on floored hessian noise, D dipping ×100: euler-maruyama 0.52–0.75 of exact, milstein 1.13, platen 1.00 but 0.86 at 4× it; docs/integrators.md §3–§4); the default integrator (auto) refines and takes a weak order-2 step there")
        }
        return warnings
    }

    func result(_ outcomes: [TrajectoryOutcome], dt: Double?, integrator: String?,
                profile: StepSizeProfile? = nil, warnings named: [String] = []) -> SimulationResult {
        let eta = problem.learningRate
        let timePerStep = dt ?? eta
        var warnings = named
        if case .sde(_, let requested?) = problem.model, let nominal = defaultStep, requested > Self.largeStepFactor * nominal {
            warnings.append("--dt \(requested) is \(String(format: "%.3g", requested / nominal))× the default \(String(format: "%.3g", nominal)) (0.01 over the fastest relaxation rate): the discretisation bias is measured only up to 4× the default, where the default integrator's is not resolved (≤ 2%; docs/integrators.md §3); this τ may be far off")
        }
        return SimulationResult(
            estimate: EscapeEstimate(outcomes: outcomes, timePerStep: timePerStep, learningRate: eta),
            outcomes: outcomes, timePerStep: timePerStep, dt: dt, model: problem.model.name,
            integrator: integrator, stepControl: profile.map(StepControlSummary.init), warnings: warnings, options: options)
    }

    func runStepped<S: ScalarSDE, I: SDEIntegrator>(_ sde: S, _ integrator: I, _ profile: StepSizeProfile) -> [TrajectoryOutcome] {
        let g = problem.geometry
        if let clock {   // over AnyScalarSDE: the scheduled loop compiles once per scheme
            return EnsembleRunner.run(ScheduledTrajectory(
                SteppedSDETrajectory(sde: AnyScalarSDE(sde, learningRate: problem.learningRate), integrator: integrator, profile: profile, start: g.start.x,
                                     target: g.target, maxSteps: problem.maxSteps, radius: problem.divergenceRadius),
                clock: clock), options)
        }
        return EnsembleRunner.run(SteppedSDETrajectory(sde: sde, integrator: integrator, profile: profile, start: g.start.x,
                                                       target: g.target, maxSteps: problem.maxSteps,
                                                       radius: problem.divergenceRadius), options)
    }

    func runSDE<S: ScalarSDE, I: SDEIntegrator>(_ sde: S, _ integrator: I, dt: Double) -> [TrajectoryOutcome] {
        let g = problem.geometry
        if let clock {   // the scalar loop (lanes would each keep a clock), over AnyScalarSDE
            return EnsembleRunner.run(ScheduledTrajectory(
                SDETrajectory(sde: AnyScalarSDE(sde, learningRate: problem.learningRate), integrator: integrator, start: g.start.x, target: g.target,
                              dt: dt, maxSteps: problem.maxSteps, radius: problem.divergenceRadius),
                clock: clock), options)
        }
        let trajectory = SDETrajectory(sde: sde, integrator: integrator, start: g.start.x, target: g.target,
                                       dt: dt, maxSteps: problem.maxSteps, radius: problem.divergenceRadius)
        // The fast engine interleaves trajectories in SIMD lanes (same numbers as its scalar loop).
        if lanes && options.generator == .fast { return trajectory.runLanes(options) }
        return EnsembleRunner.run(trajectory, options)
    }

    /// The schedule's clock at t = 0; nil for a constant η.
    var clock: LearningRateClock? {
        problem.schedule.isConstant ? nil : LearningRateClock(schedule: problem.schedule, initialRate: problem.learningRate)
    }
}

/// Runs the ensemble with the scheme ``SchemeChoice`` hands over: on the uniform grid,
/// ``SDETrajectory`` (and the fast engine's SIMD lanes); on a step-size profile (Platen's may take
/// steps up to 4·dt₀ even where uniform, and skew-euler's coin draws from its own stream), the
/// stepped path.
struct EnsembleScheme<L: Landscape1D, N: GradientNoise1D, P: Preconditioner1D>: SteppedSchemeVisitor {
    let simulation: EnsembleVisitor
    let sde: ReducedSDE<L, N, P>
    let kind: IntegratorKind
    let dt: Double
    let warnings: [String]

    func visit<I: SDEIntegrator>(_ integrator: I, profile: StepSizeProfile) throws -> SimulationResult {
        finish(simulation.runStepped(sde, integrator, profile), integrator, profile)
    }

    func visitUniform<I: SDEIntegrator>(_ integrator: I, dt: Double) throws -> SimulationResult {
        finish(simulation.runSDE(sde, integrator, dt: dt), integrator, StepSizeProfile(uniform: dt))
    }

    func finish<I: SDEIntegrator>(_ outcomes: [TrajectoryOutcome], _ integrator: I, _ profile: StepSizeProfile) -> SimulationResult {
        let automatic = kind == .automatic
        return simulation.result(outcomes, dt: dt, integrator: automatic ? I.name : kind.rawValue,
                                 profile: automatic ? profile : nil, warnings: warnings)
    }
}

/// Runs the problem's discrete iteration on the oriented landscape and noise.
struct IterationVisitor<L: Landscape1D, N: GradientNoise1D>: OptimizerIterationVisitor {
    let problem: EscapeProblem
    let options: EnsembleOptions
    let lanes: Bool
    let landscape: L
    let noise: N

    func visit<O: OptimizerIteration1D>(_ optimizer: O) throws -> [TrajectoryOutcome] {
        let g = problem.geometry
        let trajectory = IterationTrajectory(iteration: NoisyIteration(landscape: landscape, noise: noise, optimizer: optimizer),
                                             start: g.start.x, target: g.target,
                                             maxSteps: problem.effectiveMaxSteps, radius: problem.divergenceRadius,
                                             schedule: problem.schedule)
        // A scheduled run takes the scalar loop (the lanes step with the optimizer's own η).
        if lanes && options.generator == .fast && problem.schedule.isConstant { return trajectory.runLanes(options) }
        return EnsembleRunner.run(trajectory, options)
    }
}
