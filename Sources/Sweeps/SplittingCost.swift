import Dynamics
import Escape
import Foundation
import NumericKit
import RareEvents
import Theory

/// What a splitting run (``EscapeSplitting``) will cost, from the prediction, before it starts.
/// Each of R runs simulates L loops (home → entrance → home, each ≈ c_loop relaxation times
/// t_r) and then AMS: N first segments and ≈ N·ln(1/p)/k more (one per iteration; Cérou &
/// Guyader 2007), each ≈ c_seg·t_r, with p ≈ c_loop·t_r/τ_ref the chance an excursion escapes.
/// In chain steps of Δt:
///
///     steps ≈ R·[L·c_loop + N·(1 + ln(1/p)/k)·c_seg]·t_r/Δt,
///
/// with t_r = 1/(P·|L″|) at the minimum (SDE time); in d dimensions t_r = 1/k_n, the escape
/// coordinate's relaxation time (``EscapeCoordinateScales``), and each step counts as
/// ``StepScalesND/workPerStep`` 1-D steps. c_loop = 11 and c_seg = 3.7 were measured at the
/// default levels (home ½, entrance 2 well widths) on the quartic at ΔΦ = 25 (docs/rare-events.md);
/// the model is a guard against hour-long runs, good to a factor of a few, not a prediction.
/// A run above ``CostEstimate/limitSteps`` of work is refused unless forced, as brute force is.
public struct SplittingCost: Sendable, Equatable {
    /// Relaxation times per loop and per AMS path segment at the default levels.
    public static let loopRelaxations = 11.0
    public static let segmentRelaxations = 3.7

    /// t_r/Δt: chain steps per relaxation time.
    public let stepsPerRelaxation: Double
    /// The p the model expects, and the AMS iterations per run it implies.
    public let probability: Double
    public let iterationsPerRun: Double
    public let runs: Int
    public let loops: Int
    public let replicas: Int
    /// One chain step's cost in 1-D steps (1 in 1-D).
    public let workPerStep: Double

    public init(problem: EscapeProblem, prediction: Prediction, options: EscapeSplitting.Options) throws {
        let relaxation = prediction.validity.relaxationSteps * problem.learningRate
        try self.init(relaxation: relaxation, timePerStep: try EscapeSimulation.timePerStep(problem), workPerStep: 1,
                      logReferenceTime: prediction.logReferenceTime, options: options)
    }

    /// A d-dimensional run (``EscapeSplittingND``): t_r, Δt and a step's cost from
    /// ``EscapeProblemND/stepScales()``.
    public init(problem: EscapeProblemND, prediction: PredictionND, options: EscapeSplitting.Options) throws {
        let scales = try problem.stepScales()
        try self.init(relaxation: scales.relaxationTime, timePerStep: scales.timePerStep, workPerStep: scales.workPerStep,
                      logReferenceTime: prediction.logReferenceTime, options: options)
    }

    init(relaxation: Double, timePerStep: Double, workPerStep: Double, logReferenceTime: Double,
         options: EscapeSplitting.Options) throws {
        stepsPerRelaxation = relaxation / timePerStep
        probability = min(0.5, Self.loopRelaxations * relaxation / exp(logReferenceTime))
        iterationsPerRun = Double(options.replicas) * log(1 / probability) / Double(options.killed)
        runs = options.runs
        loops = options.loops
        replicas = options.replicas
        self.workPerStep = workPerStep
    }

    /// Chain steps in all.
    public var totalSteps: Double {
        let perRun = Double(loops) * Self.loopRelaxations + (Double(replicas) + iterationsPerRun) * Self.segmentRelaxations
        return Double(runs) * perRun * stepsPerRelaxation
    }

    /// The run's work in 1-D steps.
    public var work: Double { totalSteps * workPerStep }

    /// Throws the one-line refusal, unless `force`.
    public func check(force: Bool) throws(InvalidParameter) {
        guard !force, work > CostEstimate.limitSteps else { return }
        throw InvalidParameter(
            "cost", given: String(format: "about %.2g chain steps", totalSteps)
                + (workPerStep == 1 ? "" : String(format: " (each the work of %.3g 1-D steps)", workPerStep))
                + String(format: " in all (%d splitting runs of %.2g), ≈ %.1f h on one core at %.0e steps/s",
                         runs, totalSteps / Double(runs), work / CostEstimate.referenceRate / 3600, CostEstimate.referenceRate),
            allowed: "at most \(String(format: "%.0e", CostEstimate.limitSteps)) steps without --force — fewer --splitting-runs, --replicas or --loops; --force runs it anyway")
    }
}
