import Dynamics
import Escape
import Foundation
import NumericKit
import Theory

/// What a brute-force run will cost, from the prediction, before it starts: each trajectory
/// needs about τ_ref/Δt integrator steps (Δt = dt, or η for the discrete model), capped at
/// `max-steps`. A run is refused up front (unless forced) when
///
/// - it would take more than ``limitSteps`` integrator steps in all (≈ an hour on one core at
///   the ``referenceRate`` of docs/performance.md) — in d dimensions counting each step as
///   ``workPerStep`` 1-D steps (``StepScalesND/workPerStep``: d, or d³ with an
///   eigen-decomposition per step), or
/// - fewer than 0.1% of trajectories would escape within the step cap (τ_ref/Δt > ~1000 ×
///   max-steps): nearly everything censored, the run cannot measure τ — a ΔΦ of 200, say.
public struct CostEstimate: Sendable, Equatable {
    /// Expected integrator steps to escape, per trajectory.
    public let stepsPerTrajectory: Double
    public let trajectories: Int
    public let maxSteps: Int
    public let effectiveBarrier: Double
    /// One step's cost in 1-D steps (1 in 1-D).
    public let workPerStep: Double

    /// Integrator steps per second per core assumed for the time estimate (docs/performance.md).
    public static let referenceRate = 5e7
    /// About an hour on one core.
    public static let limitSteps = 2e11
    /// The smallest acceptable fraction of trajectories escaping within the cap.
    public static let minimumEscapeFraction = 1e-3

    public init(problem: EscapeProblem, prediction: Prediction, trajectories: Int) throws {
        let stepTime = try EscapeSimulation.timePerStep(problem)
        stepsPerTrajectory = exp(prediction.logReferenceTime) / stepTime
        self.trajectories = trajectories
        maxSteps = problem.maxSteps
        effectiveBarrier = prediction.effectiveBarrier
        workPerStep = 1
    }

    /// A d-dimensional run: Δt and the cost of a step from ``EscapeProblemND/stepScales()``.
    public init(problem: EscapeProblemND, prediction: PredictionND, trajectories: Int) throws {
        let scales = try problem.stepScales()
        stepsPerTrajectory = exp(prediction.logReferenceTime) / scales.timePerStep
        self.trajectories = trajectories
        maxSteps = problem.maxSteps
        effectiveBarrier = EscapePrediction.multiDimensional(prediction).effectiveBarrier ?? .nan
        workPerStep = scales.workPerStep
    }

    /// Integrator steps in all: each trajectory runs to escape or to the cap.
    public var totalSteps: Double { Double(trajectories) * min(stepsPerTrajectory, Double(maxSteps)) }

    /// P(escape within the cap) for exponential escape times.
    public var escapeFractionWithinCap: Double { -expm1(-Double(maxSteps) / stepsPerTrajectory) }

    /// The run's work in 1-D steps.
    public var work: Double { totalSteps * workPerStep }

    /// Throws the one-line refusal, unless `force`.
    public func check(force: Bool) throws(InvalidParameter) {
        if force { return }
        let hours = work / Self.referenceRate / 3600
        let options = "fewer --trajectories, a smaller --max-steps (censored trajectories are counted), a lower barrier or more noise; --method ams for a high barrier (docs/rare-events.md); --force runs it anyway"
        if escapeFractionWithinCap < Self.minimumEscapeFraction {
            throw InvalidParameter(
                "cost", given: String(format: "ΔΦ = %.3g: about %.2g integrator steps per trajectory, so with --max-steps %d only %.2g of trajectories would escape",
                                      effectiveBarrier, stepsPerTrajectory, maxSteps, escapeFractionWithinCap),
                allowed: "a run that can measure τ — " + options)
        }
        if work > Self.limitSteps {
            let perStep = workPerStep == 1 ? "" : String(format: " (each the work of %.3g 1-D steps)", workPerStep)
            throw InvalidParameter(
                "cost", given: String(format: "about %.2g integrator steps", totalSteps) + perStep
                    + String(format: " in all (%d trajectories × %.2g), ≈ %.1f h on one core at %.0e steps/s",
                             trajectories, min(stepsPerTrajectory, Double(maxSteps)), hours, Self.referenceRate),
                allowed: "at most \(String(format: "%.0e", Self.limitSteps)) steps without --force — " + options)
        }
    }
}
