import Foundation
import NumericKit
import Testing
@testable import Landscapes

@Suite("d-dimensional landscapes, critical points and Hessian spectra")
struct LandscapeNDTests {
    static let specs = [
        "separable:base=pq,ha=4,hb=2,barrier=0.5,spectators=1;10;100",
        "separable:base=quartic,barrier=1,tilt=0.2,spectators=3",
        "styblinski-tang:d=3,k=0.5",
        "gaussian-wells:d=3,sharp=0.7,flat=1.2,separation=3,depthFlat=1.1",
        "rotated:seed=3,of=separable:base=quartic,barrier=1,spectators=1;2;3;4",
        "rotated:seed=9,of=gaussian-wells:d=2,sharp=0.7,flat=1.2,separation=3",
    ]

    /// Analytic gradients and Hessians against central differences (step ε^{1/3}).
    @Test(arguments: specs)
    func derivativesMatchFiniteDifferences(spec: String) throws {
        let l = try LandscapeSpec.parseND(spec)
        let stream = RandomStream(seed: 4)
        for _ in 0..<5 {
            let theta = (0..<l.dimension).map { _ in 1.5 * stream.gaussian() }
            var g = Array(repeating: 0.0, count: l.dimension)
            l.gradient(theta, into: &g)
            let fd = FiniteDifference.gradient(l, at: theta)
            let h = l.hessian(theta), fh = FiniteDifference.hessian(l, at: theta)
            let gScale = max(1, g.map(abs).max()!), hScale = max(1, h.map(abs).max()!)
            for i in 0..<g.count { #expect(abs(g[i] - fd[i]) < 1e-7 * gScale, "\(spec) ∂\(i)") }
            for k in 0..<h.count { #expect(abs(h[k] - fh[k]) < 1e-7 * hScale, "\(spec) H[\(k)]") }
        }
    }

    /// Styblinski–Tang in d = 2: 4 minima and 4 saddles, each at the analytic point (the roots
    /// of 4x³ − 32x + 5 per coordinate) to 1e-8, with the analytic spectrum (k/2)(12x² − 32).
    @Test func styblinskiTangCriticalPoints() throws {
        let l = try StyblinskiTangLandscape(dimension: 2, k: 1)
        let roots = try [(-4.0, -1.0), (-1.0, 1.0), (1.0, 4.0)].map { lo, hi in
            try RootFinder.brent(lower: lo, upper: hi, absoluteTolerance: 1e-15) { 4 * $0 * $0 * $0 - 32 * $0 + 5 }
        }
        let (left, top, right) = (roots[0], roots[1], roots[2])
        let analysis = try LandscapeAnalysis(l)
        #expect(analysis.minima.count == 4 && analysis.links.count == 4)
        func curvature(_ x: Double) -> Double { 0.5 * (12 * x * x - 32) }
        for m in analysis.minima {
            #expect(m.x.allSatisfy { abs($0 - left) < 1e-8 || abs($0 - right) < 1e-8 })
            #expect(m.index == 0)
            #expect(zip(m.eigenvalues, m.x.map(curvature).sorted()).allSatisfy { abs($0 - $1) < 1e-7 })
        }
        for link in analysis.links {
            let s = link.saddle
            #expect(s.index == 1)
            #expect(s.x.filter { abs($0 - top) < 1e-8 }.count == 1)
            #expect(s.x.filter { abs($0 - left) < 1e-8 || abs($0 - right) < 1e-8 }.count == 1)
            #expect(abs(s.eigenvalues[0] - curvature(top)) < 1e-7)
            #expect(abs(s.determinant - s.x.map(curvature).reduce(1, *)) < 1e-6 * abs(s.determinant))
            // The escape direction is the coordinate axis at the maximum.
            let axis = s.x.firstIndex { abs($0 - top) < 1e-8 }!
            #expect(abs(abs(s.escapeDirection![axis]) - 1) < 1e-10)
        }
    }

    /// Separable pq: the saddle is (x_b, 0, …) with spectrum {−hb, spectators}, index 1.
    @Test func separableSaddleIsTheBaseSaddle() throws {
        let l = try LandscapeSpec.parseND("separable:base=pq,ha=4,hb=2,barrier=0.5,spectators=1;10;100")
        let pq = try PiecewiseQuadraticLandscape(ha: 4, hb: 2, barrier: 0.5)
        let analysis = try LandscapeAnalysis(l)
        #expect(analysis.minima.count == 2 && analysis.links.count == 1)
        let s = analysis.links[0].saddle
        #expect(abs(s.x[0] - pq.xb) < 1e-8 && s.x.dropFirst().allSatisfy { abs($0) < 1e-8 })
        #expect(s.index == 1 && s.eigenvalues == [-2, 1, 10, 100])
    }

    /// Spectator lists: ':' (shell-safe) and ';' separate alike; the canonical spec writes ':'
    /// and parses back to the same landscape, also inside `rotated:…,of=`.
    @Test func spectatorListsTakeColonOrSemicolon() throws {
        let colon = try LandscapeSpec.parseND("separable:base=pq,ha=4,hb=2,barrier=0.5,spectators=1:10:100")
        let semicolon = try LandscapeSpec.parseND("separable:base=pq,ha=4,hb=2,barrier=0.5,spectators=1;10;100")
        #expect(colon.spec == semicolon.spec && colon.spec.hasSuffix("spectators=1:10:100") && colon.dimension == 4)
        #expect(try LandscapeSpec.parseND(colon.spec).spec == colon.spec)
        let rotated = try LandscapeSpec.parseND("rotated:seed=3,of=separable:base=quartic,barrier=1,spectators=1:2:3:4")
        #expect(rotated.dimension == 5)
        #expect(throws: InvalidParameter.self) { try LandscapeSpec.parseND("separable:base=pq,ha=4,hb=2,barrier=0.5,spectators=1::10") }
    }

    /// Rotation maps critical points by Q and leaves spectra unchanged; the rotation is orthogonal.
    @Test func rotationMovesCriticalPointsByQ() throws {
        let base = try LandscapeSpec.parseND("separable:base=quartic,barrier=1,spectators=1;2;3;4")
        guard case .rotated(let rotated) = try LandscapeSpec.parseND("rotated:seed=3,of=separable:base=quartic,barrier=1,spectators=1;2;3;4") else {
            Issue.record("not rotated"); return
        }
        let q = rotated.rotation.matrix, d = 5
        for i in 0..<d { for j in 0..<d {
            let dot = (0..<d).reduce(0.0) { $0 + q[$1 * d + i] * q[$1 * d + j] }
            #expect(abs(dot - (i == j ? 1 : 0)) < 1e-12)
        } }
        let a = try LandscapeAnalysis(base), b = try LandscapeAnalysis(rotated)
        #expect(a.links.count == 1 && b.links.count == 1)
        let sb = a.links[0].saddle, sr = b.links[0].saddle
        let mapped = (0..<d).map { i in (0..<d).reduce(0.0) { $0 + q[i * d + $1] * sb.x[$1] } }
        #expect(CriticalPointSearch.distance(mapped, sr.x) < 1e-8)
        #expect(zip(sb.eigenvalues, sr.eigenvalues).allSatisfy { abs($0 - $1) < 1e-9 })
        #expect(abs(sr.value - 1) < 1e-12)
    }

    /// Gaussian wells: two minima, one saddle between on the axis, index 1.
    @Test func gaussianWells() throws {
        let analysis = try LandscapeAnalysis(try LandscapeSpec.parseND("gaussian-wells:d=2,sharp=0.7,flat=1.2,separation=3"))
        #expect(analysis.minima.count == 2 && analysis.links.count == 1)
        let s = analysis.links[0].saddle
        #expect(s.index == 1 && abs(s.x[1]) < 1e-10 && s.gradientNorm < 1e-10)
        // Sharp well: larger curvatures.
        #expect(analysis.minima[0].eigenvalues[0] > analysis.minima[1].eigenvalues[1])
    }

    @Test(arguments: [
        ("separable:base=pq,ha=4,hb=2,barrier=0.5", "spectators"),
        ("separable:base=pq,ha=4,hb=2,barrier=0.5,spectators=1;-2", "spectators"),
        ("separable:ha=4,hb=2,barrier=0.5,spectators=1", "base"),
        ("separable:base=pq,ha=4,barrier=0.5,spectators=1", "hb"),
        ("styblinski-tang:d=0", "d"),
        ("styblinski-tang:d=2.5", "d"),
        ("styblinski-tang:d=2,k=-1", "k"),
        ("gaussian-wells:d=2,sharp=0.5,flat=1", "separation"),
        ("gaussian-wells:d=2,sharp=-0.5,flat=1,separation=2", "widths"),
        ("rotated:seed=x,of=styblinski-tang:d=2", "seed"),
        ("rotated:seed=1", "of"),
        ("rotated:seed=1,of=quartic:barrier=1", "of"),
        ("file:/nonexistent.json", "landscape file"),
    ])
    func badSpecsNameTheParameter(spec: String, parameter: String) {
        do {
            _ = try LandscapeSpec.parseAny(spec)
            Issue.record("\(spec) parsed")
        } catch {
            #expect(error.parameter == parameter, "\(spec): \(error)")
        }
    }

    /// The JSON form: arbitrary Gaussian wells, optionally rotated.
    @Test func jsonFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("wells-\(getpid()).json")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(#"{"family": "gaussian-wells", "centers": [[-1.5, 0], [1.5, 0.5]], "widths": [0.7, 1.2], "depths": [1, 1.1], "rotationSeed": 2}"#.utf8).write(to: url)
        let l = try LandscapeSpec.parseND("file:\(url.path)")
        guard case .rotated(let r) = l, case .gaussianWells(let g) = r.base else { Issue.record("\(l)"); return }
        #expect(g.centers == [[-1.5, 0], [1.5, 0.5]] && r.rotation.seed == 2)
    }
}
