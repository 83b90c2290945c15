import Dynamics
import Foundation
import NumericKit
import RareEvents
import Testing
import Theory
@testable import Sweeps

/// `"method"` in sweep files: brute force and splitting points in one sweep, their options,
/// their refusals, their rows, and the fit of Kramers' correction (issue 16, items 1, 5 and 6).
@Suite("Sweep methods", .serialized)
struct SweepMethodTests {
    func decode(_ text: String) throws(InvalidParameter) -> SweepSpec { try SweepSpec.decode(Data(text.utf8)) }

    func error(_ text: String) -> InvalidParameter? {
        do { _ = try decode(text).points(); return nil } catch { return error }
    }

    static let mixed = """
        {"name": "m", "base": {"landscape": "quartic:barrier=1", "sigma2": 0.5, "lr": 1, "splitting-runs": 12, "replicas": 40},
         "axes": [{"parameters": ["effective-barrier", "method"], "values": [[3, "brute"], [4, "brute"], [10, "ams"]]}],
         "trajectories": 400, "seed": 9, "allowance": 0.02, "fits": [{"kind": "kramers-asymptotics"}]}
        """

    @Test func methodPairsWithTheBarrierOnAnAxis() throws {
        let points = try decode(Self.mixed).points()
        #expect(points.map(\.method.name) == ["brute", "brute", "ams"])
        guard case .splitting(let o) = points[2].method else { Issue.record("ams expected"); return }
        #expect(o.runs == 12 && o.replicas == 40 && o.killed == 1 && o.loops == 200)
        #expect(points[2].label == "effective-barrier=10, method=ams")
    }

    /// Every bad method input names its field, says what was given and what is allowed.
    @Test func badMethodInputIsRefusedWithItsField() {
        let base = #""landscape": "quartic:barrier=1", "sigma2": 0.5, "lr": 1"#
        let cases: [(String, String)] = [
            (#"{"name": "x", "base": {\#(base), "method": "fast"}, "trajectories": 10, "seed": 1}"#, "base.method"),
            (#"{"name": "x", "base": {\#(base), "method": "ams", "replicas": 1}, "seed": 1}"#, "replicas"),
            (#"{"name": "x", "base": {\#(base), "method": "ams", "killed": 5, "replicas": 5}, "seed": 1}"#, "killed"),
            (#"{"name": "x", "base": {\#(base), "method": "ams", "entrance-width": 0.2}, "seed": 1}"#, "entrance-width"),
            (#"{"name": "x", "base": {\#(base), "method": "ams", "loops": "many"}, "seed": 1}"#, "base.loops"),
            (#"{"name": "x", "base": {\#(base), "replicas": 50}, "trajectories": 10, "seed": 1}"#, "base.replicas"),
            (#"{"name": "x", "base": {\#(base)}, "seed": 1}"#, "trajectories"),
            (#"{"name": "x", "base": {\#(base), "method": "ams", "optimizer": "dualadam", "model": "discrete"}, "seed": 1}"#, "method"),
            // d dimensions: a ball target is not a level set.
            (#"{"name": "x", "base": {"landscape": "separable:base=quartic,barrier=1,spectators=1", "sigma2": 0.5, "lr": 1, "method": "ams", "escape-at": "radius=0.5"}, "seed": 1}"#, "escape-at"),
        ]
        for (text, field) in cases {
            let e = error(text)
            #expect(e != nil && e!.parameter.contains(field), "\(text) → \(e.map(\.description) ?? "accepted")")
        }
        // A sweep where every point runs by splitting needs no trajectories.
        #expect(error(#"{"name": "x", "base": {\#(base), "method": "ams"}, "seed": 1}"#) == nil)
    }

    /// A mixed sweep runs: brute rows as before, the splitting row with p, its SE, the
    /// chain steps and the brute-force equivalent, no trajectory counts; every row agrees;
    /// the same table on 1 and 2 threads.
    @Test func mixedSweepRunsAndWritesBothKindsOfRow() throws {
        let spec = try decode(Self.mixed)
        let dirs = [1, 2].map { SweepRunnerTests.temporary("method-\($0)") }
        defer { for d in dirs { try? FileManager.default.removeItem(at: d) } }
        let outcomes = try zip(dirs, [1, 2]).map { try SweepRunner.run(spec, directory: $0, mode: .fresh, threads: $1, tool: "test") }
        let rows = outcomes[0].rows
        #expect(rows.map { $0.method ?? "" } == ["brute", "brute", "ams"])
        #expect(rows[0].trajectories == 400 && rows[2].trajectories == nil && rows[2].censored == nil)
        let p = try #require(rows[2].escapeProbability)
        #expect(p > 0 && p < 1e-2 && (rows[2].escapeProbabilityStandardError ?? 0) > 0 && (rows[2].bruteForceSteps ?? 0) > Double(rows[2].integratorSteps))
        #expect(rows.allSatisfy { $0.agrees }, "\(rows.map { ($0.label, $0.measuredOverExact ?? .nan, $0.zScore ?? .nan) })")
        #expect(try SweepRunnerTests.tableWithoutTiming(dirs[0]) == SweepRunnerTests.tableWithoutTiming(dirs[1]))
        let csv = try String(contentsOf: dirs[0].appendingPathComponent("table.csv"), encoding: .utf8)
        #expect(csv.split(separator: "\n")[3].contains(",ams,,,,,"))
        #expect(FileManager.default.fileExists(atPath: dirs[0].appendingPathComponent("kramers-ratio.svg").path))
        let fit = try #require(outcomes[0].fits.first { $0.kind == "kramers-asymptotics" })
        #expect(fit.measured != nil && fit.expected != nil, "\(fit.detail)")
    }

    /// The fit recovers c and d from exact data, and its SE is the linear estimator's.
    @Test func correctionFitRecoversAKnownLaw() throws {
        let phi: [Double] = [4, 6, 8, 12, 20, 40]
        let ratio = phi.map { 1 - 0.375 / $0 + 0.2 / ($0 * $0) }
        let fit = try KramersCorrectionFit(effectiveBarrier: phi, ratio: ratio, standardErrors: nil)
        #expect(abs(fit.c + 0.375) < 1e-12 && abs(fit.d - 0.2) < 1e-11 && fit.standardError == nil)
        let noisy = try KramersCorrectionFit(effectiveBarrier: phi, ratio: ratio, standardErrors: phi.map { _ in 0.01 }, allowance: 0.02)
        // Exact data: no Birge scaling; SE = 0.01·√(Σℓᵢ²) and the allowance's share 0.02·Σ|ℓᵢ|·yᵢ.
        #expect(noisy.standardError! > 0 && noisy.agrees(with: -0.375) == true && noisy.allowanceShift > 0)
        #expect(noisy.agrees(with: -0.375 + 4 * noisy.standardError! + noisy.allowanceShift + 1e-6) == false)
        #expect(throws: InvalidParameter.self) { try KramersCorrectionFit(effectiveBarrier: [4, 4, 4], ratio: [1, 1, 1], standardErrors: nil) }
    }

    /// Laplace's method on the quartic double well with constant D: each of the two integrals
    /// of the exact MFPT carries 1 + 3/(16ΔΦ), so Kramers/exact = 1 − (3/8)/ΔΦ + O(ΔΦ⁻²).
    /// The fit of the exact predictions over ΔΦ = 30…400 finds c within 0.003 of −3/8 (−0.3747:
    /// the O(ΔΦ⁻³) term left out of the fit is the difference). Lower barriers are left out on
    /// purpose: there the escape point's finite distance (e^{−0.44ΔΦ}) and the higher orders
    /// move a two-term fit — over ΔΦ = 10…200 it gives −0.386.
    @Test func exactPredictionsGiveLaplacesCorrection() throws {
        let phi: [Double] = [30, 50, 100, 200, 400]
        let ratios = try phi.map { target -> Double in
            var d = ProblemDescription(landscape: "quartic:barrier=1")
            try d.set("sigma2", to: .number(0.5))
            try d.set("lr", to: .number(1))
            let solved = try EffectiveBarrierSolver.solve(d, target: .number(target), field: "test")
            let p = try Predictor.predict(try solved.oneDimensional())
            return try #require(p.kramersOverExact)
        }
        let fit = try KramersCorrectionFit(effectiveBarrier: phi, ratio: ratios, standardErrors: nil)
        #expect(abs(fit.c + 0.375) < 0.003, "c = \(fit.c), d = \(fit.d)")
    }

    /// The splitting cost model is within a factor of 3 of the steps a run takes, in 1-D and d
    /// dimensions.
    @Test(arguments: ["quartic:barrier=1 sigma2=0.1333333333333", "pq:ha=4,hb=2,barrier=1.175417 noise=hessian lr=0.1 optimizer=adam",
                      "separable:base=quartic,barrier=1,spectators=1:3 sigma2=0.1333333333333"])
    func splittingCostIsWithinAFactorOfThree(problem: String) throws {
        let words = problem.split(separator: " ")
        var d = ProblemDescription(landscape: String(words[0]))
        try d.set("lr", to: .number(1))
        for w in words.dropFirst() {
            let kv = w.split(separator: "=")
            let v = String(kv[1])
            try d.set(String(kv[0]), to: Double(v).map { .number($0) } ?? .text(v))
        }
        let predicted = try PredictedEscape(try d.build())
        var options = EscapeSplitting.Options()
        (options.runs, options.replicas) = (8, 50)
        let model = try predicted.withProblem(oneDimensional: { try SplittingCost(problem: $0, prediction: $1, options: options) },
                                              multiDimensional: { try SplittingCost(problem: $0, prediction: $1, options: options) })
        let run = try SplitEscape(predicted, options)
        let ratio = model.totalSteps / Double(run.result.estimate.steps)
        #expect(ratio > 1.0 / 3 && ratio < 3, "model \(model.totalSteps) against \(run.result.estimate.steps) steps")
    }
}
