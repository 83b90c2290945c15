import Dynamics
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

    /// The text report of a d-dimensional ``ComparedEscape`` (`escape simulate`).
    static func printReport(_ run: ComparedEscape, _ report: SimulationReport) {
        guard case .multiDimensional(let prediction) = run.prediction, case .multiDimensional(let problem) = run.predicted.problem else { return }
        print(report.problem.oneLine + "  d=\(problem.dimension)")
        print(report.stepLine)
        printGeometry(prediction)
        print("")
        var table = rows(prediction)
        table.insert(report.measuredRow, at: 1)
        print(Text.table(table))
        print("")
        print("measured/reference \(Text.number(report.comparison.measuredOverReference, 4))  z = \(Text.number(report.comparison.zScore, 3)) (vs \(prediction.reference))")
        print(report.trajectoriesLine)
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
