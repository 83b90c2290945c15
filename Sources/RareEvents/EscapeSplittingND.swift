import Dynamics
import Landscapes
import NumericKit

/// The mean escape time of a d-dimensional problem by adaptive multilevel splitting and the
/// loop decomposition (``SplittingEscapeTime``; docs/rare-events.md): the reduced SDE in the
/// scheme brute force takes (``SDEChainND``), or the optimizer's own iteration with every
/// coordinate's moments (``IterationChainND``). The reaction coordinate is the escape
/// coordinate s = n·(θ − θ₀) of the target hyperplane (n the saddle's unstable direction), so
/// the target is exactly its level set s ≥ 0 and home is the half-space s ≤ a behind the
/// minimum. Levels are in units of the well's width along n, w = √(g_n²/(2k_n)), with
/// g_n² = η·nᵀPCPn and k_n = −n·∂(n·μ)/∂θ (a central difference along n) at the start
/// minimum: the standard deviation of s where the Ornstein–Uhlenbeck motion along n decouples
/// from the rest (a scale for the levels, not a prediction).
public enum EscapeSplittingND {
    /// The SDE's integrator (nil for the discrete iteration); refuses what splitting does not
    /// run: a ball target (not a level set of s), scheduled DualAdam.
    @discardableResult
    public static func check(_ problem: EscapeProblemND) throws(InvalidParameter) -> IntegratorKind? {
        if case .radius = problem.target {
            throw InvalidParameter("escape-at", given: "\(problem.target.description) with --method ams",
                                   allowed: "midpoint or saddle (splitting's reaction coordinate is the distance to the target hyperplane; a ball around a minimum is not one of its level sets)")
        }
        return try EscapeSplitting.checkDynamics(optimizer: problem.optimizer, settings: problem.settings, model: problem.model)
    }

    public static func run(_ problem: EscapeProblemND, _ options: EscapeSplitting.Options) throws -> EscapeSplitting.Result {
        try options.validate()
        try check(problem)
        return try problem.optimizer.withPreconditioner(settings: problem.settings, SplittingPreconditionerND(problem: problem, options: options))
    }
}

extension SplittingLevels {
    /// Levels on the escape coordinate s of a d-dimensional problem (``EscapeSplittingND``), in
    /// well widths along n (``EscapeCoordinateScales``).
    init<L: LandscapeND, N: GradientNoiseND, P: Preconditioner1D>(_ diffusion: DiffusionND<L, N, P>, problem: EscapeProblemND,
                                                                   options: EscapeSplitting.Options) throws {
        let scales = EscapeCoordinateScales(problem, diffusion)
        try self.init(slope: scales.slope, noise: scales.variance.squareRoot(), start: EscapePlane(problem).signedDistance(problem.start.x),
                      target: 0, options: options) { $0 }
    }
}

/// Receives the reduced SDE's preconditioner, then its d-dimensional diffusion.
struct SplittingPreconditionerND: PreconditionerVisitor {
    let problem: EscapeProblemND
    let options: EscapeSplitting.Options

    func visit<P: Preconditioner1D>(_ preconditioner: P) throws -> EscapeSplitting.Result {
        try problem.withDiffusion(preconditioner: preconditioner, SplittingDiffusionND(problem: problem, options: options))
    }
}

/// The levels, then the SDE's chain in the problem's scheme or the discrete iteration's.
struct SplittingDiffusionND: DiffusionNDVisitor {
    let problem: EscapeProblemND
    let options: EscapeSplitting.Options

    func visit<L: LandscapeND, N: GradientNoiseND, P: Preconditioner1D>(_ diffusion: DiffusionND<L, N, P>) throws -> EscapeSplitting.Result {
        let levels = try SplittingLevels(diffusion, problem: problem, options: options)
        let plane = EscapePlane(problem)
        switch problem.model {
        case .sde(let kind, let requested):
            let dt = requested ?? problem.defaultTimeStep(diffusion)
            if problem.optimizer.dynamics == .underdamped {
                // Momentum's underdamped SDE: state (θ, u), from rest at the minimum as brute force starts.
                let chain = UnderdampedChainND<L, N, AnyRandomSource>(diffusion: plain(diffusion), beta: problem.settings.momentum, dt: dt,
                                                                      plane: plane, start: problem.start.x)
                return try EscapeSplitting.estimate(AnySplittableChain(chain), from: chain.initialState, levels: levels, options: options,
                                                    timePerStep: dt, integrator: "symplectic-euler")
            }
            let step = problem.sdeStep(diffusion, kind: kind, dt: dt, needsVariance: true)
            let chain = SDEChainND<L, N, P, AnyRandomSource>(step: step, plane: plane, start: problem.start.x)
            return try EscapeSplitting.estimate(AnySplittableChain(chain), from: chain.initialState, levels: levels, options: options,
                                                timePerStep: dt, integrator: step.schemeName)
        case .discrete:
            return try problem.optimizer.withIteration(learningRate: problem.learningRate, settings: problem.settings,
                                                       IterationSplittingND(problem: problem, options: options, levels: levels,
                                                                            diffusion: plain(diffusion), plane: plane))
        }
    }

    /// The gradient and its noise with no preconditioner: what the discrete iteration and the
    /// underdamped SDE step (each carries its own optimizer state).
    func plain<L: LandscapeND, N: GradientNoiseND, P: Preconditioner1D>(_ diffusion: DiffusionND<L, N, P>) -> DiffusionND<L, N, SGDPreconditioner> {
        DiffusionND(landscape: diffusion.landscape, noise: diffusion.noise, preconditioner: SGDPreconditioner(),
                    form: problem.form, learningRate: problem.learningRate)
    }
}

/// The optimizer's own iteration in d dimensions (``IterationChainND``); one step is η of SDE time.
struct IterationSplittingND<L: LandscapeND, N: GradientNoiseND>: OptimizerIterationVisitor {
    let problem: EscapeProblemND
    let options: EscapeSplitting.Options
    let levels: SplittingLevels
    let diffusion: DiffusionND<L, N, SGDPreconditioner>
    let plane: EscapePlane

    func visit<O: OptimizerIteration1D>(_ optimizer: O) throws -> EscapeSplitting.Result {
        let chain = IterationChainND<L, N, O, AnyRandomSource>(diffusion: diffusion, optimizer: optimizer, plane: plane, start: problem.start.x)
        return try EscapeSplitting.estimate(AnySplittableChain(chain), from: chain.initialState, levels: levels, options: options,
                                            timePerStep: problem.learningRate, integrator: "discrete")
    }
}
