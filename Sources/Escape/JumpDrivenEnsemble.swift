import Dynamics
import Ensembles
import Landscapes
import NumericKit

/// The ensemble of an α-stable problem (docs/theory.md §15), dispatched on the landscape alone:
/// the noise is the model's Gaussian member with the α-stable increment drawn in place of its
/// normal, and the rule is SGD (SDE and discrete) or the heavy ball (discrete), so that only
/// these loops are compiled for it. The SDE takes the Euler–Maruyama step on the uniform grid
/// (`EscapeProblem` refuses the other schemes); with dt = η it is the discrete SGD rule in law.
struct JumpDrivenEnsemble: Landscape1DVisitor {
    let problem: EscapeProblem
    let noise: StableNoiseModel
    let options: EnsembleOptions

    func visit<L: Landscape1D>(_ landscape: L) throws -> SimulationResult {
        let g = problem.geometry, eta = problem.learningRate
        var report = EnsembleVisitor(problem: problem, options: options, lanes: false)
        switch problem.model {
        case .sde(_, let requested):
            let sde = ReducedSDE(landscape: landscape, noise: noise.gaussianMember, preconditioner: SGDPreconditioner(), learningRate: eta)
            let defaultStep = sde.defaultTimeStep(g)
            report.defaultStep = defaultStep
            let dt = requested ?? defaultStep
            let trajectory = SDETrajectory(sde: sde, integrator: EulerMaruyama(), start: g.start.x, target: g.target, dt: dt,
                                           maxSteps: problem.maxSteps, radius: problem.divergenceRadius)
            let outcomes = EnsembleRunner.run(JumpDrivenTrajectory(trajectory, increment: noise.increment(learningRate: eta, sde: true)), options)
            return report.result(outcomes, dt: dt, integrator: EulerMaruyama.name)
        case .discrete:
            if problem.optimizer == .momentum {
                return report.result(discrete(landscape, HeavyBallIteration(learningRate: eta, beta: problem.settings.momentum)), dt: nil, integrator: nil)
            }
            return report.result(discrete(landscape, SGDIteration(learningRate: eta)), dt: nil, integrator: nil)
        }
    }

    func discrete<L: Landscape1D, O: OptimizerIteration1D>(_ landscape: L, _ optimizer: O) -> [TrajectoryOutcome] {
        let g = problem.geometry
        let trajectory = IterationTrajectory(iteration: NoisyIteration(landscape: landscape, noise: noise.gaussianMember, optimizer: optimizer),
                                             start: g.start.x, target: g.target, maxSteps: problem.maxSteps, radius: problem.divergenceRadius)
        return EnsembleRunner.run(JumpDrivenTrajectory(trajectory, increment: noise.increment(learningRate: problem.learningRate, sde: false)), options)
    }
}
