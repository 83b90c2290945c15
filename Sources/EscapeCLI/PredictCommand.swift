import ArgumentParser
import Dynamics
import Theory

/// `escape predict SPEC`: every prediction that applies.
struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Exact mean first-passage time and Kramers prediction of the escape time, with their assumptions.")

    @OptionGroup var problem: ProblemArguments
    @OptionGroup var output: OutputArguments

    struct Report: Encodable {
        let problem: ProblemSummary
        let prediction: Prediction

        func encode(to encoder: Encoder) throws {
            try prediction.encode(to: encoder)
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(problem, forKey: .problem)
        }
        enum Key: String, CodingKey { case problem }
    }

    func run() throws {
        let escapeProblem = try problem.problem()
        let prediction = try Predictor.predict(escapeProblem)
        let summary = ProblemSummary(escapeProblem)
        if output.json { return try JSONOutput.print(Report(problem: summary, prediction: prediction)) }
        print(summary.oneLine)
        print(PredictionText.geometry(prediction))
        print("")
        print(Text.table(PredictionText.rows(prediction)))
        PredictionText.notes(prediction.notes)
    }
}

/// Printing helpers shared by `predict` and `simulate`.
enum PredictionText {
    static func geometry(_ p: Prediction) -> String {
        "start x=\(Text.number(p.minimum.x, 6)) (L″=\(Text.number(p.minimum.curvature, 5)))  saddle x=\(Text.number(p.saddle.x, 6)) (L″=\(Text.number(p.saddle.curvature, 5)))  escape at x=\(Text.number(p.escapePoint, 6)) (\(p.escapeTarget))  ΔL=\(Text.number(p.barrier, 5))  ΔΦ=\(Text.number(p.effectiveBarrier, 5))"
    }

    static func rows(_ p: Prediction) -> [[String]] {
        [["", "time t", "optimizer steps", ""],
         ["exact MFPT", Text.number(p.exactTime, 6), Text.number(p.exactSteps, 6), "(THEORY §3, quadrature rel. error \(Text.number(p.exactRelativeError, 2)))"],
         ["Kramers", Text.number(p.kramersTime, 6), Text.number(p.kramersSteps, 6), "(THEORY §4, Kramers/exact = \(Text.number(p.kramersOverExact, 4)))"]]
    }

    static func notes(_ notes: [String]) {
        for note in notes { print("note: \(note)") }
    }
}
