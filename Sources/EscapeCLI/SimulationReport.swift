import Escape
import Sweeps

/// The JSON object of one simulated escape problem (docs/output.md), for a 1-D
/// (``Prediction``) or a d-dimensional (``PredictionND``) prediction. Contains nothing that
/// depends on the thread count or the clock, so the same spec and seed print the same bytes.
struct SimulationReport<PredictionType: Encodable>: Encodable {
    let problem: ProblemSummary
    let meanTime: Double?
    let standardError: Double?
    let ci95: [Double]?
    let meanSteps: Double?
    let trajectories: Int
    let escaped: Int
    let censored: Int
    let diverged: Int
    let divergedFraction: Double
    let censoredEstimate: EscapeEstimate.CensoredEstimate?
    let integratorSteps: Int
    let seed: UInt64
    let rng: String
    let model: String
    let integrator: String?
    let dt: Double?
    let stepControl: StepControlSummary?
    let exponentiality: ExponentialityTest?
    let warnings: [String]
    let prediction: PredictionType
    let comparison: Comparison

    init(problem: ProblemSummary, result: SimulationResult, curve: SurvivalCurve, prediction: PredictionType, comparison: Comparison) {
        let e = result.estimate
        self.problem = problem
        meanTime = e.meanTime; standardError = e.standardError; ci95 = e.ci95; meanSteps = e.meanSteps
        trajectories = e.trajectories; escaped = e.escaped; censored = e.censored; diverged = e.diverged
        divergedFraction = e.divergedFraction; censoredEstimate = e.censoredEstimate; integratorSteps = e.integratorSteps
        seed = result.options.seed; rng = result.options.generator.rawValue
        model = result.model; integrator = result.integrator; dt = result.dt; stepControl = result.stepControl
        exponentiality = ExponentialityTest(curve: curve)
        warnings = result.warnings + e.warnings
        self.prediction = prediction
        self.comparison = comparison
    }
}
