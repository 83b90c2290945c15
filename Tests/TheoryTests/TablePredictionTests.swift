import Dynamics
import Foundation
import Landscapes
import NumericKit
import Testing
@testable import Theory

/// Predictions on `table:` landscapes against the analytic family they were sampled from.
@Suite("Predictions on tabulated landscapes")
struct TablePredictionTests {
    /// quartic:barrier=1 at `rows` points on [lower, upper], with C = √(L″² + 1) as the third column.
    static func write(_ name: String, lower: Double, upper: Double, rows: Int) -> String {
        let quartic = try! QuarticLandscape(barrier: 1)
        let lines = (0..<rows).map { i -> String in
            let x = lower + (upper - lower) * Double(i) / Double(rows - 1)
            let h = quartic.secondDerivative(x)
            return "\(x),\(quartic.value(x)),\((h * h + 1).squareRoot())"
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("table-\(name)-\(getpid()).csv").path
        try! (["x,loss,C"] + lines).joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The issue's table: quartic:barrier=1 at 201 points on [−2, 2].
    static let path = write("quartic", lower: -2, upper: 2, rows: 201)

    /// The issue's acceptance: the sampled quartic reproduces the quartic's exact MFPT within
    /// 0.5% — for isotropic and hessian noise, SGD and the adaptive optimizers, from either well.
    /// (Measured: ≤ 0.07%, InvAdam's the largest: its effective potential rises slowly in the sharp
    /// walls, so weight beyond the rows, where L is extrapolated, counts.)
    @Test(arguments: [
        (OptimizerKind.sgd, NoiseSpec.isotropic(sigma2: 0.4), StartSide.left),
        (.adam, .isotropic(sigma2: 0.4), .left),
        (.sgd, .hessian(batch: 1, floor: 1), .left),
        (.invadam, .hessian(batch: 1, floor: 1), .right),
        (.rmsprop, .hessian(batch: 1, floor: 1), .left),
    ])
    func sampledQuarticReproducesTheExactTime(optimizer: OptimizerKind, noise: NoiseSpec, side: StartSide) throws {
        func predict(_ spec: String) throws -> Prediction {
            try Predictor.predict(EscapeProblem(landscape: LandscapeSpec.parse(spec), side: side, optimizer: optimizer,
                                                noise: noise, learningRate: 0.1))
        }
        let exact = try #require(try predict("quartic:barrier=1").exactTime)
        let table = try #require(try predict("table:file=\(Self.path)").exactTime)
        #expect(abs(table / exact - 1) < 0.005, "\(optimizer) \(noise.name): table \(table) vs quartic \(exact)")
    }

    /// `--noise measured` on the table's C column = √(L″² + 1) is hessian noise with δ = 1.
    @Test(arguments: [StartSide.left, .right])
    func measuredNoiseIsTheColumnItWasSampledFrom(side: StartSide) throws {
        func predict(_ spec: String, _ noise: NoiseSpec) throws -> Prediction {
            try Predictor.predict(EscapeProblem(landscape: LandscapeSpec.parse(spec), side: side, noise: noise, learningRate: 0.1))
        }
        let hessian = try #require(try predict("quartic:barrier=1", .hessian(batch: 1, floor: 1)).exactTime)
        let measured = try #require(try predict("table:file=\(Self.path)", NoiseSpec(MeasuredNoiseModel(batch: 1))).exactTime)
        #expect(abs(measured / hessian - 1) < 0.005, "measured \(measured) vs hessian \(hessian)")
    }

    /// Where the walls are hot (InvAdam with δ = 0.08 at η = 0.5), much of the weight behind the
    /// start lies beyond the rows of [−2, 2]: the prediction says how much, and the time is off
    /// by no more than that; sampled on [−3, 3] less weight lies beyond, and τ moves by less than
    /// the narrow table's stated share. (Both stay ≈ 0.6% from the analytic τ: with δ = 0.08 the
    /// spline's O(h²) error in L″ at the dip of C, not the ends, sets the accuracy here.)
    @Test func weightBeyondTheRowsIsReported() throws {
        func predict(_ spec: String) throws -> Prediction {
            try Predictor.predict(EscapeProblem(landscape: LandscapeSpec.parse(spec), optimizer: .invadam,
                                                noise: .hessian(batch: 1, floor: 0.08), learningRate: 0.5))
        }
        let exact = try #require(try predict("quartic:barrier=1").exactTime)
        let narrow = try predict("table:file=\(Self.path)")
        let note = try #require(narrow.notes.first { $0.hasPrefix("table:") }, "\(narrow.notes)")
        let percent = try #require(Double(note.dropFirst("table: ".count).prefix { $0 != "%" }))
        #expect(percent > 1 && abs(narrow.exactTime! / exact - 1) <= percent / 100)
        let wide = try predict("table:file=\(Self.write("wide", lower: -3, upper: 3, rows: 301))")
        let wideNote = try #require(wide.notes.first { $0.hasPrefix("table:") })
        let widePercent = try #require(Double(wideNote.dropFirst("table: ".count).prefix { $0 != "%" }))
        #expect(widePercent < percent / 2 && abs(wide.exactTime! / narrow.exactTime! - 1) <= percent / 100, "\(widePercent)% vs \(percent)%")
        #expect(abs(wide.exactTime! / exact - 1) <= widePercent / 100)
    }

    /// Measured noise needs the column: refused by name on an analytic landscape.
    @Test func measuredNoiseNeedsATableWithAVarianceColumn() {
        do {
            _ = try EscapeProblem(landscape: LandscapeSpec.parse("quartic:barrier=1"), noise: NoiseSpec(MeasuredNoiseModel(batch: 1)),
                                  learningRate: 0.1)
            Issue.record("measured noise accepted on a quartic")
        } catch {
            #expect(error.parameter == "noise")
        }
    }
}
