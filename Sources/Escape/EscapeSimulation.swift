import Dynamics
import Landscapes
import NumericKit

/// Monte-Carlo simulation of an ``EscapeProblem``: the ensemble of first-passage times
/// from the start minimum to the escape point, under the problem's dynamics.
public enum EscapeSimulation {
    /// Runs the ensemble and summarises it.
    public static func run(_ problem: EscapeProblem, _ options: EnsembleOptions) throws -> SimulationResult {
        try problem.withReducedSDE(EnsembleVisitor(problem: problem, options: options))
    }
}

/// An ensemble's estimate with the run's settings.
public struct SimulationResult: Sendable, Equatable {
    public let estimate: EscapeEstimate
    /// The SDE step used (nil for the discrete model).
    public let dt: Double?
    public let model: String
    public let integrator: String?
    public let options: EnsembleOptions
}

struct EnsembleVisitor: ReducedSDEVisitor {
    let problem: EscapeProblem
    let options: EnsembleOptions

    func visit<L: Landscape1D, N: GradientNoise1D, P: Preconditioner1D>(_ sde: ReducedSDE<L, N, P>) throws -> SimulationResult {
        let g = problem.geometry
        let eta = problem.learningRate
        switch problem.model {
        case .sde(let kind, let requestedDt):
            let dt = requestedDt ?? sde.defaultTimeStep(g)
            let outcomes = switch kind {
            case .eulerMaruyama: runSDE(sde, EulerMaruyama(), dt: dt)
            case .milstein: runSDE(sde, Milstein(), dt: dt)
            }
            return SimulationResult(
                estimate: EscapeEstimate(outcomes: outcomes, timePerStep: dt, learningRate: eta),
                dt: dt, model: "sde", integrator: kind.rawValue, options: options)
        case .discrete:
            // EscapeProblem refuses the discrete model for optimizers without an iteration.
            precondition(problem.optimizer.hasDiscreteIteration, "validated by EscapeProblem")
            let outcomes = runIteration(NoisyIteration(landscape: sde.landscape, noise: sde.noise,
                                                       optimizer: SGDIteration(learningRate: eta)))
            return SimulationResult(
                estimate: EscapeEstimate(outcomes: outcomes, timePerStep: eta, learningRate: eta),
                dt: nil, model: "discrete", integrator: nil, options: options)
        }
    }

    func runSDE<S: ScalarSDE, I: SDEIntegrator>(_ sde: S, _ integrator: I, dt: Double) -> [TrajectoryOutcome] {
        let g = problem.geometry
        let trajectory = SDETrajectory(sde: sde, integrator: integrator, start: g.start.x, target: g.target,
                                       dt: dt, maxSteps: problem.maxSteps, radius: problem.divergenceRadius)
        return EnsembleRunner.run(trajectory, options)
    }

    func runIteration<L, N, O>(_ iteration: NoisyIteration<L, N, O>) -> [TrajectoryOutcome] {
        let g = problem.geometry
        let trajectory = IterationTrajectory(iteration: iteration, start: g.start.x, target: g.target,
                                             maxSteps: problem.maxSteps, radius: problem.divergenceRadius)
        return EnsembleRunner.run(trajectory, options)
    }
}
