import Dynamics
import Ensembles
import Foundation
import NumericKit
import RareEvents
import Testing
import Theory
@testable import Sweeps

/// The compare pipeline (predict → simulate → compare) that `simulate`, `sweep` and
/// `reproduce` share, in 1-D and d dimensions.
@Suite("Compare pipeline")
struct ComparePipelineTests {
    static func problem(_ landscape: String, _ settings: (inout ProblemDescription) -> Void = { _ in }) throws -> ProblemDescription.Built {
        var d = ProblemDescription(landscape: landscape)
        settings(&d)
        return try d.build()
    }

    static func options() throws -> EnsembleOptions { try EnsembleOptions(trajectories: 300, seed: 5) }

    /// The comparison is made of the estimate and the prediction the run holds: ratios,
    /// z-score, agreement, and a survival table labelled with where the walkers started.
    @Test(arguments: ["quartic:barrier=0.25", "separable:base=quartic,barrier=0.25,spectators=1;4"])
    func comparesTheEstimateWithItsReference(landscape: String) throws {
        let built = try Self.problem(landscape) { $0.sigma2 = 0.5; $0.learningRate = 1; $0.dt = 0.01 }
        let run = try PredictedEscape(built).simulate(Self.options())
        let e = run.estimate
        let (m, se, reference) = (try #require(e.meanTime), try #require(e.standardError), try #require(run.prediction.referenceTime))
        #expect(run.comparison.zScore == (m - reference) / se)
        #expect(run.comparison.measuredOverReference == m / reference)
        #expect(run.comparison.reference == run.prediction.reference)
        #expect(run.agrees(allowance: 0.05) == (abs(m - reference) <= 4 * se + 0.05 * reference && e.censored == 0))
        #expect(run.agrees(allowance: 0.05), "z = \(run.comparison.zScore ?? .nan)")
        let rows = run.survivalRows
        #expect(rows.count == run.survival.rows.count && !rows.isEmpty)
        #expect(rows.allSatisfy { $0[0] == run.predicted.from })
        switch built {
        case .oneDimensional: #expect(run.predicted.from == "left" && run.prediction.exactTime == reference)
        case .multiDimensional: #expect(run.predicted.from == "minimum 0" && run.prediction.exactTime != nil)
        }
    }

    /// A JSON report's `prediction` is the 1-D or d-dimensional prediction itself.
    @Test func predictionEncodesAsTheOneItHolds() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let built = try Self.problem("separable:base=pq,ha=4,hb=2,barrier=0.25,spectators=1") { $0.noise = .hessian }
        guard case .multiDimensional(let nd) = built else { Issue.record("not d-dimensional"); return }
        #expect(try encoder.encode(EscapePrediction(built)) == encoder.encode(PredictorND.predict(nd)))
    }

    /// `simulate --both-wells` and the sweep's selectivity fit compute ln(τ_flat/τ_sharp) and
    /// its SE by the same formula from the same runs.
    @Test func selectivityIsTheSweepFits() throws {
        let runs = try ["left", "right"].map { side in
            try PredictedEscape(Self.problem("pq:ha=4,hb=2,hc=2,barrier=0.15") {
                $0.noise = .hessian; $0.from = StartSide(rawValue: side)
            }).simulate(Self.options())
        }
        let measured = try #require(MeasuredSelectivity(runs))
        #expect(measured.flatSide == "right")
        let point = try SweepSpec(name: "s", base: ["landscape": .text("pq:ha=4,hb=2,hc=2,barrier=0.15")], axes: [], trajectories: 300,
                                  seed: 5, allowance: 0.03, fits: []).point(0)
        let rows = runs.map { SweepRow(point: point, compared: $0, allowance: 0.03, wallSeconds: 0) }
        let fit = try #require(SweepFits.selectivity(rows).first)
        #expect(fit.measured == measured.logFlatOverSharp && fit.standardError == measured.standardError)
        #expect(abs(measured.predictedLogFlatOverSharp - (fit.expected ?? .nan)) <= 1e-12 * abs(measured.predictedLogFlatOverSharp))
    }

    /// Scheduled DualAdam: the fraction escaped by the switch step is counted from the
    /// outcomes (binomial SE) and set beside the hazard's 1 − S(K).
    @Test func dualAdamFractionEscapedByHorizon() throws {
        let built = try Self.problem("quartic:barrier=0.08") {
            $0.optimizer = .dualadam; $0.switchRate = 2e-4; $0.sigma2 = 4; $0.learningRate = 0.01; $0.model = .discrete
        }
        let run = try PredictedEscape(built).simulate(Self.options())
        let fraction = try #require(run.escapedByHorizon)
        guard case .oneDimensional(let p) = run.prediction, let hazard = p.hazard else { Issue.record("no hazard"); return }
        let k = Double(hazard.switchStep)
        let hits = run.result.outcomes.filter { $0.kind == .escaped && $0.duration <= k }.count
        let f = Double(hits) / 300
        #expect(fraction.horizonStep == hazard.switchStep && fraction.measured == f)
        #expect(fraction.standardError == (f * (1 - f) / 300).squareRoot())
        #expect(fraction.predicted == 1 - hazard.survival(atSteps: [k])[0])
        #expect(fraction.measured > 0 && fraction.measured < 1)
    }

    /// The cost check refuses an unaffordable run before it starts, by brute force and by
    /// splitting, in 1-D and in d dimensions (where a step is d coordinates' work, d³ with an
    /// eigen-decomposition per step).
    @Test(arguments: ["quartic:barrier=", "separable:base=quartic,spectators=1:4,barrier="])
    func costIsCheckedBeforeTheRun(spec: String) throws {
        let cheap = try PredictedEscape(Self.problem(spec + "0.25") { $0.sigma2 = 0.5 })
        try cheap.checkCost(trajectories: 100, force: false)
        try cheap.checkCost(splitting: EscapeSplitting.Options(), force: false)
        let dear = try PredictedEscape(Self.problem(spec + "20") { $0.sigma2 = 0.5 })
        #expect(throws: InvalidParameter.self) { try dear.checkCost(trajectories: 100, force: false) }
        try dear.checkCost(trajectories: 100, force: true)
        // ΔΦ = 400 by splitting in 100 000 runs: N·ln(1/p)/k ≈ 40 000 AMS iterations each, hours in all.
        let dearer = try PredictedEscape(Self.problem(spec + "100") { $0.sigma2 = 0.5 })
        var many = EscapeSplitting.Options()
        many.runs = 100_000
        #expect(throws: InvalidParameter.self) { try dearer.checkCost(splitting: many, force: false) }
    }

    /// A d-dimensional step is d coordinates' work, and d³ where C's square root takes an
    /// eigen-decomposition per step.
    @Test func multiDimensionalWorkPerStep() throws {
        let separable = try Self.problem("separable:base=quartic,barrier=1,spectators=1:4") { $0.sigma2 = 0.5 }
        let rotated = try Self.problem("rotated:seed=1,of=separable:base=quartic,barrier=1,spectators=1:4") { $0.noise = NoiseKind(rawValue: "hessian")!; $0.noiseFloor = 1 }
        guard case .multiDimensional(let s) = separable, case .multiDimensional(let r) = rotated else {
            Issue.record("not d-dimensional"); return
        }
        #expect(try s.stepScales().workPerStep == 3 && r.stepScales().workPerStep == 27)
    }
}
