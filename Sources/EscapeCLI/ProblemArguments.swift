import ArgumentParser
import Dynamics
import Landscapes
import NumericKit

extension OptimizerKind: ExpressibleByArgument {}
extension IntegratorKind: ExpressibleByArgument {}
extension StartSide: ExpressibleByArgument {}
extension PreconditionerForm: ExpressibleByArgument {}

extension NoiseKind: ExpressibleByArgument {}
extension ModelKind: ExpressibleByArgument {}

/// The options that define an escape problem, shared by `predict` and `simulate`.
struct ProblemArguments: ParsableArguments {
    @Argument(help: ArgumentHelp("Landscape spec FAMILY:key=value,… — the families, their parameters and an example of each below.",
                                 discussion: LandscapeSpec.help))
    var spec: String

    @Option(help: ArgumentHelp("Optimizer, one of the registry's (update rule and reduced SDE below).",
                               discussion: OptimizerRegistry.models.map { "\($0.name): \($0.help)" }.joined(separator: "\n")))
    var optimizer: OptimizerKind = .sgd

    @Option(parsing: .unconditional, help: "ε of \(OptimizerRegistry.names { $0.parameters.contains(.eps) }), added outside the square root: n = √v̂ + ε (default 1e-8, as in the DualAdam authors' code).")
    var eps: Double?

    @Option(parsing: .unconditional, help: "β1, the first-moment decay of \(OptimizerRegistry.names { $0.parameters.contains(.beta1) }), --model discrete (default 0.9, as in the authors' code; the SDE takes β1 = 0).")
    var beta1: Double?

    @Option(parsing: .unconditional, help: "β2, the second-moment decay of \(OptimizerRegistry.names { $0.parameters.contains(.beta2) }), --model discrete (defaults: \(OptimizerRegistry.models.filter { $0.parameters.contains(.beta2) }.map { "\($0.name) \(Validate.format($0.defaults.beta2))" }.joined(separator: ", ")); the SDE takes β2 → 1).")
    var beta2: Double?

    @Option(name: .customLong("switch-rate"), parsing: .unconditional, help: "ξ of dualadam's schedule r = max(0, 1 − t·ξ), hard switch to Adam once r < ξ (default 0.01, as in the authors' code; their experiments use 8e-5).")
    var switchRate: Double?

    @Option(parsing: .unconditional, help: "Hold dualadam's blend at r in [0, 1] (no schedule): required with --model sde, where the reduced SDE is P = (1 − r)P_Adam + r·P_Inv.")
    var blend: Double?

    @Option(parsing: .unconditional, help: "β of --optimizer momentum (heavy ball m ← βm + g, θ ← θ − ηm; default 0.9).")
    var momentum: Double?

    @Option(name: .customLong("lr"), parsing: .unconditional, help: "Learning rate η (> 0).")
    var learningRate: Double = 0.1

    @Option(name: .customLong("lr-schedule"), help: "Learning-rate schedule from --lr over the optimizer steps k: constant (default), cosine:steps=K,min=ETA_MIN (η_min + (η − η_min)(1 + cos(π(k − 1)/K))/2, then η_min) or step:every=K,factor=F (η·F^⌊(k − 1)/K⌋); 1-D, discrete or SDE (momentum: discrete); predicted by the quasi-static hazard.")
    var lrSchedule: String?

    @Option(help: ArgumentHelp("Gradient-noise model, one of the registry's (C(θ) below).",
                               discussion: NoiseRegistry.models.map { "\($0.name): \($0.help)" }.joined(separator: "\n")))
    var noise: NoiseKind = .isotropic

    @Option(parsing: .unconditional, help: "Noise variance σ² for --noise isotropic (default 1).")
    var sigma2: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp("Batch size B for --noise " + NoiseRegistry.names { $0.parameters.contains(.batch) } + " (default 1)."))
    var batch: Double?

    @Option(name: .customLong("noise-floor"), parsing: .unconditional, help: "Noise floor δ ≥ 0 for --noise hessian (default 0; must be > 0 where L″ vanishes on the escape path).")
    var noiseFloor: Double?

    @Option(parsing: .unconditional, help: "Tail index α in (1, 2] for --noise alpha-stable (default 1.5; 2 is Gaussian with σ² = 2c²).")
    var alpha: Double?

    @Option(parsing: .unconditional, help: "Scale c > 0 for --noise alpha-stable (default 1): ξ ~ S_α(c), characteristic function exp(−|ct|^α).")
    var scale: Double?

    @Option(help: "Dynamics: sde (the reduced SDE) or discrete (the optimizer's own iteration).")
    var model: ModelKind = .sde

    @Option(help: ArgumentHelp(
        "SDE integrator: auto (default: skew-euler across jumps of D; platen, weak order 2, on steps refined where D dips and up to 4·dt elsewhere; else euler-maruyama) or a registered scheme, below (named schemes run on the uniform grid --dt).",
        discussion: IntegratorRegistry.schemes.map { "\($0.name): \($0.help)" }.joined(separator: "\n")))
    var integrator: IntegratorKind?

    @Option(parsing: .unconditional, help: "SDE time step (default: 0.01 over the fastest relaxation rate P·|L″| at the critical points).")
    var dt: Double?

    @Option(name: .customLong("max-steps"), parsing: .unconditional, help: "Step cap per trajectory (integrator steps; optimizer steps for --model discrete); a trajectory reaching it is censored.")
    var maxSteps: Int = 100_000_000

    @Option(name: .customLong("escape-at"), help: "Escape point: midpoint (between the saddle and the next minimum), saddle, minimum, or x=VALUE.")
    var escapeAt: String = "midpoint"

    @Option(help: "Start minimum in 1-D: left (escape rightwards) or right (escape leftwards); default left.")
    var from: StartSide?

    @Option(name: .customLong("from-minimum"), parsing: .unconditional, help: "Start minimum in d > 1: its index in `escape landscape`'s list (default 0); the walker escapes over the lowest saddle linked to it.")
    var fromMinimum: Int?

    @Option(help: "d > 1, Adam-type optimizers: elementwise (P from diag C, as the real optimizers) or full (the matrix function of C).")
    var preconditioner: PreconditionerForm?

    @Option(name: .customLong("divergence-radius"), parsing: .unconditional, help: "A trajectory farther than this from its start (or non-finite) counts as diverged (default: 1000 × the start-to-escape-point distance).")
    var divergenceRadius: Double?

    /// The options as a ``ProblemDescription`` (the same names a sweep file uses).
    var description: ProblemDescription {
        var d = ProblemDescription(landscape: spec)
        d.optimizer = optimizer
        d.eps = eps; d.beta1 = beta1; d.beta2 = beta2; d.switchRate = switchRate; d.blend = blend; d.momentum = momentum
        d.lrSchedule = lrSchedule
        d.learningRate = learningRate
        d.noise = noise; d.sigma2 = sigma2; d.batch = batch; d.noiseFloor = noiseFloor
        d.alpha = alpha; d.scale = scale
        d.model = model; d.integrator = integrator; d.dt = dt; d.maxSteps = maxSteps
        d.escapeAt = escapeAt; d.from = from; d.fromMinimum = fromMinimum
        d.preconditioner = preconditioner; d.divergenceRadius = divergenceRadius
        return d
    }

    /// The validated problem of either dimension.
    func anyProblem() throws -> ProblemDescription.Built { try description.build() }

    /// The validated 1-D problem; every inconsistency is an InvalidParameter.
    func problem() throws -> EscapeProblem { try description.oneDimensional() }
}

/// How the ensemble is run.
struct EnsembleArguments: ParsableArguments {
    @Option(parsing: .unconditional, help: "Number of trajectories (≥ 2).")
    var trajectories: Int = 1000

    @Option(parsing: .unconditional, help: "Run seed; trajectory i uses stream i of it, so results do not depend on --threads.")
    var seed: UInt64 = 1

    @Option(parsing: .unconditional, help: "Worker threads (default: all cores).")
    var threads: Int?

    @Option(help: """
        Random numbers: a GSL generator (\(RandomGenerator.allCases.filter(\.isGSL).map(\.rawValue).joined(separator: ", "))) \
        with GSL's ziggurat, or fast: xoshiro256++ with DiffusionEscape's ziggurat, 1-D ensembles \
        interleaved eight to a SIMD register (≈ 5× faster on SDEs; statistically equivalent, docs/usage.md).
        """)
    var rng: RandomGenerator = .mt19937
}

extension RandomGenerator: ExpressibleByArgument {}

/// `--json`.
struct OutputArguments: ParsableArguments {
    @Flag(help: "Print one JSON object (fields in docs/output.md) instead of a table.")
    var json = false
}
