import RareEvents
import Sweeps

/// The JSON object of `simulate --method ams` (docs/output.md): a ``SplitEscape`` as printed,
/// times in SDE time t (and optimizer steps t/η). Nothing depends on the thread count or the clock.
struct SplitEscapeReport: Encodable {
    let problem: ProblemSummary
    let method = "ams"
    let meanTime: Double
    let standardError: Double
    let ci95: [Double]
    let meanSteps: Double
    /// p: from the entrance, the escape point before home; its SE and 95% CI.
    let probability: Double
    let probabilityStandardError: Double
    let probabilityCI95: [Double]
    /// T_AΣ, T_ΣA and T_ΣB of the loop decomposition, SDE time.
    let timeToEntrance: Double
    let timeBack: Double
    let reactiveTime: Double
    let replicas: Int
    let killed: Int
    let runs: Int
    let loops: Int
    let iterations: Int
    let steps: Int
    let bruteForceSteps: Double
    let seed: UInt64
    let rng: String
    let integrator: String
    let dt: Double
    let wellWidth: Double
    /// home, entrance, escape point (x).
    let levels: [Double]
    let prediction: EscapePrediction
    let measuredOverExact: Double?
    let measuredOverReference: Double?
    let measuredOverKramers: Double?
    let zScore: Double?

    init(_ run: SplitEscape, _ options: EscapeSplitting.Options) {
        let (r, e) = (run.result, run.result.estimate)
        problem = ProblemSummary(run.predicted.problem)
        meanTime = r.meanTime; standardError = r.standardError; ci95 = r.ci95
        meanSteps = r.meanTime / run.predicted.learningRate
        probability = e.probability; probabilityStandardError = e.probabilityStandardError; probabilityCI95 = e.probabilityCI95
        timeToEntrance = e.timeToEntrance * r.dt; timeBack = e.timeBack * r.dt; reactiveTime = e.reactiveTime * r.dt
        (replicas, killed, runs, loops) = (options.replicas, options.killed, options.runs, options.loops)
        (iterations, steps, bruteForceSteps) = (e.iterations, e.steps, e.bruteForceSteps)
        (seed, rng) = (options.seed, options.generator.rawValue)
        (integrator, dt, wellWidth, levels) = (r.integrator, r.dt, r.wellWidth, r.levels)
        prediction = run.predicted.prediction
        (measuredOverExact, measuredOverReference, measuredOverKramers, zScore) =
            (run.measuredOverExact, run.measuredOverReference, run.measuredOverKramers, run.zScore)
    }
}
