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
/// with t_r = 1/(P·|L″|) at the minimum (SDE time). c_loop = 11 and c_seg = 3.7 were measured at
/// the default levels (home ½, entrance 2 well widths) on the quartic at ΔΦ = 25 (docs/rare-events.md);
/// the model is a guard against hour-long runs, good to a factor of a few, not a prediction.
/// A run above ``CostEstimate/limitSteps`` is refused unless forced, as brute force is.
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

    public init(problem: EscapeProblem, prediction: Prediction, options: EscapeSplitting.Options) throws {
        let relaxation = prediction.validity.relaxationSteps * problem.learningRate
        stepsPerRelaxation = relaxation / (try EscapeSimulation.timePerStep(problem))
        probability = min(0.5, Self.loopRelaxations * relaxation / exp(prediction.logReferenceTime))
        iterationsPerRun = Double(options.replicas) * log(1 / probability) / Double(options.killed)
        runs = options.runs
        loops = options.loops
        replicas = options.replicas
    }

    /// Chain steps in all.
    public var totalSteps: Double {
        let perRun = Double(loops) * Self.loopRelaxations + (Double(replicas) + iterationsPerRun) * Self.segmentRelaxations
        return Double(runs) * perRun * stepsPerRelaxation
    }

    /// Throws the one-line refusal, unless `force`.
    public func check(force: Bool) throws(InvalidParameter) {
        guard !force, totalSteps > CostEstimate.limitSteps else { return }
        throw InvalidParameter(
            "cost", given: String(format: "about %.2g chain steps in all (%d splitting runs of %.2g), ≈ %.1f h on one core at %.0e steps/s",
                                  totalSteps, runs, totalSteps / Double(runs), totalSteps / CostEstimate.referenceRate / 3600,
                                  CostEstimate.referenceRate),
            allowed: "at most \(String(format: "%.0e", CostEstimate.limitSteps)) steps without --force — fewer --splitting-runs, --replicas or --loops; --force runs it anyway")
    }
}
