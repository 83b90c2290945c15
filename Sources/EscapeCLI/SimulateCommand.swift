import ArgumentParser
import Dynamics
import Escape
import Foundation
import NumericKit
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

    @Option(help: "Write the fraction-escaped curve (Kaplan–Meier survival with 95% band, and the prediction beside it) to this CSV file.")
    var survival: String?

    @Flag(name: .customLong("both-wells"), help: "Simulate escape out of both minima and measure ln(τ_flat/τ_sharp) (selectivity, docs/theory.md §4).")
    var bothWells = false

    @Flag(help: "Run even when the cost estimate says the run would take hours or censor nearly every trajectory.")
    var force = false

    /// The JSON object of one well.
    typealias Report = SimulationReport<Prediction>

    /// The measured and predicted ln(τ_flat/τ_sharp).
    struct MeasuredSelectivity: Encodable {
        let flatSide: String
        let logFlatOverSharp: Double?
        /// Delta method: √((SE_f/τ_f)² + (SE_s/τ_s)²).
        let standardError: Double?
        let predictedLogFlatOverSharp: Double
    }

    struct BothWellsReport: Encodable {
        let wells: [Report]
        let selectivity: MeasuredSelectivity
        let survivalFile: String?
    }

    func run() throws {
        let options = try EnsembleOptions(trajectories: ensemble.trajectories, seed: ensemble.seed,
                                          threads: ensemble.threads, generator: ensemble.rng)
        let base: EscapeProblem
        switch try problem.anyProblem() {
        case .oneDimensional(let p): base = p
        case .multiDimensional(let nd):
            try MultiDimensionalCommands.refuseBothWells(bothWells, nd)
            return try MultiDimensionalCommands.simulate(nd, options: options, survival: survival, json: output.json)
        }
        let survivalURL = try survival.map(Self.survivalURL)
        let sides: [StartSide] = bothWells ? [.left, .right] : [base.side]
        var reports: [Report] = []
        var survivalRows: [[String]] = []
        let problems = try sides.map { side in try base.with(side: side) }
        let predictions = try problems.map { try Predictor.predict($0) }
        for (p, prediction) in zip(problems, predictions) {
            try CostEstimate(problem: p, prediction: prediction, trajectories: options.trajectories).check(force: force)
        }
        for (escapeProblem, prediction) in zip(problems, predictions) {
            let side = escapeProblem.side
            let result = try EscapeSimulation.run(escapeProblem, options)
            let curve = SurvivalCurve(outcomes: result.outcomes, timePerStep: result.timePerStep,
                                      learningRate: escapeProblem.learningRate)
            if survivalURL != nil { survivalRows += SurvivalTable.rows(from: side.rawValue, curve: curve, prediction: prediction) }
            reports.append(Report(problem: ProblemSummary(escapeProblem), result: result, curve: curve, prediction: prediction,
                                  comparison: Comparison(estimate: result.estimate, prediction: prediction)))
        }
        if let survivalURL { try TableWriter.write(SurvivalTable.csv(survivalRows), to: survivalURL) }
        if !bothWells {
            if output.json { return try JSONOutput.print(reports[0]) }
            printReport(reports[0])
            if let survival { print("survival curve written to \(survival)") }
            return
        }
        let selectivity = Self.selectivity(reports)
        if output.json { return try JSONOutput.print(BothWellsReport(wells: reports, selectivity: selectivity, survivalFile: survival)) }
        for report in reports { printReport(report); print("") }
        let measured = selectivity.logFlatOverSharp.map { "\(Text.number($0, 4)) ± \(Text.number(selectivity.standardError, 3))" } ?? "—"
        print("flat minimum: \(selectivity.flatSide); ln(τ_flat/τ_sharp) measured \(measured), predicted \(Text.number(selectivity.predictedLogFlatOverSharp, 4))")
        if let survival { print("survival curves written to \(survival)") }
    }

    static func survivalURL(_ path: String) throws -> URL {
        guard path.hasSuffix(".csv") else {
            throw InvalidParameter("survival", given: "'\(path)'", allowed: "a file name ending in .csv")
        }
        let url = URL(fileURLWithPath: path)
        try TableWriter.prepare(directory: url.deletingLastPathComponent())
        return url
    }

    static func selectivity(_ reports: [Report]) -> MeasuredSelectivity {
        let (left, right) = (reports[0], reports[1])
        let flatIsLeft = left.prediction.minimum.curvature <= right.prediction.minimum.curvature
        let (flat, sharp) = flatIsLeft ? (left, right) : (right, left)
        var ratio: Double?, se: Double?
        if let mf = flat.meanTime, let ms = sharp.meanTime {
            ratio = log(mf / ms)
            if let sf = flat.standardError, let ss = sharp.standardError {
                se = ((sf / mf) * (sf / mf) + (ss / ms) * (ss / ms)).squareRoot()
            }
        }
        return MeasuredSelectivity(flatSide: flatIsLeft ? "left" : "right", logFlatOverSharp: ratio, standardError: se,
                                   predictedLogFlatOverSharp: flat.prediction.logReferenceTime - sharp.prediction.logReferenceTime)
    }

    private func printReport(_ report: Report) {
        let prediction = report.prediction
        print(report.problem.oneLine)
        let stepText = report.dt.map { "sde, \(report.integrator ?? ""), dt=\(Text.number($0, 4))" } ?? "discrete iteration"
        print("\(stepText)  seed \(report.seed)  \(report.rng)")
        print(PredictionText.geometry(prediction))
        print("")
        let eta = report.problem.learningRate
        var rows = PredictionText.rows(prediction)
        let ci = report.ci95.map { "95% CI [\(Text.number($0[0], 5)), \(Text.number($0[1], 5))]" } ?? ""
        let measured = report.meanTime.map { "\(Text.number($0, 6)) ± \(Text.number(report.standardError, 3))" } ?? "—"
        rows.insert(["measured", measured, Text.number(report.meanSteps, 6), ci], at: 1)
        if let c = report.censoredEstimate {
            rows.insert(["measured (censoring-aware)", Text.number(c.meanTime, 6), Text.number(c.meanTime.map { $0 / eta }, 6),
                         "95% CI [\(Text.number(c.ci95[0], 5)), \(Text.number(c.ci95[1], 5))]"], at: 2)
        }
        print(Text.table(rows))
        print("")
        let c = report.comparison
        var line = "measured/exact \(Text.number(c.measuredOverExact, 4))"
        if c.reference != "exactTime" { line += "  measured/reference \(Text.number(c.measuredOverReference, 4))" }
        line += "  z = \(Text.number(c.zScore, 3)) (vs \(c.reference))  measured/Kramers \(Text.number(c.measuredOverKramers, 4))"
        print(line)
        print("trajectories \(report.trajectories): escaped \(report.escaped), censored \(report.censored), diverged \(report.diverged) (fraction \(Text.number(report.divergedFraction, 3))); \(report.integratorSteps) integrator steps")
        if let ks = report.exponentiality {
            print("exponential escape times? KS D = \(Text.number(ks.statistic, 3)), Stephens D* = \(Text.number(ks.modifiedStatistic, 3)) (5% critical \(ks.critical5)): \(ks.consistentWithExponential ? "consistent" : "NOT exponential")")
        }
        PredictionText.details(prediction)
        for warning in report.warnings { print("warning: \(warning)") }
        PredictionText.notes(prediction.notes)
    }
}
