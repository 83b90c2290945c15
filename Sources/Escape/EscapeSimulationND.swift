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
    public static func defaultTimeStep<L: LandscapeND, N: GradientNoiseND, P: Preconditioner1D>(_ problem: EscapeProblemND, _ diffusion: DiffusionND<L, N, P>) -> Double {
        let points = [problem.start, problem.saddle, problem.next]
        let curvature = points.map { $0.eigenvalues.map(abs).max()! }.max()!
        if problem.optimizer.dynamics == .underdamped {
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

    /// `auto`'s step control where the coordinates decouple (∇²L diagonal, noise not constant):
    /// nil otherwise. As in 1-D (docs/integrators.md §4), Euler–Maruyama's rule decides whether
    /// any coordinate refines; if one does, the returned control is Platen's rule on every
    /// coordinate (Euler–Maruyama's, steps ≤ dt₀, on coordinates with jumps, which take the
    /// skew-Euler step). Spans: ``AxisStepControl/spans(covering:)`` of the start, saddle, next
    /// minimum and target point, on 16 384 cells (the spans are about twice the 1-D path's).
    static func stepControl<L: LandscapeND, N: GradientNoiseND, P: Preconditioner1D>(
        _ problem: EscapeProblemND, _ diffusion: DiffusionND<L, N, P>, nominal dt: Double
    ) -> AxisStepControl? {
        guard !diffusion.needsEigen, !diffusion.hasConstantNoise else { return nil }
        let spans = AxisStepControl.spans(covering: [problem.start.x, problem.saddle.x, problem.next.x, problem.planePoint])
        let base = problem.start.x, d = problem.dimension, cells = 16384
        let euler = AxisStepControl(diffusion, base: base, spans: spans, nominal: dt,
                                    rules: Array(repeating: .eulerMaruyama, count: d), cells: cells)
        guard !euler.isUniform else { return euler }
        let jumps = diffusion.landscape.axisBreakpoints
        return AxisStepControl(diffusion, base: base, spans: spans, nominal: dt,
                               rules: jumps.map { $0.isEmpty ? .weakOrderTwo : .eulerMaruyama }, cells: cells)
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

    func visit<P: Preconditioner1D>(_ preconditioner: P) throws -> SimulationResult {
        try problem.withDiffusion(preconditioner: preconditioner, EnsembleVisitorND(problem: problem, options: options))
    }
}

/// Runs the ensemble with the landscape family, the noise model and the preconditioner concrete.
struct EnsembleVisitorND: DiffusionNDVisitor {
    let problem: EscapeProblemND
    let options: EnsembleOptions

    func visit<L: LandscapeND, N: GradientNoiseND, P: Preconditioner1D>(_ diffusion: DiffusionND<L, N, P>) throws -> SimulationResult {
        let region = EscapeRegionND(problem)
        let eta = problem.learningRate
        let plain = DiffusionND(landscape: diffusion.landscape, noise: diffusion.noise, preconditioner: SGDPreconditioner(),
                                form: problem.form, learningRate: eta)
        switch problem.model {
        case .sde(let kind, let requested):
            let dt = requested ?? EscapeSimulationND.defaultTimeStep(problem, diffusion)
            let outcomes: [TrajectoryOutcome]
            let integrator: String
            var warnings: [String] = []
            var stepControl: StepControlSummary? = nil
            if problem.optimizer.dynamics == .underdamped {
                outcomes = EnsembleRunner.run(UnderdampedTrajectoryND(diffusion: plain, beta: problem.settings.momentum, region: region,
                                                                      dt: dt, maxSteps: problem.maxSteps), options)
                integrator = "symplectic-euler"
            } else if kind == .automatic, let control = EscapeSimulationND.stepControl(problem, diffusion, nominal: dt),
                      !control.isUniform {
                // auto where the coordinates decouple and some gᵢ changes within a few noise steps:
                // the 1-D choice per coordinate (docs/integrators.md §1, §4) — Platen's weak order-2
                // step under the smallest coordinate's step, the skew-Euler step at jumps.
                let trajectory = SteppedSDETrajectoryND(diffusion: diffusion, region: region, control: control,
                                                        maxSteps: problem.maxSteps, interfaces: diffusion.axisInterfaces(at: problem.start.x))
                outcomes = EnsembleRunner.run(trajectory, options)
                integrator = PlatenWeakTwo.name
                stepControl = StepControlSummary(control)
            } else {
                // auto: the skew-Euler step on coordinates whose diffusion jumps (separable pq), else
                // Euler–Maruyama (docs/integrators.md §1).
                let interfaces = kind == .automatic ? diffusion.axisInterfaces(at: problem.start.x) : []
                let trajectory = SDETrajectoryND(diffusion: diffusion, region: region, dt: dt, maxSteps: problem.maxSteps,
                                                 interfaces: interfaces)
                outcomes = EnsembleRunner.run(trajectory, options)
                integrator = trajectory.axisSteps.isEmpty ? EulerMaruyama.name : SkewEuler.name
                if trajectory.axisSteps.isEmpty, let warning = EscapeSimulationND.fastDiffusionWarning(problem, diffusion, dt: dt) {
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
