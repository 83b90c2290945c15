import ArgumentParser
import Dynamics
import Ensembles
import Foundation
import NumericKit
import RareEvents
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

    @Option(help: "Write the fraction-escaped curve (Kaplan–Meier survival with 95% band, and the prediction beside it) to this CSV file, and its figure to the same name with .svg.")
    var survival: String?

    @Option(help: "Write one row per trajectory (from, index, seed, outcome, steps, time, optimizerSteps; docs/output.md) to this CSV file.")
    var times: String?

    @Flag(name: .customLong("both-wells"), help: "Simulate escape out of both minima and measure ln(τ_flat/τ_sharp) (selectivity, docs/theory.md §4).")
    var bothWells = false

    @Flag(help: "Run even when the cost estimate says the run would take hours or censor nearly every trajectory.")
    var force = false

    @Flag(help: "No progress line on stderr (shown on a terminal for runs longer than 2 s).")
    var quiet = false

    @Option(help: "brute: independent trajectories; ams: adaptive multilevel splitting with the loop decomposition, for barriers brute force cannot reach (the reduced SDE, or the optimizer's own iteration with --model discrete, in 1-D and d dimensions — there with a hyperplane --escape-at; --trajectories does not apply; docs/rare-events.md).")
    var method: SimulationMethod = .brute

    @OptionGroup var splitting: SplittingArguments

    struct BothWellsReport: Encodable {
        let wells: [SimulationReport]
        let selectivity: MeasuredSelectivity
        let survivalFile: String?
    }

    func run() throws {
        if method == .ams { return try runSplitting() }
        if let name = splitting.given.first {
            throw InvalidParameter(name, given: "with --method brute", allowed: "--method ams (a splitting option; brute force takes --trajectories)")
        }
        var options = try EnsembleOptions(trajectories: ensemble.trajectories, seed: ensemble.seed,
                                          threads: ensemble.threads, generator: ensemble.rng)
        let built = try problem.anyProblem()
        let problems: [ProblemDescription.Built]
        switch built {
        case .oneDimensional(let p) where bothWells:
            problems = try [StartSide.left, .right].map { side in .oneDimensional(try p.with(side: side)) }
        case .oneDimensional: problems = [built]
        case .multiDimensional(let p):
            try MultiDimensionalCommands.refuseBothWells(bothWells, p)
            problems = [built]
        }
        let survivalURL = try survival.map { try Self.csvURL($0, "survival") }
        let timesURL = try times.map { try Self.csvURL($0, "times") }
        // Every well predicted and its cost checked before any runs.
        let predicted = try problems.map(PredictedEscape.init)
        for p in predicted { try p.checkCost(trajectories: options.trajectories, force: force) }
        let line = EnsembleProgressLine(title: "simulate", unit: "trajectories started", quiet: quiet)
        options.progress = line?.progress
        let runs: [ComparedEscape]
        do {
            defer { line?.finish() }  // erased before anything else is printed, error or not
            runs = try predicted.map { try $0.simulate(options) }
        }
        if let survivalURL {
            try TableWriter.write(SurvivalTable.csv(runs.flatMap(\.survivalRows)), to: survivalURL)
            try TableWriter.write(SurvivalPlot.svg(runs), to: URL(fileURLWithPath: Self.figure(survivalURL.path)))
        }
        if let timesURL { try TableWriter.write(TrajectoryTable.csv(runs.flatMap(TrajectoryTable.rows)), to: timesURL) }
        let reports = runs.map(SimulationReport.init)
        guard bothWells, let selectivity = MeasuredSelectivity(runs) else {
            if output.json { return try JSONOutput.print(reports[0]) }
            printReport(runs[0], reports[0])
            if let survival { print("survival curve written to \(survival) (figure: \(Self.figure(survival)))") }
            if let times { print("per-trajectory times written to \(times)") }
            return
        }
        if output.json { return try JSONOutput.print(BothWellsReport(wells: reports, selectivity: selectivity, survivalFile: survival)) }
        for (run, report) in zip(runs, reports) { printReport(run, report); print("") }
        let measured = selectivity.logFlatOverSharp.map { "\(Text.number($0, 4)) ± \(Text.number(selectivity.standardError, 3))" } ?? "—"
        print("flat minimum: \(selectivity.flatSide); ln(τ_flat/τ_sharp) measured \(measured), predicted \(Text.number(selectivity.predictedLogFlatOverSharp, 4))")
        if let survival { print("survival curves written to \(survival) (figure: \(Self.figure(survival)))") }
        if let times { print("per-trajectory times written to \(times)") }
    }

    /// `--method ams`: the problem's mean escape time by splitting, against the prediction.
    func runSplitting() throws {
        for (given, name) in [(bothWells, "both-wells"), (survival != nil, "survival"), (times != nil, "times")] where given {
            throw InvalidParameter(name, given: "with --method ams", allowed: "--method brute (splitting gives the mean escape time, not per-trajectory times)")
        }
        let options = try splitting.options(ensemble)
        let predicted = try PredictedEscape(try problem.anyProblem())
        try SplitEscape.check(predicted.problem)   // what splitting does not run, before its cost
        try predicted.checkCost(splitting: options, force: force)
        let run = try SplitEscape(predicted, options)
        let report = SplitEscapeReport(run, options)
        if output.json { return try JSONOutput.print(report) }
        var rows: [[String]]
        let coordinate: String
        switch (run.prediction, run.predicted.problem) {
        case (.oneDimensional(let p), _):
            print(report.problem.oneLine)
            (rows, coordinate) = (PredictionText.rows(p), "x")
        case (.multiDimensional(let p), .multiDimensional(let problem)):
            print(report.problem.oneLine + "  d=\(problem.dimension)")
            (rows, coordinate) = (MultiDimensionalCommands.rows(p), "s")
        case (.multiDimensional, .oneDimensional): preconditionFailure("a d-dimensional prediction of a 1-D problem")
        }
        print("method ams: \(options.runs) runs × \(options.replicas) replicas (k = \(options.killed)), \(options.loops) loops per run; \(report.integrator), dt \(Text.number(report.dt, 4)); home \(coordinate) ≤ \(Text.number(report.levels[0], 5)), entrance \(coordinate) ≥ \(Text.number(report.levels[1], 5)) (well width \(Text.number(report.wellWidth, 4))\(coordinate == "s" ? "; s = n·(θ − θ₀), the signed distance to the target plane" : ""))")
        switch run.prediction {
        case .oneDimensional(let p): print(PredictionText.geometry(p))
        case .multiDimensional(let p): MultiDimensionalCommands.printGeometry(p)
        }
        print("")
        rows.insert(["measured (AMS)", "\(Text.number(report.meanTime, 6)) ± \(Text.number(report.standardError, 2))", Text.number(report.meanSteps, 6),
                     "95% CI [\(Text.number(report.ci95[0], 5)), \(Text.number(report.ci95[1], 5))]"], at: 1)
        print(Text.table(rows))
        print("")
        let reference = run.prediction.reference
        var line = run.measuredOverExact.map { "measured/exact \(Text.number($0, 4))  " } ?? ""
        if reference != "exactTime" { line += "measured/reference \(Text.number(run.measuredOverReference, 4))  " }
        line += "z = \(Text.number(run.zScore, 3)) (vs \(reference))"
        if let k = run.measuredOverKramers { line += "  measured/\(coordinate == "x" ? "Kramers" : "Eyring–Kramers") \(Text.number(k, 4))" }
        print(line)
        print("p (entrance → escape point before home) = \(Text.number(report.probability, 4)) ± \(Text.number(report.probabilityStandardError, 2)), 95% CI [\(Text.number(report.probabilityCI95[0], 4)), \(Text.number(report.probabilityCI95[1], 4))]; loop \(Text.number(report.timeToEntrance, 4)) out + \(Text.number(report.timeBack, 4)) back, reactive \(Text.number(report.reactiveTime, 4)) (SDE time)")
        print("steps: \(report.steps) (\(report.iterations) splitting iterations); brute force for the same error bar: \(Text.number(report.bruteForceSteps, 3))")
        switch run.prediction {
        case .oneDimensional(let p):
            PredictionText.details(p)
            PredictionText.notes(p.notes)
        case .multiDimensional(let p):
            for note in p.notes { print("note: \(note)") }
        }
    }

    /// The figure beside a survival CSV (a name ending in .csv, ``csvURL(_:_:)``): the same name with .svg.
    static func figure(_ csv: String) -> String { String(csv.dropLast(4)) + ".svg" }

    static func csvURL(_ path: String, _ option: String) throws -> URL {
        guard path.hasSuffix(".csv") else {
            throw InvalidParameter(option, given: "'\(path)'", allowed: "a file name ending in .csv")
        }
        let url = URL(fileURLWithPath: path)
        try TableWriter.prepare(directory: url.deletingLastPathComponent())
        return url
    }

    private func printReport(_ run: ComparedEscape, _ report: SimulationReport) {
        guard case .oneDimensional(let prediction) = run.prediction else {
            return MultiDimensionalCommands.printReport(run, report)
        }
        print(report.problem.oneLine)
        print(report.stepLine)
        print(PredictionText.geometry(prediction))
        print("")
        let eta = report.problem.learningRate
        var rows = PredictionText.rows(prediction)
        rows.insert(report.measuredRow, at: 1)
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
        print(report.trajectoriesLine)
        if let horizon = report.horizonLine { print(horizon) }
        if let ks = report.exponentiality {
            print("exponential escape times? KS D = \(Text.number(ks.statistic, 3)), Stephens D* = \(Text.number(ks.modifiedStatistic, 3)) (5% critical \(ks.critical5)): \(ks.consistentWithExponential ? "consistent" : "NOT exponential")")
        }
        PredictionText.details(prediction)
        for warning in report.warnings { print("warning: \(warning)") }
        PredictionText.notes(prediction.notes)
    }
}
