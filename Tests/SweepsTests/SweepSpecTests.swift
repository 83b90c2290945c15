import Dynamics
import Theory
import Foundation
import NumericKit
import Testing
@testable import Sweeps

/// Sweep files: decoding, validation with named fields, the grid and its seeds.
@Suite("Sweep specs")
struct SweepSpecTests {
    static let valid = """
        {"name": "t", "base": {"landscape": "pq:ha=4,hb=2,barrier=0.25", "noise": "hessian", "lr": 0.1},
         "axes": [{"parameter": "optimizer", "values": ["sgd", "adam"]},
                  {"parameters": ["landscape.ha", "landscape.hb"], "values": [[4, 2], [8, 4], [16, 8]]}],
         "trajectories": 100, "seed": 5}
        """

    func decode(_ text: String) throws(InvalidParameter) -> SweepSpec { try SweepSpec.decode(Data(text.utf8)) }

    /// The error of decoding and building every point of `text`.
    func error(_ text: String) -> InvalidParameter? {
        do { _ = try decode(text).points(); return nil } catch { return error }
    }

    @Test func gridIsTheProductFirstAxisOutermost() throws {
        let spec = try decode(Self.valid)
        let points = try spec.points()
        #expect(points.count == 6 && spec.pointCount == 6)
        #expect(points.map(\.label) == [
            "optimizer=sgd, landscape.ha=4, landscape.hb=2", "optimizer=sgd, landscape.ha=8, landscape.hb=4",
            "optimizer=sgd, landscape.ha=16, landscape.hb=8", "optimizer=adam, landscape.ha=4, landscape.hb=2",
            "optimizer=adam, landscape.ha=8, landscape.hb=4", "optimizer=adam, landscape.ha=16, landscape.hb=8",
        ])
        guard case .oneDimensional(let p) = points[4].problem else { Issue.record("1-D expected"); return }
        #expect(p.optimizer == .adam && p.landscape.landscape.spec.contains("ha=8") && p.learningRate == 0.1)
    }

    /// Point k's seed is (seed, k) whatever else: the same in any shard, order or run.
    @Test func seedsComeFromSweepSeedAndIndex() throws {
        let spec = try decode(Self.valid)
        for point in try spec.points() {
            #expect(point.seed == StreamSeeding.streamSeed(run: 5, stream: UInt64(point.index)))
        }
        #expect(Set(try spec.points().map(\.seed)).count == 6)
        let shards = try (0..<3).map { try Shard(parsing: "\($0)/3") }
        for k in 0..<6 { #expect(shards.filter { $0.contains(k) }.count == 1) }
    }

    /// A dimension axis: list-valued landscape keys take text (`spectators` "1:10" or "1;10");
    /// a ':' is taken only between numbers, never as a nested spec.
    @Test func dimensionAxisBuildsDDimensionalProblems() throws {
        let spec = try decode("""
            {"name": "d", "base": {"landscape": "separable:base=pq,ha=4,hb=2,barrier=0.25,spectators=1", "noise": "hessian"},
             "axes": [{"parameter": "landscape.spectators", "values": ["1", "1;10", "1:10:100"]}], "trajectories": 10, "seed": 1}
            """)
        let dimensions = try spec.points().map { point -> Int in
            guard case .multiDimensional(let p) = point.problem else { return 1 }
            return p.dimension
        }
        #expect(dimensions == [2, 3, 4])
        let bad = error("""
            {"name": "d", "base": {"landscape": "separable:base=pq,ha=4,hb=2,barrier=0.25,spectators=1"},
             "axes": [{"parameter": "landscape.spectators", "values": ["1", "1;-10"]}], "trajectories": 10, "seed": 1}
            """)
        #expect(bad?.parameter.hasPrefix("axes[0].values[1] (spectators)") == true, "\(String(describing: bad))")
        #expect(throws: InvalidParameter.self) {
            try ProblemDescription.replacing(key: "base", in: "separable:base=pq,spectators=1", withText: "quartic:barrier=1")
        }
    }

    @Test func unknownAxisIsNamed() {
        let e = error(Self.valid.replacingOccurrences(of: "\"parameter\": \"optimizer\"", with: "\"parameter\": \"optimiser\""))
        #expect(e?.parameter == "axes[0].parameter" && e?.given == "'optimiser'")
    }

    @Test func emptyGridIsNamed() {
        let e = error(Self.valid.replacingOccurrences(of: "[\"sgd\", \"adam\"]", with: "[]"))
        #expect(e?.parameter == "axes[0].values")
    }

    @Test func negativeLearningRateIsNamed() {
        let text = Self.valid.replacingOccurrences(of: "{\"parameter\": \"optimizer\", \"values\": [\"sgd\", \"adam\"]}",
                                                   with: "{\"parameter\": \"lr\", \"values\": [0.1, -0.2]}")
        let e = error(text)
        #expect(e?.parameter.hasPrefix("axes[0].values[1] (lr)") == true, "\(String(describing: e))")
        #expect(e?.given == "-0.2")
        let inBase = error(Self.valid.replacingOccurrences(of: "\"lr\": 0.1", with: "\"lr\": -1"))
        #expect(inBase?.parameter.hasPrefix("base.lr (lr)") == true, "\(String(describing: inBase))")
    }

    @Test(arguments: [
        ("\"seed\": 5}", "\"seed\": 5, \"trajectoires\": 3}", "trajectoires"),
        ("\"trajectories\": 100, ", "", "trajectories"),
        ("\"trajectories\": 100", "\"trajectories\": 1", "trajectories"),
        ("\"seed\": 5}", "\"seed\": 5, \"fits\": [{\"kind\": \"exponant\"}]}", "fits[0].kind"),
        ("\"seed\": 5}", "\"seed\": 5, \"fits\": [{\"kind\": \"arrhenius\"}]}", "fits[0].x"),
        ("\"seed\": 5}", "\"seed\": 5, \"allowance\": -0.1}", "allowance"),
        ("[[4, 2], [8, 4], [16, 8]]", "[[4, 2], [8], [16, 8]]", "axes[1].values[1]"),
        ("\"noise\": \"hessian\"", "\"noise\": \"hessain\"", "base.noise"),
        ("\"noise\": \"hessian\"", "\"noise\": \"hessian\", \"sigma2\": 2", "base.sigma2"),
        ("{\"name\"", "[{\"name\"", "t"),
        ("\"seed\": 5}", "\"seed\": 5, \"rng\": \"fastest\"}", "rng"),
    ])
    func badFieldsAreNamed(_ find: String, _ replace: String, _ field: String) {
        let e = error(Self.valid.replacingOccurrences(of: find, with: replace))
        #expect(e != nil && (e!.parameter.hasPrefix(field) || field == "t"), "\(String(describing: e))")
    }

    @Test func repeatedAxisParameterIsRefused() {
        let text = Self.valid.replacingOccurrences(of: "{\"parameter\": \"optimizer\", \"values\": [\"sgd\", \"adam\"]}",
                                                   with: "{\"parameter\": \"landscape.ha\", \"values\": [1, 2]}")
        #expect(error(text)?.parameter == "axes[1].parameter")
    }

    /// The encoded spec decodes to itself (sweep.json reruns and resumes the same sweep).
    @Test func specRoundTrips() throws {
        let fast = try decode(Self.valid.replacingOccurrences(of: "\"seed\": 5}", with: "\"seed\": 5, \"rng\": \"fast\"}"))
        let standard = try decode(Self.valid)
        #expect(fast.generator == .fast && standard.generator == .mt19937)
        for spec in ReproduceSuite.specs(quick: true, seed: 3) + [try decode(Self.valid), fast] {
            let data = try JSONEncoder().encode(spec)
            #expect(try SweepSpec.decode(data) == spec)
        }
    }

    /// The solved barrier gives the requested ΔΦ, for every optimizer.
    @Test(arguments: ["sgd", "adam", "invadam"])
    func effectiveBarrierIsSolved(optimizer: String) throws {
        var d = ProblemDescription(landscape: "pq:ha=8,hb=4,barrier=1")
        try d.set("noise", to: .text("frozen"))
        try d.set("optimizer", to: .text(optimizer))
        let solved = try EffectiveBarrierSolver.solve(d, target: .number(3.5), field: "f")
        let phi = try Predictor.predict(try solved.oneDimensional()).effectiveBarrier
        #expect(abs(phi - 3.5) < 1e-9)
    }

    /// On a quartic with frozen noise ΔΦ does not depend on the barrier (C scales with L″): refused.
    @Test func unreachableEffectiveBarrierIsRefused() throws {
        var d = ProblemDescription(landscape: "quartic:barrier=1")
        try d.set("noise", to: .text("frozen"))
        #expect(throws: InvalidParameter.self) { try EffectiveBarrierSolver.solve(d, target: .number(30), field: "f") }
    }
}
