import Landscapes
import NumericKit

/// The Ornstein–Uhlenbeck scales of a d-dimensional problem's escape coordinate
/// s = n·(θ − θ₀) (``EscapePlane``) at the start minimum, where its motion along the saddle's
/// unstable direction n decouples from the rest (docs/rare-events.md, "d dimensions"):
///
///     k_n = −n·∂(n·μ)/∂θ along n   (the drift's slope, a central difference),
///     g_n² = η·nᵀPCPn              (the variance rate of s),
///
/// so that the well's width along n is w = √(g_n²/(2k_n)) — splitting's unit for its levels —
/// and 1/k_n is the escape coordinate's relaxation time (SDE time) — the cost checks' unit.
/// Scales, not predictions.
public struct EscapeCoordinateScales: Sendable, Equatable {
    /// k_n.
    public let slope: Double
    /// g_n².
    public let variance: Double

    /// The scales of `problem` under `diffusion` (its reduced SDE; for momentum the overdamped
    /// limit P = 1/(1 − β)).
    public init<L: LandscapeND, N: GradientNoiseND, P: Preconditioner1D>(_ problem: EscapeProblemND, _ diffusion: DiffusionND<L, N, P>) {
        let x = problem.start.x, n = problem.normal
        let ws = diffusion.makeWorkspace()   // z = 0: driftAndKick gives the drift alone
        func driftAlongNormal(_ t: Double) -> Double {
            for i in 0..<ws.d { ws.theta[i] = x[i] + t * n[i] }
            diffusion.prepare(ws)
            diffusion.driftAndKick(ws)
            return (0..<ws.d).reduce(0) { $0 + n[$1] * ws.drift[$1] }
        }
        let h = 1e-5 * max(1, x.map(abs).max() ?? 1)
        slope = -(driftAlongNormal(h) - driftAlongNormal(-h)) / (2 * h)
        for i in 0..<ws.d { ws.theta[i] = x[i] }
        diffusion.prepare(ws)
        variance = n.withUnsafeBufferPointer { diffusion.normalVariance($0, ws) } * diffusion.learningRate
    }
}

/// What one step of a d-dimensional problem's simulation covers and how fast its escape
/// coordinate relaxes, known before anything runs (the cost checks of brute force and
/// splitting).
public struct StepScalesND: Sendable, Equatable {
    /// SDE time per step: the requested or default dt (``EscapeProblemND/defaultTimeStep(_:)``),
    /// η for the discrete iteration.
    public let timePerStep: Double
    /// 1/k_n (``EscapeCoordinateScales``), SDE time.
    public let relaxationTime: Double
    /// What one step costs in 1-D steps: d coordinates, or d³ where C's square root takes an
    /// eigen-decomposition per step (docs/performance.md: nd-10 runs at about a tenth of the 1-D
    /// step rate, rotated-10 with hessian noise at about a thousandth).
    public let workPerStep: Double
}

extension EscapeProblemND {
    /// The problem's ``StepScalesND``: one dispatch to its diffusion, as a run makes.
    public func stepScales() throws -> StepScalesND {
        try optimizer.withPreconditioner(settings: settings, StepScalesStage(problem: self))
    }
}

struct StepScalesStage: PreconditionerVisitor, DiffusionNDVisitor {
    let problem: EscapeProblemND

    func visit<P: Preconditioner1D>(_ preconditioner: P) throws -> StepScalesND {
        try problem.withDiffusion(preconditioner: preconditioner, self)
    }

    func visit<L: LandscapeND, N: GradientNoiseND, P: Preconditioner1D>(_ diffusion: DiffusionND<L, N, P>) throws -> StepScalesND {
        let timePerStep: Double = switch problem.model {
        case .sde(_, let requested): requested ?? problem.defaultTimeStep(diffusion)
        case .discrete: problem.learningRate
        }
        let d = Double(problem.dimension)
        return StepScalesND(timePerStep: timePerStep, relaxationTime: 1 / EscapeCoordinateScales(problem, diffusion).slope,
                            workPerStep: diffusion.needsEigen ? d * d * d : d)
    }
}
