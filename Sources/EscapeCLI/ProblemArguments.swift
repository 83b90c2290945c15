import ArgumentParser
import Dynamics
import Landscapes
import NumericKit

extension OptimizerKind: ExpressibleByArgument {}
extension IntegratorKind: ExpressibleByArgument {}
extension StartSide: ExpressibleByArgument {}
extension PreconditionerForm: ExpressibleByArgument {}

enum NoiseName: String, CaseIterable, ExpressibleByArgument { case isotropic, hessian, frozen }
enum ModelName: String, CaseIterable, ExpressibleByArgument { case sde, discrete }

/// The options that define an escape problem, shared by `predict` and `simulate`.
struct ProblemArguments: ParsableArguments {
    @Argument(help: "Landscape spec: 'quartic:barrier=1,a=1,tilt=0' or 'pq:ha=4,hb=2,barrier=0.5,hc=1' (hc defaults to ha).")
    var spec: String

    @Option(help: "Optimizer: \(OptimizerKind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var optimizer: OptimizerKind = .sgd

    @Option(help: "ε of adam/invadam/dualadam, added outside the square root: n = √v̂ + ε (default 1e-8, as in the DualAdam authors' code).")
    var eps: Double?

    @Option(help: "β1 of adam/invadam/dualadam's first moment, --model discrete (default 0.9, as in the authors' code; the SDE takes β1 = 0).")
    var beta1: Double?

    @Option(help: "β2 of adam/invadam/dualadam's second moment, --model discrete (default 0.999, as in the authors' code; the SDE takes β2 → 1).")
    var beta2: Double?

    @Option(name: .customLong("switch-rate"), help: "ξ of dualadam's schedule r = max(0, 1 − t·ξ), hard switch to Adam once r < ξ (default 0.01, as in the authors' code; their experiments use 8e-5).")
    var switchRate: Double?

    @Option(help: "Hold dualadam's blend at r in [0, 1] (no schedule): required with --model sde, where the reduced SDE is P = (1 − r)P_Adam + r·P_Inv.")
    var blend: Double?

    @Option(help: "β of --optimizer momentum (heavy ball m ← βm + g, θ ← θ − ηm; default 0.9).")
    var momentum: Double?

    @Option(name: .customLong("lr"), help: "Learning rate η (> 0).")
    var learningRate: Double = 0.1

    @Option(help: "Gradient-noise model: isotropic (C = sigma2), hessian (C = √(L″² + δ²)/B), frozen (|L″| at the nearest critical point / B).")
    var noise: NoiseName = .isotropic

    @Option(help: "Noise variance σ² for --noise isotropic (default 1).")
    var sigma2: Double?

    @Option(help: "Batch size B for --noise hessian|frozen (default 1).")
    var batch: Double?

    @Option(name: .customLong("noise-floor"), help: "Noise floor δ ≥ 0 for --noise hessian (default 0; must be > 0 where L″ vanishes on the escape path).")
    var noiseFloor: Double?

    @Option(help: "Dynamics: sde (the reduced SDE) or discrete (the optimizer's own iteration).")
    var model: ModelName = .sde

    @Option(help: "SDE integrator: euler-maruyama or milstein.")
    var integrator: IntegratorKind?

    @Option(help: "SDE time step (default: 0.01 over the fastest relaxation rate P·|L″| at the critical points).")
    var dt: Double?

    @Option(name: .customLong("max-steps"), help: "Step cap per trajectory (integrator steps; optimizer steps for --model discrete); a trajectory reaching it is censored.")
    var maxSteps: Int = 100_000_000

    @Option(name: .customLong("escape-at"), help: "Escape point: midpoint (between the saddle and the next minimum), saddle, minimum, or x=VALUE.")
    var escapeAt: String = "midpoint"

    @Option(help: "Start minimum in 1-D: left (escape rightwards) or right (escape leftwards); default left.")
    var from: StartSide?

    @Option(name: .customLong("from-minimum"), help: "Start minimum in d > 1: its index in `escape landscape`'s list (default 0); the walker escapes over the lowest saddle linked to it.")
    var fromMinimum: Int?

    @Option(help: "d > 1, Adam-type optimizers: elementwise (P from diag C, as the real optimizers) or full (the matrix function of C).")
    var preconditioner: PreconditionerForm?

    @Option(name: .customLong("divergence-radius"), help: "A trajectory farther than this from its start (or non-finite) counts as diverged (default: 1000 × the start-to-escape-point distance).")
    var divergenceRadius: Double?

    /// A 1-D or a d-dimensional problem.
    enum AnyProblem {
        case oneDimensional(EscapeProblem)
        case multiDimensional(EscapeProblemND)
    }

    /// The validated problem of either dimension.
    func anyProblem() throws -> AnyProblem {
        switch try LandscapeSpec.parseAny(spec) {
        case .oneDimensional: return .oneDimensional(try problem())
        case .multiDimensional(let l):
            try refuse(from, "from", "1-D landscapes (use --from-minimum in d > 1)")
            if !optimizer.isAdamType { try refuse(preconditioner, "preconditioner", "--optimizer adam, invadam or dualadam") }
            let (noiseSpec, dynamics) = try noiseAndModel()
            return .multiDimensional(try EscapeProblemND(
                landscape: l, from: fromMinimum ?? 0, target: try EscapeTargetND.parse(escapeAt), optimizer: optimizer,
                noise: noiseSpec, learningRate: learningRate, model: dynamics, form: preconditioner ?? .elementwise,
                maxSteps: maxSteps, divergenceRadius: divergenceRadius, settings: try settings(dynamics)))
        }
    }

    /// The validated 1-D problem; every inconsistency is an InvalidParameter.
    func problem() throws -> EscapeProblem {
        let landscape = try LandscapeSpec.parse(spec)
        try refuse(fromMinimum, "from-minimum", "d > 1 (use --from left|right in 1-D)")
        try refuse(preconditioner, "preconditioner", "d > 1 (in 1-D elementwise and full coincide)")
        let (noiseSpec, dynamics) = try noiseAndModel()
        return try EscapeProblem(
            landscape: landscape, side: from ?? .left, target: try EscapeTarget.parse(escapeAt),
            optimizer: optimizer, noise: noiseSpec, learningRate: learningRate, model: dynamics,
            maxSteps: maxSteps, divergenceRadius: divergenceRadius, settings: try settings(dynamics))
    }

    private func noiseAndModel() throws -> (NoiseSpec, DynamicsModel) {
        let noiseSpec: NoiseSpec
        switch noise {
        case .isotropic:
            try refuse(batch, "batch", "--noise hessian or frozen")
            try refuse(noiseFloor, "noise-floor", "--noise hessian")
            noiseSpec = .isotropic(sigma2: sigma2 ?? 1)
        case .hessian:
            try refuse(sigma2, "sigma2", "--noise isotropic")
            noiseSpec = .hessian(batch: batch ?? 1, floor: noiseFloor ?? 0)
        case .frozen:
            try refuse(sigma2, "sigma2", "--noise isotropic")
            try refuse(noiseFloor, "noise-floor", "--noise hessian")
            noiseSpec = .frozen(batch: batch ?? 1)
        }
        let dynamics: DynamicsModel
        switch model {
        case .sde: dynamics = .sde(integrator: integrator ?? .eulerMaruyama, dt: dt)
        case .discrete:
            try refuse(dt, "dt", "--model sde (the discrete iteration steps by the learning rate)")
            try refuse(integrator, "integrator", "--model sde")
            dynamics = .discrete
        }
        return (noiseSpec, dynamics)
    }

    /// The optimizer's hyper-parameters, refusing those that do not apply.
    private func settings(_ dynamics: DynamicsModel) throws -> OptimizerSettings {
        let adamType = "--optimizer adam, invadam or dualadam"
        if !optimizer.isAdamType {
            try refuse(eps, "eps", adamType)
            try refuse(beta1, "beta1", adamType)
            try refuse(beta2, "beta2", adamType)
        } else if dynamics != .discrete {
            try refuse(beta1, "beta1", "--model discrete (the reduced SDE takes β1 = 0)")
            try refuse(beta2, "beta2", "--model discrete (the reduced SDE takes β2 → 1)")
        }
        if optimizer != .dualadam {
            try refuse(blend, "blend", "--optimizer dualadam")
            try refuse(switchRate, "switch-rate", "--optimizer dualadam")
        } else if blend != nil {
            try refuse(switchRate, "switch-rate", "dualadam's schedule, not with a held --blend")
        }
        if optimizer != .momentum { try refuse(momentum, "momentum", "--optimizer momentum") }
        let defaults = OptimizerSettings()
        return OptimizerSettings(beta1: beta1 ?? defaults.beta1, beta2: beta2 ?? defaults.beta2, epsilon: eps ?? defaults.epsilon,
                                 switchRate: switchRate ?? defaults.switchRate, momentum: momentum ?? defaults.momentum,
                                 blend: blend)
    }

    private func refuse<T>(_ value: T?, _ name: String, _ appliesTo: String) throws {
        if let value {
            throw InvalidParameter(name, given: "\(value)", allowed: "only with \(appliesTo)")
        }
    }
}

/// How the ensemble is run.
struct EnsembleArguments: ParsableArguments {
    @Option(help: "Number of trajectories (≥ 2).")
    var trajectories: Int = 1000

    @Option(help: "Run seed; trajectory i uses stream i of it, so results do not depend on --threads.")
    var seed: UInt64 = 1

    @Option(help: "Worker threads (default: all cores).")
    var threads: Int?

    @Option(help: "GSL generator: \(RandomGenerator.allCases.map(\.rawValue).joined(separator: ", ")).")
    var rng: RandomGenerator = .mt19937
}

extension RandomGenerator: ExpressibleByArgument {}

/// `--json`.
struct OutputArguments: ParsableArguments {
    @Flag(help: "Print one JSON object (fields in docs/output.md) instead of a table.")
    var json = false
}
