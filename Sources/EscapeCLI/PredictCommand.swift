import ArgumentParser
import Dynamics
import NumericKit
import Theory

/// `escape predict SPEC`: every prediction that applies.
struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Exact mean first-passage time and Kramers prediction of the escape time, with their assumptions.")

    @OptionGroup var problem: ProblemArguments
    @OptionGroup var output: OutputArguments

    @Flag(name: .customLong("both-wells"), help: "Escape times out of both minima and ln(τ_flat/τ_sharp) for every optimizer (selectivity, docs/theory.md §4).")
    var bothWells = false

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

    struct BothWellsReport: Encodable {
        let problem: ProblemSummary
        let bothWells: WellSelectivity
    }

    func run() throws {
        let escapeProblem: EscapeProblem
        switch try problem.anyProblem() {
        case .oneDimensional(let p): escapeProblem = p
        case .multiDimensional(let nd):
            try MultiDimensionalCommands.refuseBothWells(bothWells, nd)
            return try MultiDimensionalCommands.predict(nd, json: output.json)
        }
        if bothWells {
            let selectivity = try WellSelectivity(problem: escapeProblem, optimizers: WellSelectivity.optimizers(for: escapeProblem))
            let summary = ProblemSummary(escapeProblem)
            if output.json { return try JSONOutput.print(BothWellsReport(problem: summary, bothWells: selectivity)) }
            print(summary.oneLine)
            print(PredictionText.selectivity(selectivity))
            return
        }
        let prediction = try Predictor.predict(escapeProblem)
        let summary = ProblemSummary(escapeProblem)
        if output.json { return try JSONOutput.print(Report(problem: summary, prediction: prediction)) }
        print(summary.oneLine)
        print(PredictionText.geometry(prediction))
        print("")
        print(Text.table(PredictionText.rows(prediction)))
        PredictionText.details(prediction)
        PredictionText.notes(prediction.notes)
    }
}

/// Printing helpers shared by `predict` and `simulate`.
enum PredictionText {
    static func geometry(_ p: Prediction) -> String {
        "start x=\(Text.number(p.minimum.x, 6)) (L″=\(Text.number(p.minimum.curvature, 5)))  saddle x=\(Text.number(p.saddle.x, 6)) (L″=\(Text.number(p.saddle.curvature, 5)))  escape at x=\(Text.number(p.escapePoint, 6)) (\(p.escapeTarget))  ΔL=\(Text.number(p.barrier, 5))  ΔΦ=\(Text.number(p.effectiveBarrier, 5))"
    }

    /// A time, or where it overflows a double (τ > e^709) its logarithm, said so (docs/output.md).
    static func time(_ value: Double?, log logValue: Double?) -> String {
        if let value { return Text.number(value, 6) }
        guard let logValue else { return Text.number(nil) }
        return "e^\(Text.number(logValue, 6)) (overflows)"
    }

    static func rows(_ p: Prediction) -> [[String]] {
        var rows = [["", "time t", "optimizer steps", ""],
                    ["exact MFPT", time(p.exactTime, log: p.logExactTime), time(p.exactSteps, log: nil), "(docs/theory.md §3, quadrature rel. error \(Text.number(p.exactRelativeError, 2)))"],
                    ["Kramers", time(p.kramersTime, log: p.logKramersTime), time(p.kramersSteps, log: nil), "(docs/theory.md §4, Kramers/exact = \(Text.number(p.kramersOverExact, 4)))"]]
        if p.reference != "exactTime" {
            rows.append(["reference", Text.number(p.referenceTime, 6), Text.number(p.referenceSteps, 6), "(\(p.reference))"])
        }
        return rows
    }

    /// The scaling law, the DualAdam schedule and the §4 validity diagnostics, one line each.
    static func details(_ p: Prediction) {
        if let e = p.exponent {
            var line = "scaling: p = \(Text.number(e.p, 3))"
            if let s = e.s, let f = e.formulaBarrier { line += ", s = \(Text.number(s, 4)), ΔΦ by formula = \(Text.number(f, 5))" }
            print(line)
        }
        if let w = p.powerLaw {
            print("loss noise (§13): L_saddle/L_min = \(Text.number(w.lossRatio, 5)); power law τ ≈ \(time(w.time, log: w.logTime)) with exponent 1/κ + 1/2 = \(Text.number(w.exponent, 5)); the Arrhenius form e^{ΔL/T_min} would give \(time(w.arrheniusTime, log: w.logArrheniusTime)); valid for \(w.condition)")
        }
        if let j = p.jumpEscape {
            print("jump escape (§15, Imkeller–Pavlyukevich): α = \(Text.number(j.alpha, 4)), c = \(Text.number(j.scale, 4)), width d = \(Text.number(j.width, 5)); K_α = \(Text.number(j.tailConstant, 4)); escaping jump per step \(Text.number(j.ratePerStep, 4)); τ = \(Text.number(j.meanSteps, 6)) steps (independent of ΔL, ∝ d^α); small jumps' diffusion τ = \(time(j.smallJumpTime, log: nil)); validity: \(j.condition)")
        }
        if let f = p.underdampedFactor { print("momentum: underdamped factor (|H_b|/γ)/λ_b = \(Text.number(f, 4))") }
        if let h = p.hazard {
            print("dualadam schedule: ξ = \(Text.number(h.switchRate, 3)), Adam from step \(h.switchStep), inverse term dominates through step \(h.inverseDominatesThroughStep) (n = √C_a + ε = \(Text.number(h.denominatorAtMinimum, 4))); τ(r=1) = \(Text.number(h.inverseTime, 5)), τ(r=0) = \(Text.number(h.adamTime, 5)); hazard mean \(Text.number(h.meanSteps, 6)) steps")
        }
        if let h = p.scheduleHazard {
            var line = "lr schedule (§14): \(h.schedule); τ(η) = \(Text.number(h.initialTime, 5)) at the first rate; escaped by step \(h.horizonStep): \(Text.number(1 - h.survival(atSteps: [Double(h.horizonStep)])[0], 4)) by the quasi-static hazard; "
            line += h.meanSteps.map { "hazard mean \(Text.number($0, 6)) steps" } ?? "never escapes with probability \(Text.number(h.neverEscapes, 4)) (infinite mean)"
            line += "; relaxation/change time \(Text.number(h.adiabaticity, 3))"
            print(line)
        }
        if let f = p.frozenPreconditioner {
            print("frozen preconditioner (v̂ kept at its basin value, memory \(Text.number(f.memorySteps, 4)) steps): P ≡ \(Text.number(f.preconditioner, 4)), ΔΦ = \(Text.number(f.effectiveBarrier, 4)), exact \(Text.number(f.exactSteps, 6)) steps")
        }
        let v = p.validity
        print("SDE validity (§4): max η·P·|L″| = \(Text.number(v.maxStepCurvature, 3)), per-step noise / (saddle − minimum) = \(Text.number(v.maxStepNoiseOverScale, 3)), relaxation ≈ \(Text.number(v.relaxationSteps, 3)) steps, ΔΦ = \(Text.number(v.effectiveBarrier, 4))")
    }

    static func notes(_ notes: [String]) {
        for note in notes { print("note: \(note)") }
    }

    static func selectivity(_ w: WellSelectivity) -> String {
        var rows = [["optimizer", "p", "τ left (steps)", "τ right (steps)", "ΔΦ left", "ΔΦ right", "ln(τ_flat/τ_sharp)", "ΔΦ_flat − ΔΦ_sharp", "by formula"]]
        for r in w.rows {
            rows.append([r.optimizer, Text.number(r.p, 3), Text.number(r.leftSteps, 5), Text.number(r.rightSteps, 5),
                         Text.number(r.leftBarrier, 4), Text.number(r.rightBarrier, 4), Text.number(r.logFlatOverSharp, 4),
                         Text.number(r.barrierDifference, 4), Text.number(r.formulaDifference, 4)])
        }
        return "flat minimum: \(w.flatSide.rawValue) (L″ = \(Text.number(w.flatCurvature, 4))), sharp: L″ = \(Text.number(w.sharpCurvature, 4)); ln(τ_flat/τ_sharp) > 0: the optimizer stays longer in the flat minimum\n\n" + Text.table(rows)
    }
}
