import Dynamics

/// An ensemble's outcomes and estimate with the run's settings.
public struct SimulationResult: Sendable {
    public let estimate: EscapeEstimate
    /// Every trajectory's outcome, in trajectory order.
    public let outcomes: [TrajectoryOutcome]
    /// SDE time per integrator step (dt; η for the discrete model).
    public let timePerStep: Double
    /// The SDE step used (nil for the discrete model).
    public let dt: Double?
    public let model: String
    /// "euler-maruyama", "milstein", "skew-euler", "symplectic-euler" (momentum's underdamped
    /// SDE), nil for discrete.
    public let integrator: String?
    /// The local step-size control of the `auto` integrator; nil on a uniform grid by request.
    public var stepControl: StepControlSummary? = nil
    /// Warnings about the run's settings (a requested dt far above the default).
    public var warnings: [String] = []
    public let options: EnsembleOptions

    public init(estimate: EscapeEstimate, outcomes: [TrajectoryOutcome], timePerStep: Double, dt: Double?, model: String,
                integrator: String?, stepControl: StepControlSummary? = nil, warnings: [String] = [], options: EnsembleOptions) {
        self.estimate = estimate; self.outcomes = outcomes; self.timePerStep = timePerStep; self.dt = dt; self.model = model
        self.integrator = integrator; self.stepControl = stepControl; self.warnings = warnings; self.options = options
    }
}

/// What local step-size control did (``StepSizeProfile``): the smallest and the largest
/// step as multiples of the nominal dt, and whether the smallest was held at the floor.
public struct StepControlSummary: Sendable, Codable, Equatable {
    public let smallestStepRatio: Double
    public let largestStepRatio: Double
    public let capped: Bool
    public init(_ profile: StepSizeProfile) {
        smallestStepRatio = profile.smallestRatio
        largestStepRatio = profile.largestRatio
        capped = profile.isCapped
    }
    /// The d-dimensional control: over every coordinate's profile.
    public init(_ control: AxisStepControl) {
        smallestStepRatio = control.smallestRatio
        largestStepRatio = control.largest.ratio
        capped = control.isCapped
    }
}
