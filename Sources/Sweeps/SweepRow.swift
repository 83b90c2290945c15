import Dynamics
import Escape
import Foundation
import NumericKit
import Theory

/// One finished point of a sweep: its parameters, the measurement, every prediction that
/// applies, and how they compare. A tidy row: `table.csv` has one per point.
///
/// Times are SDE time t = steps·η (`…Time`) or optimizer steps (`…Steps`), as everywhere
/// (docs/architecture.md). `agrees` is |measured − reference| ≤ 4·SE + allowance·reference with
/// nothing censored (``Comparison/agrees(_:_:sigmas:allowance:)``). `wallSeconds` is the
/// only field that differs between two runs of the same spec and seed.
public struct SweepRow: Sendable, Equatable, Codable {
    public let index: Int
    public let seed: UInt64
    /// The axis values of the point, by parameter name.
    public let parameters: [String: ParameterValue]
    public let label: String
    // The problem.
    public let landscape: String
    public let dimension: Int
    public let optimizer: String
    public let noise: String
    /// B for hessian/frozen noise.
    public let batch: Double?
    public let learningRate: Double
    public let model: String
    public let dt: Double?
    public let from: String
    // The measurement.
    public let trajectories: Int
    public let escaped: Int
    public let censored: Int
    public let diverged: Int
    public let meanTime: Double?
    public let standardError: Double?
    public let ciLow: Double?
    public let ciHigh: Double?
    public let meanSteps: Double?
    /// The censoring-aware estimate, when anything was censored.
    public let censoredMeanTime: Double?
    public let integratorSteps: Int
    // The predictions.
    /// ΔL = L(saddle) − L(minimum).
    public let barrier: Double
    public let curvatureAtMinimum: Double
    public let curvatureAtSaddle: Double
    /// B/H_a (hessian/frozen noise), the sharpness axis of the theorems.
    public let batchOverCurvature: Double?
    /// ΔL/η, the Arrhenius axis of the theorems.
    public let barrierOverLearningRate: Double
    /// ΔΦ of the reference prediction (nil when none applies).
    public let effectiveBarrier: Double?
    /// The theorems' p (docs/theory.md §0) for this optimizer and noise, when one applies.
    public let theoryExponent: Double?
    public let exactTime: Double?
    public let kramersTime: Double?
    public let eyringKramersTime: Double?
    /// Rough landscapes: Zwanzig's e^{(ε/T)²} times the smooth landscape's exact MFPT (docs/theory.md §9).
    public let zwanzigTime: Double?
    /// Rough landscapes: ε/T, the roughness in units of the effective temperature.
    public let roughness: Double?
    public let referenceTime: Double?
    public let reference: String
    // The comparison.
    public let measuredOverExact: Double?
    public let measuredOverKramers: Double?
    public let measuredOverReference: Double?
    public let kramersOverExact: Double?
    public let zScore: Double?
    public let agrees: Bool
    public let allowance: Double
    // Scheduled DualAdam (docs/theory.md §7).
    public let switchStep: Int?
    public let escapedBySwitch: Double?
    public let escapedBySwitchStandardError: Double?
    public let predictedEscapedBySwitch: Double?
    /// Wall-clock seconds of the point (timing; not part of the result).
    public let wallSeconds: Double

    /// The row of a finished 1-D point.
    public init(point: SweepPoint, problem: EscapeProblem, result: SimulationResult, prediction: Prediction,
                allowance: Double, wallSeconds: Double) {
        let e = result.estimate
        let c = Comparison(estimate: e, prediction: prediction)
        var fraction: (Double, Double, Double)?
        if let h = prediction.hazard {
            // Binomial fraction of all trajectories escaped within the first K optimizer steps.
            let k = Double(h.switchStep) * problem.learningRate / result.timePerStep
            let n = Double(result.outcomes.count)
            let hits = Double(result.outcomes.filter { $0.kind == .escaped && $0.duration <= k }.count)
            let f = hits / n
            fraction = (f, (f * (1 - f) / n).squareRoot(), 1 - h.survival(atSteps: [Double(h.switchStep)])[0])
        }
        self.init(
            point: point, landscape: point.description.landscape, dimension: 1, optimizer: problem.optimizer.rawValue,
            noise: problem.noise.name, batch: problem.noise.batch, learningRate: problem.learningRate, model: result.model, dt: result.dt,
            from: problem.side.rawValue, estimate: e, barrier: prediction.barrier,
            curvatureAtMinimum: prediction.minimum.curvature, curvatureAtSaddle: prediction.saddle.curvature,
            effectiveBarrier: prediction.effectiveBarrier, theoryExponent: prediction.exponent?.p,
            exactTime: prediction.exactTime, kramersTime: prediction.kramersTime, eyringKramersTime: nil,
            zwanzigTime: prediction.zwanzig?.time,
            roughness: prediction.zwanzig.map { $0.amplitude / $0.temperature }, comparison: c, referenceTime: prediction.referenceTime,
            agrees: Comparison.agrees(e, prediction, allowance: allowance), allowance: allowance,
            switchStep: prediction.hazard?.switchStep, fraction: fraction, wallSeconds: wallSeconds)
    }

    /// The row of a finished d-dimensional point (curvatures along the escape direction).
    public init(point: SweepPoint, problem: EscapeProblemND, result: SimulationResult, prediction: PredictionND,
                allowance: Double, wallSeconds: Double) {
        let e = result.estimate
        let c = Comparison(estimate: e, prediction: prediction)
        let effective = prediction.reduction1D?.effectiveBarrier ?? prediction.eyringKramers?.effectiveBarrier
            ?? prediction.heuristic?.effectiveBarrier
        self.init(
            point: point, landscape: point.description.landscape, dimension: problem.dimension,
            optimizer: problem.optimizer.rawValue, noise: problem.noise.name, batch: problem.noise.batch, learningRate: problem.learningRate,
            model: result.model, dt: result.dt, from: "minimum \(problem.startIndex)", estimate: e, barrier: prediction.barrier,
            curvatureAtMinimum: prediction.start.eigenvalues[0], curvatureAtSaddle: prediction.saddle.eigenvalues[0],
            effectiveBarrier: effective, theoryExponent: prediction.reduction1D?.exponent?.p,
            exactTime: prediction.reduction1D?.exactTime, kramersTime: prediction.reduction1D?.kramersTime,
            eyringKramersTime: prediction.eyringKramers?.time, zwanzigTime: nil, roughness: nil, comparison: c, referenceTime: prediction.referenceTime,
            agrees: Comparison.agrees(e, referenceTime: prediction.referenceTime, allowance: allowance),
            allowance: allowance, switchStep: nil, fraction: nil, wallSeconds: wallSeconds)
    }

    private init(point: SweepPoint, landscape: String, dimension: Int, optimizer: String, noise: String, batch: Double?,
                 learningRate: Double, model: String, dt: Double?, from: String, estimate e: EscapeEstimate,
                 barrier: Double, curvatureAtMinimum: Double, curvatureAtSaddle: Double, effectiveBarrier: Double?,
                 theoryExponent: Double?, exactTime: Double?, kramersTime: Double?, eyringKramersTime: Double?,
                 zwanzigTime: Double?, roughness: Double?, comparison c: Comparison, referenceTime: Double?, agrees: Bool, allowance: Double,
                 switchStep: Int?, fraction: (Double, Double, Double)?, wallSeconds: Double) {
        index = point.index
        seed = point.seed
        parameters = Dictionary(point.parameters.map { ($0.name, $0.value) }, uniquingKeysWith: { $1 })
        label = point.label
        self.landscape = landscape
        self.dimension = dimension
        self.optimizer = optimizer
        self.noise = noise
        self.batch = batch
        self.learningRate = learningRate
        self.model = model
        self.dt = dt
        self.from = from
        trajectories = e.trajectories
        escaped = e.escaped
        censored = e.censored
        diverged = e.diverged
        meanTime = e.meanTime
        standardError = e.standardError
        ciLow = e.ci95?[0]
        ciHigh = e.ci95?[1]
        meanSteps = e.meanSteps
        censoredMeanTime = e.censoredEstimate?.meanTime
        integratorSteps = e.integratorSteps
        self.barrier = barrier
        self.curvatureAtMinimum = curvatureAtMinimum
        self.curvatureAtSaddle = curvatureAtSaddle
        batchOverCurvature = batch.map { $0 / curvatureAtMinimum }
        barrierOverLearningRate = barrier / learningRate
        self.effectiveBarrier = effectiveBarrier
        self.theoryExponent = theoryExponent
        self.exactTime = exactTime
        self.kramersTime = kramersTime
        self.eyringKramersTime = eyringKramersTime
        self.zwanzigTime = zwanzigTime
        self.roughness = roughness
        self.referenceTime = referenceTime
        reference = c.reference
        measuredOverExact = c.measuredOverExact
        measuredOverKramers = c.measuredOverKramers
        measuredOverReference = c.measuredOverReference
        kramersOverExact = kramersTime.flatMap { k in exactTime.map { k / $0 } }
        zScore = c.zScore
        self.agrees = agrees
        self.allowance = allowance
        self.switchStep = switchStep
        escapedBySwitch = fraction?.0
        escapedBySwitchStandardError = fraction?.1
        predictedEscapedBySwitch = fraction?.2
        self.wallSeconds = wallSeconds
    }

    /// The fixed CSV columns, after one column per axis parameter.
    public static let fixedColumns = [
        "index", "seed", "label", "landscape", "dimension", "optimizer", "noise", "batch", "learningRate", "model", "dt",
        "from", "trajectories", "escaped", "censored", "diverged", "meanTime", "standardError", "ciLow", "ciHigh",
        "meanSteps", "censoredMeanTime", "integratorSteps", "barrier", "curvatureAtMinimum", "curvatureAtSaddle",
        "batchOverCurvature", "barrierOverLearningRate", "effectiveBarrier", "theoryExponent", "exactTime", "kramersTime",
        "eyringKramersTime", "zwanzigTime", "roughness", "referenceTime", "reference", "measuredOverExact", "measuredOverKramers",
        "measuredOverReference", "kramersOverExact", "zScore", "agrees", "allowance", "switchStep", "escapedBySwitch",
        "escapedBySwitchStandardError", "predictedEscapedBySwitch", "wallSeconds",
    ]

    /// The cells of ``fixedColumns`` (numbers in shortest round-trip form, empty when absent).
    public var fixedCells: [String] {
        func n(_ x: Double?) -> String { x.map { "\($0)" } ?? "" }
        func i(_ x: Int?) -> String { x.map { "\($0)" } ?? "" }
        return [
            "\(index)", "\(seed)", label, landscape, "\(dimension)", optimizer, noise, n(batch), n(learningRate), model, n(dt),
            from, "\(trajectories)", "\(escaped)", "\(censored)", "\(diverged)", n(meanTime), n(standardError), n(ciLow),
            n(ciHigh), n(meanSteps), n(censoredMeanTime), "\(integratorSteps)", n(barrier), n(curvatureAtMinimum),
            n(curvatureAtSaddle), n(batchOverCurvature), n(barrierOverLearningRate), n(effectiveBarrier), n(theoryExponent),
            n(exactTime), n(kramersTime), n(eyringKramersTime), n(zwanzigTime), n(roughness), n(referenceTime), reference, n(measuredOverExact),
            n(measuredOverKramers), n(measuredOverReference), n(kramersOverExact), n(zScore), agrees ? "true" : "false",
            n(allowance), i(switchStep), n(escapedBySwitch), n(escapedBySwitchStandardError), n(predictedEscapedBySwitch),
            n(wallSeconds),
        ]
    }
}
