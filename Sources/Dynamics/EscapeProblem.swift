import Landscapes
import NumericKit

/// One escape question, as pure data: a landscape, the minimum the walker starts in,
/// where escape is declared, and the dynamics (optimizer, noise model, learning rate,
/// SDE or discrete form). The simulation (Escape) and the predictions (Theory) both read
/// it and never each other, so it lives here, below both (docs/architecture.md).
///
/// The initialiser validates every value; an ``InvalidParameter`` names the culprit.
public struct EscapeProblem: Sendable {
    public let landscape: LandscapeModel
    public let side: StartSide
    public let optimizer: OptimizerKind
    public let noise: NoiseSpec
    /// η: the learning rate of the first step, and of every step unless `schedule` anneals it.
    public let learningRate: Double
    /// η_k over the optimizer steps (docs/theory.md §14); `.constant` by default.
    public let schedule: LearningRateSchedule
    /// β1, β2, ε, the DualAdam schedule and the heavy-ball β (defaults: the authors' code).
    public let settings: OptimizerSettings
    public let model: DynamicsModel
    /// The step cap per trajectory, in integrator steps (optimizer steps for the discrete
    /// model); a trajectory that reaches it is censored.
    public let maxSteps: Int
    /// A trajectory farther than this from the start minimum (or non-finite) is diverged.
    public let divergenceRadius: Double
    public let geometry: EscapeGeometry

    public init(
        landscape: LandscapeModel, side: StartSide = .left, target: EscapeTarget = .midpoint,
        optimizer: OptimizerKind = .sgd, noise: NoiseSpec, learningRate: Double,
        model: DynamicsModel = .sde(integrator: .automatic, dt: nil),
        maxSteps: Int = 100_000_000, divergenceRadius: Double? = nil, settings: OptimizerSettings = OptimizerSettings(),
        schedule: LearningRateSchedule = .constant
    ) throws(InvalidParameter) {
        try Validate.positive(learningRate, "lr")
        try settings.validate(for: optimizer, model: model)
        try schedule.validate(learningRate: learningRate)
        if !schedule.isConstant {
            if optimizer.isScheduled(settings) {
                throw InvalidParameter("lr-schedule", given: "\(schedule) with scheduled --optimizer \(optimizer.rawValue)",
                                       allowed: "one schedule at a time: hold the blend (--blend R) or drop --lr-schedule")
            }
            if case .sde = model, optimizer.dynamics == .underdamped {
                throw InvalidParameter("lr-schedule", given: "\(schedule) with --optimizer \(optimizer.rawValue) --model sde",
                                       allowed: "--model discrete (the underdamped SDE's mass is η; a schedule would change the mass, which the reduced SDE does not model)")
            }
        }
        try noise.validate()
        try model.validate()
        if noise.model is StableNoiseModel {
            try Self.checkJumpDriven(optimizer: optimizer, model: model, schedule: schedule)
        }
        try Validate.stepCap(maxSteps)
        if !landscape.isSmooth, noise.name != "isotropic" {
            throw InvalidParameter("noise", given: noise.name,
                                   allowed: "isotropic on a rough landscape (C from L″ would follow every wiggle of the field)")
        }
        if type(of: noise.model).needsMeasuredVariance, landscape.measuredLogVariance == nil {
            throw InvalidParameter("noise", given: "\(noise.name) on \(landscape.family)",
                                   allowed: "a table: landscape whose file has a third column C (the measured gradient-noise variance)")
        }
        let geometry = try EscapeGeometry(landscape: landscape.landscape, side: side, target: target)
        let radius = divergenceRadius ?? 1000 * (geometry.target - geometry.start.x)
        try Validate.positive(radius, "divergence-radius")
        if noise.model.vanishesWithCurvature {
            let l = landscape.landscape
            let zeros = l.curvatureSignChanges.filter { !l.breakpoints.contains($0) }
            if let zero = zeros.first(where: { geometry.mirrored ? -$0 < geometry.target : $0 < geometry.target }) {
                throw InvalidParameter(
                    "noise-floor", given: "0",
                    allowed: "> 0 with --noise hessian on \(landscape.family): L″ vanishes at x = \(Validate.format(zero)) on the escape path, so C = |L″|/B = 0 there and the walker cannot cross (infinite effective barrier); give --noise-floor > 0, or use --noise frozen")
            }
        }
        self.landscape = landscape
        self.side = side
        self.optimizer = optimizer
        self.noise = noise
        self.learningRate = learningRate
        self.schedule = schedule
        self.settings = settings
        self.model = model
        self.maxSteps = maxSteps
        self.divergenceRadius = radius
        self.geometry = geometry
    }
}

extension EscapeProblem {
    /// α-stable noise (docs/theory.md §15) runs the rules with a constant preconditioner — the
    /// jump law's P·c·S needs a P that the infinite variance does not move — on the Euler–Maruyama
    /// step (the other schemes' corrections assume Brownian increments) at a constant η.
    public static func checkJumpDriven(optimizer: OptimizerKind, model: DynamicsModel, schedule: LearningRateSchedule) throws(InvalidParameter) {
        guard optimizer.hasConstantPreconditioner else {
            throw InvalidParameter("noise", given: "alpha-stable with --optimizer \(optimizer.rawValue)",
                                   allowed: "--optimizer " + OptimizerRegistry.names { $0.hasConstantPreconditioner }
                                       + " (Adam-type preconditioners read the gradient variance, which is infinite for α < 2)")
        }
        if case .sde(let integrator, _) = model {
            if optimizer.dynamics == .underdamped {
                throw InvalidParameter("noise", given: "alpha-stable with --optimizer \(optimizer.rawValue) --model sde",
                                       allowed: "--model discrete (the Lévy-driven SDE is built for the overdamped rules)")
            }
            if integrator != .automatic, integrator != .eulerMaruyama {
                throw InvalidParameter("integrator", given: "\(integrator.rawValue) with --noise alpha-stable",
                                       allowed: "auto or euler-maruyama (the other schemes' corrections assume Brownian increments)")
            }
        }
        if !schedule.isConstant {
            throw InvalidParameter("lr-schedule", given: "\(schedule) with --noise alpha-stable",
                                   allowed: "constant (the schedule's hazard is built on the Gaussian exact MFPT)")
        }
    }

    /// The α-stable noise model of the problem, if that is its noise.
    public var stableNoise: StableNoiseModel? { noise.model as? StableNoiseModel }

    /// The step cap of the run: `maxSteps`, or fewer where the schedule stops the walker
    /// (cosine to η_min = 0: nothing moves after step K).
    public var effectiveMaxSteps: Int {
        guard case .discrete = model, let last = schedule.lastMovingStep else { return maxSteps }
        return min(maxSteps, last)
    }

    /// The same question on another landscape (e.g. the smooth base of a rough one).
    public func with(landscape other: LandscapeModel) throws(InvalidParameter) -> EscapeProblem {
        try EscapeProblem(landscape: other, side: side, target: geometry.targetRule, optimizer: optimizer, noise: noise,
                          learningRate: learningRate, model: model, maxSteps: maxSteps, divergenceRadius: divergenceRadius,
                          settings: settings, schedule: schedule)
    }

    /// The same question from the other minimum, or for another optimizer.
    public func with(side: StartSide? = nil, optimizer: OptimizerKind? = nil) throws(InvalidParameter) -> EscapeProblem {
        try EscapeProblem(landscape: landscape, side: side ?? self.side, target: geometry.targetRule,
                          optimizer: optimizer ?? self.optimizer, noise: noise, learningRate: learningRate, model: model,
                          maxSteps: maxSteps, divergenceRadius: divergenceRadius, settings: settings, schedule: schedule)
    }
}
