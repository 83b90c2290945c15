import Foundation
import NumericKit
import Testing
@testable import Landscapes

/// A CSV of `f` at `count` points on [lower, upper] (x,loss, and C when `variance` is given).
func tableFile(_ name: String, lower: Double = -2, upper: Double = 2, count: Int = 201,
               loss: (Double) -> Double, variance: ((Double) -> Double)? = nil) throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("table-\(name)-\(getpid()).csv").path
    var lines = [variance == nil ? "x,loss" : "x,loss,C"]
    for i in 0..<count {
        let x = lower + (upper - lower) * Double(i) / Double(count - 1)
        lines.append(variance.map { "\(x),\(loss(x)),\($0(x))" } ?? "\(x),\(loss(x))")
    }
    try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

@Suite("Tabulated landscapes")
struct TableLandscapeTests {
    /// The spline interpolates, is C² at the rows and at its ends, converges as h⁴ in L and h² in
    /// L″ — up to the end rows, whose curvature the ghost rows keep from the natural spline's
    /// pinned 0 — and continues as a quadratic (f = sin(x + 1) on [0, 2π] at h ≈ 2π/200; the
    /// non-uniform rows are up to 1.3× wider, so the O(h³) slope and O(h) L‴ errors are larger).
    @Test(arguments: [false, true])
    func splineInterpolatesAndIsTwiceContinuous(uniform: Bool) throws {
        let n = 201
        let f = { (x: Double) in sin(x + 1) }
        let x = (0..<n).map { i -> Double in
            let u = Double(i) / Double(n - 1)
            return 2 * Double.pi * (uniform ? u : u + 0.3 * u * (1 - u))
        }
        let s = try CubicSpline(x: x, y: x.map(f))
        for (xi, yi) in zip(x, x.map(f)) { #expect(abs(s.value(xi) - yi) < 1e-14) }
        for xi in x.dropFirst().dropLast() {
            #expect(abs(s.secondDerivative(xi.nextDown) - s.secondDerivative(xi.nextUp)) < 1e-9)
            #expect(abs(s.derivative(xi.nextDown) - s.derivative(xi.nextUp)) < 1e-9)
        }
        for t in stride(from: 0, through: 2 * Double.pi, by: 0.0173) {
            #expect(abs(s.value(t) - f(t)) < 1e-7)
            #expect(abs(s.derivative(t) - cos(t + 1)) < (uniform ? 1e-5 : 3e-5))
            #expect(abs(s.secondDerivative(t) + f(t)) < 2e-3, "L″ at \(t)")
            #expect(abs(s.thirdDerivative(t) + cos(t + 1)) < (uniform ? 0.05 : 0.1))
        }
        // Beyond the rows: the quadratic with the end row's value, slope and curvature (C²).
        let (end, d) = (x[n - 1], 1.0)
        #expect(abs(s.value(end + d) - (s.value(end) + s.derivative(end) * d + 0.5 * s.curvatures[n - 1] * d * d)) < 1e-12)
        #expect(abs(s.derivative(end.nextUp) - s.derivative(end.nextDown)) < 1e-9)
        #expect(s.secondDerivative(end + d) == s.curvatures[n - 1] && s.secondDerivative(-1) == s.curvatures[0])
        #expect(s.thirdDerivative(-1) == 0)
    }

    /// quartic:barrier=1 sampled at 201 points: minima ±1 and saddle 0, their curvatures 8 and
    /// −4 within the spline's O(h²) (h = 0.02), the inflections ±1/√3 found.
    @Test func sampledQuarticHasTheQuarticsGeometry() throws {
        let quartic = try QuarticLandscape(barrier: 1)
        let path = try tableFile("geometry", loss: quartic.value)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let model = try LandscapeSpec.parse("table:file=\(path)")
        let table = try #require(model.landscape as? TableLandscape)
        #expect(table.criticalPoints.map(\.kind) == [.minimum, .saddle, .minimum])
        for (p, q) in zip(table.criticalPoints, quartic.criticalPoints) {
            #expect(abs(p.x - q.x) < 1e-6 && abs(p.value - q.value) < 1e-8)
            #expect(abs(p.curvature / q.curvature - 1) < 2e-3, "\(p.curvature) vs \(q.curvature)")
        }
        #expect(zip(table.curvatureSignChanges, quartic.curvatureSignChanges).allSatisfy { abs($0 - $1) < 1e-3 })
        #expect(table.curvatureSignChanges.count == 2 && table.measuredLogVariance == nil)
        #expect(model.spec == "table:file=\(path)")
        #expect(try LandscapeSpec.parse(model.spec) == model)
    }

    /// A measured C column is splined as ln C: through every row, positive in between, and
    /// read at −x on the mirrored landscape.
    @Test func measuredVarianceFollowsTheColumn() throws {
        let path = try tableFile("variance", loss: { ($0 * $0 - 1) * ($0 * $0 - 1) }, variance: { 1 + $0 * $0 })
        defer { try? FileManager.default.removeItem(atPath: path) }
        let table = try #require(try LandscapeSpec.parse("table:file=\(path)").landscape as? TableLandscape)
        let measured = try #require(table.measuredLogVariance)
        #expect(!measured.mirrored && OrientedLandscape(table, mirrored: true).measuredLogVariance?.mirrored == true
                && OrientedLandscape(table, mirrored: false).measuredLogVariance?.mirrored == false)
        for x in stride(from: -1.9, through: 1.9, by: 0.077) {
            #expect(abs(exp(measured.spline.value(x)) / (1 + x * x) - 1) < 1e-6)
        }
    }

    /// Bad files are refused with the file and line named, before anything runs.
    @Test(arguments: [
        ("x,loss\n0,1\n1,0\n1,2\n", "line 4"),                       // x not increasing
        ("x,loss\n0,1\n1,zero\n", "line 3"),                          // not a number
        ("x,loss,C\n0,1,1\n1,0,-2\n", "line 3"),                      // C ≤ 0
        ("0,1\n1,0,3\n", "line 2"),                                   // ragged columns
        ("x,loss\n0,1\n1,nan\n", "line 3"),                           // not finite
        ("x,y\n0,1\n", "line 1"),                                     // unknown header
        ("x,loss\n0,1\n1,0\n2,1\n", "file"),                          // too few rows
    ])
    func badFilesAreRefusedNamingTheLine(text: String, parameter: String) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("table-bad-\(getpid())-\(text.hashValue).csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            _ = try LandscapeSpec.parse("table:file=\(path)")
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.parameter.contains(parameter), "\(error)")
        }
    }

    @Test func missingFilesAndBadSpecsAreRefused() {
        for spec in ["table:file=/nonexistent.csv", "table:file=/", "table:", "table:file=", "table:path=x.csv",
                     "table:file=a.csv,file=b.csv"] {
            #expect(throws: InvalidParameter.self, "\(spec)") { try LandscapeSpec.parse(spec) }
        }
    }
}

@Suite("Hessian spectra from files")
struct SpectrumFileTests {
    static func write(_ text: String, _ name: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("spectrum-\(name)-\(getpid()).txt").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// `spectators=@PATH` is the same landscape as the inline list.
    @Test func aSpectrumFileIsTheInlineList() throws {
        let path = try Self.write("# eigenvalues at the minimum\n1\n\n10\n100\n", "good")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let fromFile = try LandscapeSpec.parseND("separable:base=pq,ha=4,hb=2,barrier=0.5,spectators=@\(path)")
        let inline = try LandscapeSpec.parseND("separable:base=pq,ha=4,hb=2,barrier=0.5,spectators=1;10;100")
        #expect(fromFile.dimension == 4 && fromFile.separableParts?.spectators == inline.separableParts?.spectators)
    }

    @Test(arguments: [("1\n-0.5\n", "line 2"), ("1\nten\n", "line 2"), ("# nothing\n", "spectators"), ("0\n", "line 1")])
    func badSpectraAreRefusedNamingTheLine(text: String, parameter: String) throws {
        let path = try Self.write(text, "bad-\(text.hashValue)")
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            _ = try LandscapeSpec.parseND("separable:base=quartic,barrier=1,spectators=@\(path)")
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.parameter.contains(parameter), "\(error)")
        }
        #expect(throws: InvalidParameter.self) { try LandscapeSpec.parseND("separable:base=quartic,barrier=1,spectators=@/nonexistent") }
    }
}
