import Dynamics
import Ensembles
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
    /// The learning-rate schedule (docs/theory.md §14); nil (an empty cell) for a constant rate.
    public let lrSchedule: String?
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
    /// Loss noise: L_saddle/L_min, the power law's τ and exponent, and the Arrhenius form's τ (docs/theory.md §13).
    public let lossRatio: Double?
    public let powerLawExponent: Double?
    public let powerLawTime: Double?
    public let arrheniusTime: Double?
    /// α-stable noise: the tail index, and with α < 2 the jump law's width d, time and whether
    /// its validity condition holds (docs/theory.md §15).
    public let alpha: Double?
    public let jumpWidth: Double?
    public let jumpTime: Double?
    public let jumpValid: Bool?
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
    // Scheduled DualAdam and learning-rate schedules (docs/theory.md §7, §14): the fraction escaped by the horizon step.
    public let horizonStep: Int?
    public let escapedByHorizon: Double?
    public let escapedByHorizonStandardError: Double?
    public let predictedEscapedByHorizon: Double?
    /// Wall-clock seconds of the point (timing; not part of the result).
    public let wallSeconds: Double

    /// The row of a finished point (``ComparedEscape``); in d dimensions the curvatures are
    /// the smallest Hessian eigenvalue at the minimum and the unstable one at the saddle, the
    /// barrier is along the escape direction and "exact"/"Kramers" are the 1-D reduction's.
    public init(point: SweepPoint, compared run: ComparedEscape, allowance: Double, wallSeconds: Double) {
        let horizonFraction = run.escapedByHorizon
        self.init(point: point, problem: ProblemColumns(run.predicted), model: run.result.model, dt: run.result.dt,
                  measured: Measured(run.estimate, method: point.method.name), comparison: run.comparison,
                  agrees: run.agrees(allowance: allowance), allowance: allowance, horizonStep: horizonFraction?.horizonStep,
                  fraction: horizonFraction.map { ($0.measured, $0.standardError, $0.predicted) }, wallSeconds: wallSeconds)
    }

    /// The row of a point measured by splitting (1-D or d-dimensional).
    public init(point: SweepPoint, split run: SplitEscape, allowance: Double, wallSeconds: Double) {
        let problem = ProblemColumns(run.predicted)
        self.init(point: point, problem: problem, model: problem.model, dt: problem.model == "discrete" ? nil : run.result.dt,
                  measured: Measured(run), comparison: run.comparison, agrees: run.agrees(allowance: allowance), allowance: allowance,
                  horizonStep: nil, fraction: nil, wallSeconds: wallSeconds)
    }

    /// The problem's and its prediction's columns, in 1-D or d dimensions.
    private struct ProblemColumns {
        var dimension: Int
        var optimizer: String
        var noise: NoiseSpec
        var model: String
        var learningRate: Double
        var schedule: String?
        var from: String
        var barrier, curvatureAtMinimum, curvatureAtSaddle: Double
        var effectiveBarrier, theoryExponent, exactTime, kramersTime, eyringKramersTime, referenceTime: Double?
        var zwanzig: ZwanzigPrediction?
        var powerLaw: PowerLawPrediction?
        var jump: JumpEscapePrediction?

        init(_ predicted: PredictedEscape) {
            switch predicted.problem {
            case .oneDimensional(let p): (dimension, noise, model, schedule) = (1, p.noise, p.model.name, p.schedule.isConstant ? nil : p.schedule.description)
            case .multiDimensional(let p): (dimension, noise, model, schedule) = (p.dimension, p.noise, p.model.name, nil)
            }
            (optimizer, learningRate, from) = (predicted.optimizer, predicted.learningRate, predicted.from)
            let prediction = predicted.prediction
            switch prediction {
            case .oneDimensional(let p):
                (barrier, curvatureAtMinimum, curvatureAtSaddle, theoryExponent) = (p.barrier, p.minimum.curvature, p.saddle.curvature, p.exponent?.p)
                (kramersTime, eyringKramersTime, zwanzig, powerLaw) = (p.kramersTime, nil, p.zwanzig, p.powerLaw)
                jump = p.jumpEscape
            case .multiDimensional(let p):
                (barrier, curvatureAtMinimum, curvatureAtSaddle) = (p.barrier, p.start.eigenvalues[0], p.saddle.eigenvalues[0])
                theoryExponent = p.reduction1D?.exponent?.p
                (kramersTime, eyringKramersTime, zwanzig) = (p.reduction1D?.kramersTime, p.eyringKramers?.time, nil)
            }
            (effectiveBarrier, exactTime, referenceTime) = (prediction.effectiveBarrier, prediction.exactTime, prediction.referenceTime)
            if jump != nil { effectiveBarrier = nil }   // the jump law has no ΔΦ (that of the Gaussian member is not the reference's)
        }
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

    private init(point: SweepPoint, problem q: ProblemColumns, model: String, dt: Double?, measured m: Measured,
                 comparison c: Comparison, agrees: Bool, allowance: Double, horizonStep: Int?, fraction: (Double, Double, Double)?,
                 wallSeconds: Double) {
        index = point.index
        seed = point.seed
        parameters = Dictionary(point.parameters.map { ($0.name, $0.value) }, uniquingKeysWith: { $1 })
        label = point.label
        landscape = point.description.landscape
        (dimension, optimizer, noise, batch) = (q.dimension, q.optimizer, q.noise.name, q.noise.batch)
        (learningRate, self.model, self.dt, from) = (q.learningRate, model, dt, q.from)
        lrSchedule = q.schedule
        method = m.method
        (trajectories, escaped, censored, diverged) = (m.trajectories, m.escaped, m.censored, m.diverged)
        (meanTime, standardError, ciLow, ciHigh, meanSteps) = (m.meanTime, m.standardError, m.ciLow, m.ciHigh, m.meanSteps)
        censoredMeanTime = m.censoredMeanTime
        integratorSteps = m.integratorSteps
        (escapeProbability, escapeProbabilityStandardError, bruteForceSteps) = (m.escapeProbability, m.escapeProbabilityStandardError, m.bruteForceSteps)
        (barrier, curvatureAtMinimum, curvatureAtSaddle) = (q.barrier, q.curvatureAtMinimum, q.curvatureAtSaddle)
        batchOverCurvature = q.noise.batch.map { $0 / q.curvatureAtMinimum }
        barrierOverLearningRate = q.barrier / q.learningRate
        (effectiveBarrier, theoryExponent, exactTime, referenceTime) = (q.effectiveBarrier, q.theoryExponent, q.exactTime, q.referenceTime)
        (kramersTime, eyringKramersTime) = (q.kramersTime, q.eyringKramersTime)
        zwanzigTime = q.zwanzig?.time
        roughness = q.zwanzig.map { $0.amplitude / $0.temperature }
        (lossRatio, powerLawExponent) = (q.powerLaw?.lossRatio, q.powerLaw?.exponent)
        (powerLawTime, arrheniusTime) = (q.powerLaw?.time, q.powerLaw?.arrheniusTime)
        alpha = q.noise[.alpha]
        (jumpWidth, jumpTime, jumpValid) = (q.jump?.width, q.jump?.meanTime, q.jump?.isValid)
        reference = c.reference
        measuredOverExact = c.measuredOverExact
        measuredOverKramers = c.measuredOverKramers
        measuredOverReference = c.measuredOverReference
        kramersOverExact = q.kramersTime.flatMap { k in q.exactTime.map { k / $0 } }
        zScore = c.zScore
        self.agrees = agrees
        self.allowance = allowance
        self.horizonStep = horizonStep
        escapedByHorizon = fraction?.0
        escapedByHorizonStandardError = fraction?.1
        predictedEscapedByHorizon = fraction?.2
        self.wallSeconds = wallSeconds
    }

    /// The fixed CSV columns, after one column per axis parameter.
    public static let fixedColumns = [
        "index", "seed", "label", "landscape", "dimension", "optimizer", "noise", "batch", "learningRate", "lrSchedule", "model", "dt",
        "from", "method", "trajectories", "escaped", "censored", "diverged", "meanTime", "standardError", "ciLow", "ciHigh",
        "meanSteps", "censoredMeanTime", "integratorSteps", "escapeProbability", "escapeProbabilityStandardError",
        "bruteForceSteps", "barrier", "curvatureAtMinimum", "curvatureAtSaddle",
        "batchOverCurvature", "barrierOverLearningRate", "effectiveBarrier", "theoryExponent", "exactTime", "kramersTime",
        "eyringKramersTime", "zwanzigTime", "roughness", "lossRatio", "powerLawExponent", "powerLawTime", "arrheniusTime", "alpha", "jumpWidth", "jumpTime", "jumpValid", "referenceTime", "reference", "measuredOverExact", "measuredOverKramers",
        "measuredOverReference", "kramersOverExact", "zScore", "agrees", "allowance", "horizonStep", "escapedByHorizon",
        "escapedByHorizonStandardError", "predictedEscapedByHorizon", "wallSeconds",
    ]

    /// The cells of ``fixedColumns`` (numbers in shortest round-trip form, empty when absent).
    public var fixedCells: [String] {
        func n(_ x: Double?) -> String { x.map { "\($0)" } ?? "" }
        func i(_ x: Int?) -> String { x.map { "\($0)" } ?? "" }
        return [
            "\(index)", "\(seed)", label, landscape, "\(dimension)", optimizer, noise, n(batch), n(learningRate), lrSchedule ?? "", model, n(dt),
            from, method ?? "brute", i(trajectories), i(escaped), i(censored), i(diverged), n(meanTime), n(standardError), n(ciLow),
            n(ciHigh), n(meanSteps), n(censoredMeanTime), "\(integratorSteps)", n(escapeProbability), n(escapeProbabilityStandardError),
            n(bruteForceSteps), n(barrier), n(curvatureAtMinimum),
            n(curvatureAtSaddle), n(batchOverCurvature), n(barrierOverLearningRate), n(effectiveBarrier), n(theoryExponent),
            n(exactTime), n(kramersTime), n(eyringKramersTime), n(zwanzigTime), n(roughness), n(lossRatio), n(powerLawExponent),
            n(powerLawTime), n(arrheniusTime), n(alpha), n(jumpWidth), n(jumpTime), jumpValid.map { $0 ? "true" : "false" } ?? "",
            n(referenceTime), reference, n(measuredOverExact),
            n(measuredOverKramers), n(measuredOverReference), n(kramersOverExact), n(zScore), agrees ? "true" : "false",
            n(allowance), i(horizonStep), n(escapedByHorizon), n(escapedByHorizonStandardError), n(predictedEscapedByHorizon),
            n(wallSeconds),
        ]
    }
}
