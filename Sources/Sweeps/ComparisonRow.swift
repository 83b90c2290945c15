import Dynamics
import Escape
import Foundation
import NumericKit
import Theory

/// One point of a table: the problem's parameters, the measurement, every prediction,
/// and how they compare. Written to CSV (tidy: one row per point) and JSON.
public struct ComparisonRow: Sendable, Equatable, Codable {
    public let label: String
    /// Why the point is in the table (`agreement`, `dt-study`, …).
    public let purpose: String
    public let landscape: String
    public let optimizer: String
    public let noise: String
    public let learningRate: Double
    public let model: String
    public let dt: Double?
    public let seed: UInt64
    public let trajectories: Int
    public let escaped: Int
    public let censored: Int
    public let diverged: Int
    public let meanTime: Double?
    public let standardError: Double?
    public let ciLow: Double?
    public let ciHigh: Double?
    public let meanSteps: Double?
    public let exactTime: Double?
    public let kramersTime: Double?
    public let effectiveBarrier: Double
    public let measuredOverExact: Double?
    public let measuredOverKramers: Double?
    public let zScore: Double?
    /// Whether |measured − exact| ≤ 4·SE + allowance·exact.
    public let agrees: Bool
    public let allowance: Double

    public init(label: String, problem: EscapeProblem, result: SimulationResult, prediction: Prediction, allowance: Double,
                purpose: String = "agreement") {
        let e = result.estimate
        let c = Comparison(estimate: e, prediction: prediction)
        self.label = label
        self.purpose = purpose
        landscape = problem.landscape.landscape.spec
        optimizer = problem.optimizer.rawValue
        noise = problem.noise.name
        learningRate = problem.learningRate
        model = result.model
        dt = result.dt
        seed = result.options.seed
        trajectories = e.trajectories
        escaped = e.escaped
        censored = e.censored
        diverged = e.diverged
        meanTime = e.meanTime
        standardError = e.standardError
        ciLow = e.ci95?[0]
        ciHigh = e.ci95?[1]
        meanSteps = e.meanSteps
        exactTime = prediction.exactTime
        kramersTime = prediction.kramersTime
        effectiveBarrier = prediction.effectiveBarrier
        measuredOverExact = c.measuredOverExact
        measuredOverKramers = c.measuredOverKramers
        zScore = c.zScore
        agrees = Comparison.agrees(e, prediction, sigmas: 4, allowance: allowance)
        self.allowance = allowance
    }

    /// CSV header, in field order.
    public static let csvHeader = [
        "label", "purpose", "landscape", "optimizer", "noise", "learningRate", "model", "dt", "seed", "trajectories", "escaped",
        "censored", "diverged", "meanTime", "standardError", "ciLow", "ciHigh", "meanSteps", "exactTime", "kramersTime",
        "effectiveBarrier", "measuredOverExact", "measuredOverKramers", "zScore", "agrees", "allowance",
    ]

    /// The row's CSV cells (numbers in shortest round-trip form, empty when absent).
    public var csvCells: [String] {
        func n(_ x: Double?) -> String { x.map { "\($0)" } ?? "" }
        return [label, purpose, landscape, optimizer, noise, n(learningRate), model, n(dt), "\(seed)", "\(trajectories)",
                "\(escaped)", "\(censored)", "\(diverged)", n(meanTime), n(standardError), n(ciLow), n(ciHigh),
                n(meanSteps), n(exactTime), n(kramersTime), n(effectiveBarrier), n(measuredOverExact),
                n(measuredOverKramers), n(zScore), agrees ? "true" : "false", n(allowance)]
    }
}
