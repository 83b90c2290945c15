import Ensembles
import Sweeps

/// The JSON object of one simulated escape problem (docs/output.md): a ``ComparedEscape``
/// as printed, with a 1-D (``Prediction``) or a d-dimensional (``PredictionND``) prediction.
/// Contains nothing that depends on the thread count or the clock, so the same spec and seed
/// print the same bytes.
struct SimulationReport: Encodable {
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
    /// Scheduled DualAdam or a learning-rate schedule: the fraction escaped by the hazard's horizon.
    let escapedByHorizon: EscapedByHorizon?
    let warnings: [String]
    let prediction: EscapePrediction
    let comparison: Comparison

    init(_ run: ComparedEscape) {
        let (result, e) = (run.result, run.estimate)
        problem = ProblemSummary(run.predicted.problem)
        meanTime = e.meanTime; standardError = e.standardError; ci95 = e.ci95; meanSteps = e.meanSteps
        trajectories = e.trajectories; escaped = e.escaped; censored = e.censored; diverged = e.diverged
        divergedFraction = e.divergedFraction; censoredEstimate = e.censoredEstimate; integratorSteps = e.integratorSteps
        seed = result.options.seed; rng = result.options.generator.rawValue
        model = result.model; integrator = result.integrator; dt = result.dt; stepControl = result.stepControl
        exponentiality = run.exponentiality
        escapedByHorizon = run.escapedByHorizon
        warnings = result.warnings + e.warnings
        prediction = run.prediction
        comparison = run.comparison
    }

    /// "sde, euler-maruyama, dt=0.01  seed 1  fast" (or "discrete iteration  …").
    var stepLine: String {
        let stepText = dt.map { "sde, \(integrator ?? ""), dt=\(Text.number($0, 4))" } ?? "discrete iteration"
        return "\(stepText)  seed \(seed)  \(rng)"
    }

    /// The measured row of the predictions table: time ± SE, optimizer steps, 95% CI.
    var measuredRow: [String] {
        let measured = meanTime.map { "\(Text.number($0, 6)) ± \(Text.number(standardError, 3))" } ?? "—"
        return ["measured", measured, Text.number(meanSteps, 6), ci95.map { "95% CI [\(Text.number($0[0], 5)), \(Text.number($0[1], 5))]" } ?? ""]
    }

    /// "escaped by step K: f ± SE, quasi-static hazard p" for a time-inhomogeneous run.
    var horizonLine: String? {
        escapedByHorizon.map { f in
            "escaped by step \(f.horizonStep): \(Text.number(f.measured, 4)) ± \(Text.number(f.standardError, 2)), quasi-static hazard \(Text.number(f.predicted, 4))"
        }
    }

    var trajectoriesLine: String {
        "trajectories \(trajectories): escaped \(escaped), censored \(censored), diverged \(diverged) (fraction \(Text.number(divergedFraction, 3))); \(integratorSteps) integrator steps"
    }
}
