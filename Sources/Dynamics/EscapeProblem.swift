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
    /// η.
    public let learningRate: Double
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
        maxSteps: Int = 100_000_000, divergenceRadius: Double? = nil, settings: OptimizerSettings = OptimizerSettings()
    ) throws(InvalidParameter) {
        try Validate.positive(learningRate, "lr")
        try settings.validate(for: optimizer, model: model)
        try noise.validate()
        try model.validate()
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
        self.settings = settings
        self.model = model
        self.maxSteps = maxSteps
        self.divergenceRadius = radius
        self.geometry = geometry
    }
}

extension EscapeProblem {
    /// The same question on another landscape (e.g. the smooth base of a rough one).
    public func with(landscape other: LandscapeModel) throws(InvalidParameter) -> EscapeProblem {
        try EscapeProblem(landscape: other, side: side, target: geometry.targetRule, optimizer: optimizer, noise: noise,
                          learningRate: learningRate, model: model, maxSteps: maxSteps, divergenceRadius: divergenceRadius,
                          settings: settings)
    }

    /// The same question from the other minimum, or for another optimizer.
    public func with(side: StartSide? = nil, optimizer: OptimizerKind? = nil) throws(InvalidParameter) -> EscapeProblem {
        try EscapeProblem(landscape: landscape, side: side ?? self.side, target: geometry.targetRule,
                          optimizer: optimizer ?? self.optimizer, noise: noise, learningRate: learningRate, model: model,
                          maxSteps: maxSteps, divergenceRadius: divergenceRadius, settings: settings)
    }
}
