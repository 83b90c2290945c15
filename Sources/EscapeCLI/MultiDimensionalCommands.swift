import Dynamics
import Escape
import Foundation
import Landscapes
import NumericKit
import Sweeps
import Theory

/// `predict` and `simulate` for d-dimensional landscapes: the same reports, with the
/// d-dimensional prediction (exact 1-D reduction, Eyring–Kramers or the labelled heuristic).
enum MultiDimensionalCommands {
    struct PredictReport: Encodable {
        let problem: ProblemSummary
        let prediction: PredictionND
    }

    /// `--both-wells` is a 1-D comparison (left and right minimum).
    static func refuseBothWells(_ bothWells: Bool, _ problem: EscapeProblemND) throws {
        if bothWells {
            throw InvalidParameter("both-wells", given: "a \(problem.dimension)-dimensional landscape", allowed: "1-D landscapes (\(LandscapeRegistry.names))")
        }
    }

    static func predict(_ problem: EscapeProblemND, json: Bool) throws {
        let prediction = try PredictorND.predict(problem)
        let summary = ProblemSummary(problem)
        if json { return try JSONOutput.print(PredictReport(problem: summary, prediction: prediction)) }
        print(summary.oneLine + "  d=\(problem.dimension)")
        printGeometry(prediction)
        print("")
        print(Text.table(rows(prediction)))
        for note in prediction.notes { print("note: \(note)") }
    }

    static func simulate(_ problem: EscapeProblemND, options: EnsembleOptions, survival: String?, json: Bool) throws {
        let survivalURL = try survival.map(SimulateCommand.survivalURL)
        let prediction = try PredictorND.predict(problem)
        let result = try EscapeSimulationND.run(problem, options)
        let e = result.estimate
        let curve = SurvivalCurve(outcomes: result.outcomes, timePerStep: result.timePerStep, learningRate: problem.learningRate)
        if let survivalURL {
            try TableWriter.write(SurvivalTable.csv(SurvivalTable.rows(from: "minimum \(problem.startIndex)", curve: curve,
                                                                       referenceTime: prediction.referenceTime,
                                                                       reference: prediction.reference)), to: survivalURL)
        }
        let comparison = Comparison(estimate: e, prediction: prediction)
        let report = SimulationReport(problem: ProblemSummary(problem), result: result, curve: curve, prediction: prediction,
                                      comparison: comparison)
        if json { return try JSONOutput.print(report) }
        print(report.problem.oneLine + "  d=\(problem.dimension)")
        let stepText = result.dt.map { "sde, \(result.integrator ?? ""), dt=\(Text.number($0, 4))" } ?? "discrete iteration"
        print("\(stepText)  seed \(options.seed)  \(options.generator.rawValue)")
        printGeometry(prediction)
        print("")
        var table = rows(prediction)
        let measured = e.meanTime.map { "\(Text.number($0, 6)) ± \(Text.number(e.standardError, 3))" } ?? "—"
        table.insert(["measured", measured, Text.number(e.meanSteps, 6), e.ci95.map { "95% CI [\(Text.number($0[0], 5)), \(Text.number($0[1], 5))]" } ?? ""], at: 1)
        print(Text.table(table))
        print("")
        print("measured/reference \(Text.number(comparison.measuredOverReference, 4))  z = \(Text.number(comparison.zScore, 3)) (vs \(prediction.reference))")
        print("trajectories \(e.trajectories): escaped \(e.escaped), censored \(e.censored), diverged \(e.diverged) (fraction \(Text.number(e.divergedFraction, 3))); \(e.integratorSteps) integrator steps")
        if let survival { print("survival curve written to \(survival)") }
        for warning in report.warnings { print("warning: \(warning)") }
        for note in prediction.notes { print("note: \(note)") }
    }

    static func printGeometry(_ p: PredictionND) {
        func point(_ c: CriticalPointND) -> String {
            "(" + c.x.prefix(4).map { Text.number($0, 5) }.joined(separator: ", ") + (c.x.count > 4 ? ", …" : "") + ")"
        }
        print("start \(point(p.start)) (λ_min=\(Text.number(p.start.eigenvalues[0], 4)))  saddle \(point(p.saddle)) (λ₁=\(Text.number(p.saddle.eigenvalues[0], 4)))  next \(point(p.next))  ΔL=\(Text.number(p.barrier, 5))  escape at \(p.escapeTarget)")
    }

    static func rows(_ p: PredictionND) -> [[String]] {
        var rows = [["", "time t", "optimizer steps", ""]]
        if let r = p.reduction1D {
            rows.append(["exact 1-D reduction", Text.number(r.referenceTime, 6), Text.number(r.referenceSteps, 6), "(docs/theory.md §3 on the escape coordinate; ΔΦ = \(Text.number(r.effectiveBarrier, 4)))"])
        }
        if let e = p.eyringKramers {
            rows.append(["Eyring–Kramers", Text.number(e.time, 6), Text.number(e.steps, 6), "(docs/theory.md §6; ΔΦ = \(Text.number(e.effectiveBarrier, 4)))"])
        }
        if let h = p.heuristic {
            rows.append(["heuristic", Text.number(h.time, 6), Text.number(h.steps, 6), "(frozen coefficients along the path; ΔΦ ≈ \(Text.number(h.effectiveBarrier, 4)); \(h.reason))"])
        }
        return rows
    }
}
