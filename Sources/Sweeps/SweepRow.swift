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
///
/// A point measured by splitting (`method` `ams`, ``SplitEscape``) has no trajectories: its
/// trajectory counts and censored mean are absent, `integratorSteps` counts the chain steps,
/// and `escapeProbability` (p, with its SE) and `bruteForceSteps` (what brute force would
/// take for the same error bar) are present.
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
    /// `brute` or `ams` (``EscapeMethod``); absent in rows written before splitting, which are brute force.
    public let method: String?
    // The measurement.
    public let trajectories: Int?
    public let escaped: Int?
    public let censored: Int?
    public let diverged: Int?
    public let meanTime: Double?
    public let standardError: Double?
    public let ciLow: Double?
    public let ciHigh: Double?
    public let meanSteps: Double?
    /// The censoring-aware estimate, when anything was censored.
    public let censoredMeanTime: Double?
    public let integratorSteps: Int
    /// Splitting: p = P(escape point before home | entrance) and its SE; the brute-force steps
    /// for the same relative error.
    public let escapeProbability: Double?
    public let escapeProbabilityStandardError: Double?
    public let bruteForceSteps: Double?
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

    /// The row of a finished point (``ComparedEscape``); in d dimensions the curvatures are
    /// along the escape direction and "exact"/"Kramers" are the 1-D reduction's.
    public init(point: SweepPoint, compared run: ComparedEscape, allowance: Double, wallSeconds: Double) {
        let dimension: Int, optimizer: OptimizerKind, noise: NoiseSpec
        switch run.predicted.problem {
        case .oneDimensional(let p): (dimension, optimizer, noise) = (1, p.optimizer, p.noise)
        case .multiDimensional(let p): (dimension, optimizer, noise) = (p.dimension, p.optimizer, p.noise)
        }
        let barrier: Double, curvatures: (minimum: Double, saddle: Double), exponent: Double?
        let kramersTime: Double?, eyringKramersTime: Double?, zwanzig: ZwanzigPrediction?
        switch run.prediction {
        case .oneDimensional(let p):
            (barrier, curvatures, exponent) = (p.barrier, (p.minimum.curvature, p.saddle.curvature), p.exponent?.p)
            (kramersTime, eyringKramersTime, zwanzig) = (p.kramersTime, nil, p.zwanzig)
        case .multiDimensional(let p):
            (barrier, curvatures, exponent) = (p.barrier, (p.start.eigenvalues[0], p.saddle.eigenvalues[0]), p.reduction1D?.exponent?.p)
            (kramersTime, eyringKramersTime, zwanzig) = (p.reduction1D?.kramersTime, p.eyringKramers?.time, nil)
        }
        let switchFraction = run.escapedBySwitch
        self.init(
            point: point, landscape: point.description.landscape, dimension: dimension, optimizer: optimizer.rawValue,
            noise: noise.name, batch: noise.batch, learningRate: run.predicted.learningRate, model: run.result.model, dt: run.result.dt,
            from: run.predicted.from, measured: Measured(run.estimate, method: point.method.name), barrier: barrier,
            curvatureAtMinimum: curvatures.minimum, curvatureAtSaddle: curvatures.saddle,
            effectiveBarrier: run.prediction.effectiveBarrier, theoryExponent: exponent,
            exactTime: run.prediction.exactTime, kramersTime: kramersTime, eyringKramersTime: eyringKramersTime,
            zwanzigTime: zwanzig?.time, roughness: zwanzig.map { $0.amplitude / $0.temperature }, comparison: run.comparison,
            referenceTime: run.prediction.referenceTime, agrees: run.agrees(allowance: allowance), allowance: allowance,
            switchStep: switchFraction?.switchStep,
            fraction: switchFraction.map { ($0.measured, $0.standardError, $0.predicted) }, wallSeconds: wallSeconds)
    }

    /// The row of a point measured by splitting (1-D only).
    public init(point: SweepPoint, split run: SplitEscape, allowance: Double, wallSeconds: Double) {
        let (p, result) = (run.prediction, run.result)
        let noise: NoiseSpec, model: String
        switch run.predicted.problem {
        case .oneDimensional(let problem): (noise, model) = (problem.noise, problem.model.name)
        case .multiDimensional(let problem): (noise, model) = (problem.noise, "sde")  // refused by SplitEscape; kept total
        }
        self.init(
            point: point, landscape: point.description.landscape, dimension: 1, optimizer: run.predicted.optimizer,
            noise: noise.name, batch: noise.batch, learningRate: run.predicted.learningRate, model: model, dt: model == "discrete" ? nil : result.dt,
            from: run.predicted.from, measured: Measured(run), barrier: p.barrier,
            curvatureAtMinimum: p.minimum.curvature, curvatureAtSaddle: p.saddle.curvature,
            effectiveBarrier: p.effectiveBarrier, theoryExponent: p.exponent?.p,
            exactTime: p.exactTime, kramersTime: p.kramersTime, eyringKramersTime: nil,
            zwanzigTime: p.zwanzig?.time, roughness: p.zwanzig.map { $0.amplitude / $0.temperature }, comparison: run.comparison,
            referenceTime: p.referenceTime, agrees: run.agrees(allowance: allowance), allowance: allowance,
            switchStep: nil, fraction: nil, wallSeconds: wallSeconds)
    }

    /// What was measured, by either method.
    private struct Measured {
        var method: String
        var trajectories, escaped, censored, diverged: Int?
        var meanTime, standardError, ciLow, ciHigh, meanSteps, censoredMeanTime: Double?
        var integratorSteps: Int
        var escapeProbability, escapeProbabilityStandardError, bruteForceSteps: Double?

        init(_ e: EscapeEstimate, method: String) {
            self.method = method
            (trajectories, escaped, censored, diverged) = (e.trajectories, e.escaped, e.censored, e.diverged)
            (meanTime, standardError, ciLow, ciHigh, meanSteps) = (e.meanTime, e.standardError, e.ci95?[0], e.ci95?[1], e.meanSteps)
            censoredMeanTime = e.censoredEstimate?.meanTime
            integratorSteps = e.integratorSteps
        }

        init(_ run: SplitEscape) {
            let (r, e) = (run.result, run.result.estimate)
            method = "ams"
            (meanTime, standardError, ciLow, ciHigh) = (r.meanTime, r.standardError, r.ci95[0], r.ci95[1])
            meanSteps = r.meanTime / run.predicted.learningRate
            integratorSteps = e.steps
            (escapeProbability, escapeProbabilityStandardError, bruteForceSteps) = (e.probability, e.probabilityStandardError, e.bruteForceSteps)
        }
    }

    private init(point: SweepPoint, landscape: String, dimension: Int, optimizer: String, noise: String, batch: Double?,
                 learningRate: Double, model: String, dt: Double?, from: String, measured m: Measured,
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
        method = m.method
        (trajectories, escaped, censored, diverged) = (m.trajectories, m.escaped, m.censored, m.diverged)
        (meanTime, standardError, ciLow, ciHigh, meanSteps) = (m.meanTime, m.standardError, m.ciLow, m.ciHigh, m.meanSteps)
        censoredMeanTime = m.censoredMeanTime
        integratorSteps = m.integratorSteps
        (escapeProbability, escapeProbabilityStandardError, bruteForceSteps) = (m.escapeProbability, m.escapeProbabilityStandardError, m.bruteForceSteps)
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
        "from", "method", "trajectories", "escaped", "censored", "diverged", "meanTime", "standardError", "ciLow", "ciHigh",
        "meanSteps", "censoredMeanTime", "integratorSteps", "escapeProbability", "escapeProbabilityStandardError",
        "bruteForceSteps", "barrier", "curvatureAtMinimum", "curvatureAtSaddle",
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
            from, method ?? "brute", i(trajectories), i(escaped), i(censored), i(diverged), n(meanTime), n(standardError), n(ciLow),
            n(ciHigh), n(meanSteps), n(censoredMeanTime), "\(integratorSteps)", n(escapeProbability), n(escapeProbabilityStandardError),
            n(bruteForceSteps), n(barrier), n(curvatureAtMinimum),
            n(curvatureAtSaddle), n(batchOverCurvature), n(barrierOverLearningRate), n(effectiveBarrier), n(theoryExponent),
            n(exactTime), n(kramersTime), n(eyringKramersTime), n(zwanzigTime), n(roughness), n(referenceTime), reference, n(measuredOverExact),
            n(measuredOverKramers), n(measuredOverReference), n(kramersOverExact), n(zScore), agrees ? "true" : "false",
            n(allowance), i(switchStep), n(escapedBySwitch), n(escapedBySwitchStandardError), n(predictedEscapedBySwitch),
            n(wallSeconds),
        ]
    }
}
