import Dynamics
import Ensembles
import Landscapes
import NumericKit

/// Monte-Carlo simulation of an ``EscapeProblemND``.
public enum EscapeSimulationND {
    public static func run(_ problem: EscapeProblemND, _ options: EnsembleOptions) throws -> SimulationResult {
        try run(problem, options, lanes: true)
    }

    /// `lanes: false` keeps the fast engine on its one-trajectory loop (the reference its
    /// SIMD-lane loop is tested against; the outcomes are the same).
    static func run(_ problem: EscapeProblemND, _ options: EnsembleOptions, lanes: Bool) throws -> SimulationResult {
        try problem.optimizer.withPreconditioner(settings: problem.settings,
                                                 PreconditionerStage(problem: problem, options: options, lanes: lanes))
    }

    /// A warning when the diffusivity of the escape coordinate, D_n = η·nᵀPCPn/2 along the
    /// minimum-energy path up to the target, changes within a few noise steps: where
    /// Euler–Maruyama's rule of ``StepSizeProfile`` (noise step √(2D_n·dt) > f·D_n/|dD_n/ds|,
    /// f = 0.3) would refine in one dimension, for a run on the uniform grid: Euler–Maruyama by
    /// name, or `auto` where the coordinates do not decouple (no d-dimensional step control
    /// there), biased like 1-D Euler–Maruyama at a dip or jump (docs/integrators.md §3–§4).
    /// Only the escape coordinate's D is checked, on 2 048 points of the path.
    static func fastDiffusionWarning<L: LandscapeND, N: GradientNoiseND, P: Preconditioner1D>(
        _ problem: EscapeProblemND, _ diffusion: DiffusionND<L, N, P>, dt: Double
    ) -> String? {
        guard !diffusion.hasConstantNoise, problem.path.count >= 2 else { return nil }
        let ws = diffusion.makeWorkspace()
        let normal = problem.normal
        // The path up to the target plane (all of it for a ball target), by arc length.
        let plane: Bool
        if case .radius = problem.target { plane = false } else { plane = true }
        var points = [problem.path[0]]
        for p in problem.path.dropFirst() {
            points.append(p)
            var side = 0.0
            for i in 0..<p.count { side += normal[i] * (p[i] - problem.planePoint[i]) }
            if plane && side >= 0 { break }
        }
        var arc = [0.0]
        for k in 1..<points.count {
            var step = 0.0
            for i in 0..<points[k].count { let u = points[k][i] - points[k - 1][i]; step += u * u }
            arc.append(arc[k - 1] + step.squareRoot())
        }
        let length = arc.last!, samples = 2048
        guard length > 0 else { return nil }
        let h = length / Double(samples)
        var segment = 1
        let d = (0...samples).map { k -> Double in
            let s = Double(k) * h
            while segment < points.count - 1 && arc[segment] < s { segment += 1 }
            let w = (s - arc[segment - 1]) / max(arc[segment] - arc[segment - 1], .leastNormalMagnitude)
            for i in 0..<ws.d { ws.theta[i] = points[segment - 1][i] + min(1, w) * (points[segment][i] - points[segment - 1][i]) }
            diffusion.prepare(ws)
            return 0.5 * diffusion.learningRate * normal.withUnsafeBufferPointer { diffusion.normalVariance($0, ws) }
        }
        var worst = 1.0
        for k in 1..<samples {
            let slope = abs(d[k + 1] - d[k - 1]) / (2 * h)
            guard slope > 0 else { continue }
            worst = min(worst, StepSizeProfile.Rule.eulerMaruyama.fraction * (d[k] / slope) / (2 * d[k] * dt).squareRoot())
        }
        guard worst < 1 else { return nil }
        let range = d.max()! / d.min()!
        let remedy = diffusion.needsEigen
            ? "d-dimensional step control needs coordinates that decouple (a diagonal Hessian), which this landscape's do not"
            : "the default integrator (auto) refines the step and takes Platen's weak order-2 step here"
        return "D of the escape coordinate changes within a few noise steps on the path (by ×\(String(format: "%.3g", range)) along it; a 1-D run would refine dt to \(String(format: "%.2g", worst * worst))× there): Euler–Maruyama on a uniform grid is biased low there as in 1-D (at dips ×100: 0.52–0.75 of exact at the default dt, docs/integrators.md §4; at jumps, \(DiffusionInterface.measuredEulerBias)); \(remedy)"
    }
}

struct PreconditionerStage: PreconditionerVisitor {
    let problem: EscapeProblemND
    let options: EnsembleOptions
    let lanes: Bool

    func visit<P: Preconditioner1D>(_ preconditioner: P) throws -> SimulationResult {
        try problem.withDiffusion(preconditioner: preconditioner, EnsembleVisitorND(problem: problem, options: options, lanes: lanes))
    }
}

/// Runs the ensemble with the landscape family, the noise model and the preconditioner concrete.
struct EnsembleVisitorND: DiffusionNDVisitor {
    let problem: EscapeProblemND
    let options: EnsembleOptions
    /// Whether the fast engine interleaves trajectories in SIMD lanes where it can.
    let lanes: Bool

    func visit<L: LandscapeND, N: GradientNoiseND, P: Preconditioner1D>(_ diffusion: DiffusionND<L, N, P>) throws -> SimulationResult {
        let region = EscapeRegionND(problem)
        let eta = problem.learningRate
        let plain = DiffusionND(landscape: diffusion.landscape, noise: diffusion.noise, preconditioner: SGDPreconditioner(),
                                form: problem.form, learningRate: eta)
        switch problem.model {
        case .sde(let kind, let requested):
            let dt = requested ?? problem.defaultTimeStep(diffusion)
            let outcomes: [TrajectoryOutcome]
            let integrator: String
            var warnings: [String] = []
            var stepControl: StepControlSummary? = nil
            if problem.optimizer.dynamics == .underdamped {
                outcomes = EnsembleRunner.run(UnderdampedTrajectoryND(diffusion: plain, beta: problem.settings.momentum, region: region,
                                                                      dt: dt, maxSteps: problem.maxSteps), options)
                integrator = "symplectic-euler"
            } else {
                // The scheme brute force and splitting share (``EscapeProblemND/sdeStep(_:kind:dt:needsVariance:)``).
                let step = problem.sdeStep(diffusion, kind: kind, dt: dt, needsVariance: region.isHyperplane)
                let trajectory = SDETrajectoryND(step: step, region: region, maxSteps: problem.maxSteps)
                // The fast engine interleaves trajectories in SIMD lanes (same numbers as its scalar loop).
                outcomes = lanes && options.generator == .fast && trajectory.hasLaneLoop
                    ? trajectory.runLanes(options) : EnsembleRunner.run(trajectory, options)
                integrator = step.schemeName
                if let control = step.control {
                    stepControl = StepControlSummary(control)
                } else if step.axisSteps.isEmpty, let warning = EscapeSimulationND.fastDiffusionWarning(problem, diffusion, dt: dt) {
                    warnings.append(warning)
                }
            }
            return SimulationResult(estimate: EscapeEstimate(outcomes: outcomes, timePerStep: dt, learningRate: eta),
                                    outcomes: outcomes, timePerStep: dt, dt: dt, model: "sde", integrator: integrator,
                                    stepControl: stepControl, warnings: warnings, options: options)
        case .discrete:
            let outcomes = try problem.optimizer.withIteration(
                learningRate: eta, settings: problem.settings,
                IterationVisitorND(diffusion: plain, region: region, maxSteps: problem.maxSteps, options: options))
            return SimulationResult(estimate: EscapeEstimate(outcomes: outcomes, timePerStep: eta, learningRate: eta),
                                    outcomes: outcomes, timePerStep: eta, dt: nil, model: "discrete", integrator: nil, options: options)
        }
    }
}

struct IterationVisitorND<L: LandscapeND, N: GradientNoiseND>: OptimizerIterationVisitor {
    let diffusion: DiffusionND<L, N, SGDPreconditioner>
    let region: EscapeRegionND
    let maxSteps: Int
    let options: EnsembleOptions

    func visit<O: OptimizerIteration1D>(_ optimizer: O) throws -> [TrajectoryOutcome] {
        EnsembleRunner.run(IterationTrajectoryND(diffusion: diffusion, optimizer: optimizer, region: region, maxSteps: maxSteps), options)
    }
}
