import Dynamics
import Landscapes
import NumericKit

/// Monte-Carlo simulation of an ``EscapeProblemND``.
public enum EscapeSimulationND {
    public static func run(_ problem: EscapeProblemND, _ options: EnsembleOptions) throws -> SimulationResult {
        try problem.optimizer.withPreconditioner(settings: problem.settings, PreconditionerStage(problem: problem, options: options))
    }

    /// The default SDE step: 0.01 over the fastest rate at the start, the saddle and the next
    /// minimum — (max pᵢ)·(max |λ(∇²L)|) for the reduced SDE (an upper bound on |eig(P∇²L)|),
    /// max(γ/η, √(max|λ|/η)) for momentum's underdamped SDE.
    public static func defaultTimeStep<L: LandscapeND, P: Preconditioner1D>(_ problem: EscapeProblemND, _ diffusion: DiffusionND<L, P>) -> Double {
        let points = [problem.start, problem.saddle, problem.next]
        let curvature = points.map { $0.eigenvalues.map(abs).max()! }.max()!
        if problem.optimizer == .momentum {
            let eta = problem.learningRate, gamma = 1 - problem.settings.momentum
            return 0.01 / max(gamma / eta, (curvature / eta).squareRoot())
        }
        let ws = diffusion.makeWorkspace()
        var rate = 0.0
        for p in points {
            for i in 0..<ws.d { ws.theta[i] = p.x[i] }
            diffusion.prepare(ws)
            if problem.landscape.hasDiagonalHessian {
                // Diagonal P and ∇²L: the rates are exactly pᵢ·|Hᵢᵢ|.
                let h = diffusion.landscape.hessian(p.x)
                for i in 0..<ws.d { rate = max(rate, ws.factor[i] * abs(h[i * ws.d + i])) }
            } else {
                rate = max(rate, (0..<ws.d).map { ws.factor[$0] }.max()! * curvature)
            }
        }
        return 0.01 / rate
    }
}

struct PreconditionerStage: PreconditionerVisitor {
    let problem: EscapeProblemND
    let options: EnsembleOptions

    func visit<P: Preconditioner1D>(_ preconditioner: P) throws -> SimulationResult {
        try problem.landscape.accept(EnsembleVisitorND(problem: problem, options: options, preconditioner: preconditioner))
    }
}

/// Runs the ensemble with the landscape family and the preconditioner both concrete.
struct EnsembleVisitorND<P: Preconditioner1D>: LandscapeNDVisitor {
    let problem: EscapeProblemND
    let options: EnsembleOptions
    let preconditioner: P

    func visit<L: LandscapeND>(_ landscape: L) throws -> SimulationResult {
        let region = EscapeRegionND(problem)
        let eta = problem.learningRate
        let diffusion = DiffusionND(landscape: landscape, noise: problem.noise, preconditioner: preconditioner,
                                    form: problem.form, learningRate: eta)
        let plain = DiffusionND(landscape: landscape, noise: problem.noise, preconditioner: SGDPreconditioner(),
                                form: problem.form, learningRate: eta)
        switch problem.model {
        case .sde(let kind, let requested):
            let dt = requested ?? EscapeSimulationND.defaultTimeStep(problem, diffusion)
            let outcomes: [TrajectoryOutcome]
            let integrator: String
            if problem.optimizer == .momentum {
                outcomes = EnsembleRunner.run(UnderdampedTrajectoryND(diffusion: plain, beta: problem.settings.momentum, region: region,
                                                                      dt: dt, maxSteps: problem.maxSteps), options)
                integrator = "symplectic-euler"
            } else {
                // auto: the skew-Euler step on coordinates whose diffusion jumps (separable pq), else
                // Euler–Maruyama (docs/integrators.md §1).
                let interfaces = kind == .automatic ? diffusion.axisInterfaces(at: problem.start.x) : []
                let trajectory = SDETrajectoryND(diffusion: diffusion, region: region, dt: dt, maxSteps: problem.maxSteps,
                                                 interfaces: interfaces)
                outcomes = EnsembleRunner.run(trajectory, options)
                integrator = trajectory.axisSteps.isEmpty ? EulerMaruyama.name : SkewEuler.name
            }
            return SimulationResult(estimate: EscapeEstimate(outcomes: outcomes, timePerStep: dt, learningRate: eta),
                                    outcomes: outcomes, timePerStep: dt, dt: dt, model: "sde", integrator: integrator, options: options)
        case .discrete:
            let outcomes = try problem.optimizer.withIteration(
                learningRate: eta, settings: problem.settings,
                IterationVisitorND(diffusion: plain, region: region, maxSteps: problem.maxSteps, options: options))
            return SimulationResult(estimate: EscapeEstimate(outcomes: outcomes, timePerStep: eta, learningRate: eta),
                                    outcomes: outcomes, timePerStep: eta, dt: nil, model: "discrete", integrator: nil, options: options)
        }
    }
}

struct IterationVisitorND<L: LandscapeND>: OptimizerIterationVisitor {
    let diffusion: DiffusionND<L, SGDPreconditioner>
    let region: EscapeRegionND
    let maxSteps: Int
    let options: EnsembleOptions

    func visit<O: OptimizerIteration1D>(_ optimizer: O) throws -> [TrajectoryOutcome] {
        EnsembleRunner.run(IterationTrajectoryND(diffusion: diffusion, optimizer: optimizer, region: region, maxSteps: maxSteps), options)
    }
}
