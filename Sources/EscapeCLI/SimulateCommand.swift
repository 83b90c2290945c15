import ArgumentParser
import Dynamics
import Escape
import Sweeps
import Theory

/// `escape simulate SPEC`: Monte-Carlo escape times with the predictions beside them.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Monte-Carlo escape times, with the exact and Kramers predictions beside them.")

    @OptionGroup var problem: ProblemArguments
    @OptionGroup var ensemble: EnsembleArguments
    @OptionGroup var output: OutputArguments

    /// The JSON object (docs/output.md). Contains nothing that depends on the thread count
    /// or the clock, so the same spec and seed print the same bytes.
    struct Report: Encodable {
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
        let warnings: [String]
        let prediction: Prediction
        let comparison: Comparison
    }

    func run() throws {
        let escapeProblem = try problem.problem()
        let options = try EnsembleOptions(trajectories: ensemble.trajectories, seed: ensemble.seed,
                                          threads: ensemble.threads, generator: ensemble.rng)
        let prediction = try Predictor.predict(escapeProblem)
        let result = try EscapeSimulation.run(escapeProblem, options)
        let e = result.estimate
        let report = Report(
            problem: ProblemSummary(escapeProblem), meanTime: e.meanTime, standardError: e.standardError,
            ci95: e.ci95, meanSteps: e.meanSteps, trajectories: e.trajectories, escaped: e.escaped,
            censored: e.censored, diverged: e.diverged, divergedFraction: e.divergedFraction,
            censoredEstimate: e.censoredEstimate, integratorSteps: e.integratorSteps, seed: options.seed,
            rng: options.generator.rawValue, model: result.model, integrator: result.integrator, dt: result.dt,
            warnings: e.warnings, prediction: prediction, comparison: Comparison(estimate: e, prediction: prediction))
        if output.json { return try JSONOutput.print(report) }
        print(report.problem.oneLine)
        let stepText = result.dt.map { "sde, \(result.integrator ?? ""), dt=\(Text.number($0, 4))" } ?? "discrete iteration"
        print("\(stepText)  seed \(options.seed)  \(options.generator.rawValue)")
        print(PredictionText.geometry(prediction))
        print("")
        let eta = escapeProblem.learningRate
        var rows = PredictionText.rows(prediction)
        let ci = e.ci95.map { "95% CI [\(Text.number($0[0], 5)), \(Text.number($0[1], 5))]" } ?? ""
        rows.insert(["measured", measuredText(e), Text.number(e.meanSteps, 6), ci], at: 1)
        if let c = e.censoredEstimate {
            rows.insert(["measured (censoring-aware)", Text.number(c.meanTime, 6), Text.number(c.meanTime.map { $0 / eta }, 6),
                         "95% CI [\(Text.number(c.ci95[0], 5)), \(Text.number(c.ci95[1], 5))]"], at: 2)
        }
        print(Text.table(rows))
        print("")
        let c = report.comparison
        print("measured/exact \(Text.number(c.measuredOverExact, 4))  z = \(Text.number(c.zScore, 3))  measured/Kramers \(Text.number(c.measuredOverKramers, 4))")
        print("trajectories \(e.trajectories): escaped \(e.escaped), censored \(e.censored), diverged \(e.diverged); \(e.integratorSteps) integrator steps")
        for warning in e.warnings { print("warning: \(warning)") }
        PredictionText.notes(prediction.notes)
    }

    private func measuredText(_ e: EscapeEstimate) -> String {
        guard let m = e.meanTime else { return "—" }
        return "\(Text.number(m, 6)) ± \(Text.number(e.standardError, 3))"
    }
}
