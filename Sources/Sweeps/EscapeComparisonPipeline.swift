import Dynamics
import Ensembles
import Escape
import EscapeND
import Foundation
import NumericKit
import RareEvents
import Theory

/// The compare pipeline every command runs — predict → simulate → compare — for 1-D and
/// d-dimensional problems alike: `escape simulate` prints one ``ComparedEscape`` (two with
/// `--both-wells`), `escape sweep` and `escape reproduce` make a ``SweepRow`` of each point's.
/// Stages are values (as a problem, an algorithm and a solution are in DifferentialEquations.jl),
/// so a caller can refuse every problem before running any.
///
/// Stage one: a validated problem with its predictions.
public struct PredictedEscape: Sendable {
    public let problem: ProblemDescription.Built
    public let prediction: EscapePrediction

    public init(_ problem: ProblemDescription.Built) throws {
        self.problem = problem
        prediction = try EscapePrediction(problem)
    }

    /// Where the walkers start: `left`/`right` in 1-D, `minimum k` in d dimensions.
    public var from: String {
        switch problem {
        case .oneDimensional(let p): p.side.rawValue
        case .multiDimensional(let p): "minimum \(p.startIndex)"
        }
    }

    /// The optimizer's registered name.
    public var optimizer: String {
        switch problem {
        case .oneDimensional(let p): p.optimizer.rawValue
        case .multiDimensional(let p): p.optimizer.rawValue
        }
    }

    public var learningRate: Double {
        switch problem {
        case .oneDimensional(let p): p.learningRate
        case .multiDimensional(let p): p.learningRate
        }
    }

    /// The problem with its prediction, handed to `oneDimensional` or `multiDimensional` as the
    /// pair of concrete types they are.
    public func withProblem<T>(oneDimensional: (EscapeProblem, Prediction) throws -> T,
                               multiDimensional: (EscapeProblemND, PredictionND) throws -> T) throws -> T {
        switch (problem, prediction) {
        case (.oneDimensional(let p), .oneDimensional(let q)): return try oneDimensional(p, q)
        case (.multiDimensional(let p), .multiDimensional(let q)): return try multiDimensional(p, q)
        default: preconditionFailure("a prediction of another dimension than its problem")
        }
    }

    /// Refuses, unless `force`, a run that would take hours or censor nearly everything
    /// (``CostEstimate``), in 1-D and d dimensions.
    public func checkCost(trajectories: Int, force: Bool) throws {
        guard !force else { return }
        try withProblem(oneDimensional: { try CostEstimate(problem: $0, prediction: $1, trajectories: trajectories) },
                        multiDimensional: { try CostEstimate(problem: $0, prediction: $1, trajectories: trajectories) })
            .check(force: false)
    }

    /// The same for a splitting run (``SplittingCost``): refused, unless `force`, above an hour.
    public func checkCost(splitting options: EscapeSplitting.Options, force: Bool) throws {
        guard !force else { return }
        try withProblem(oneDimensional: { try SplittingCost(problem: $0, prediction: $1, options: options) },
                        multiDimensional: { try SplittingCost(problem: $0, prediction: $1, options: options) })
            .check(force: false)
    }

    /// Stage two and three: the Monte-Carlo ensemble, held against the predictions.
    public func simulate(_ options: EnsembleOptions) throws -> ComparedEscape {
        let result: SimulationResult
        switch problem {
        case .oneDimensional(let p): result = try EscapeSimulation.run(p, options)
        case .multiDimensional(let p): result = try EscapeSimulationND.run(p, options)
        }
        return ComparedEscape(predicted: self, result: result)
    }
}

/// Stage three: a simulated problem compared with its predictions — the estimate, the
/// Kaplan–Meier survival curve, whether the escape times look exponential, the ratios and
/// z-score (``Comparison``) and, for scheduled DualAdam or a learning-rate schedule, the fraction
/// escaped by the hazard's horizon step.
public struct ComparedEscape: Sendable {
    public let predicted: PredictedEscape
    public let result: SimulationResult
    public let survival: SurvivalCurve
    public let comparison: Comparison
    /// Kolmogorov–Smirnov (Lilliefors/Stephens) test of exponential escape times.
    public let exponentiality: ExponentialityTest?
    /// Scheduled DualAdam and learning-rate schedules only (docs/theory.md §7, §14).
    public let escapedByHorizon: EscapedByHorizon?

    public init(predicted: PredictedEscape, result: SimulationResult) {
        self.predicted = predicted
        self.result = result
        survival = SurvivalCurve(outcomes: result.outcomes, timePerStep: result.timePerStep, learningRate: predicted.learningRate)
        comparison = Comparison(estimate: result.estimate, prediction: predicted.prediction)
        exponentiality = ExponentialityTest(curve: survival)
        if case .oneDimensional(let p) = predicted.prediction, let hazard = p.quasiStaticHazard {
            escapedByHorizon = EscapedByHorizon(result: result, hazard: hazard, learningRate: predicted.learningRate)
        } else {
            escapedByHorizon = nil
        }
    }

    public var estimate: EscapeEstimate { result.estimate }
    public var prediction: EscapePrediction { predicted.prediction }

    /// |measured − reference| ≤ sigmas·SE + allowance·reference with nothing censored
    /// (``Comparison/agrees(_:referenceTime:sigmas:allowance:)``).
    public func agrees(sigmas: Double = 4, allowance: Double) -> Bool {
        Comparison.agrees(result.estimate, referenceTime: prediction.referenceTime, sigmas: sigmas, allowance: allowance)
    }

    /// The predicted fraction not yet escaped at each row of ``survival`` and what it is: the
    /// quasi-static hazard for scheduled DualAdam and learning-rate schedules (docs/theory.md §7,
    /// §14), otherwise the exponential law exp(−t/τ) with τ the reference time; nil values where
    /// no prediction applies.
    public var predictedSurvival: (values: [Double?], label: String) {
        if case .oneDimensional(let p) = prediction, let hazard = p.quasiStaticHazard {
            return (hazard.survival(atSteps: survival.rows.map(\.steps)), "quasi-static hazard")
        }
        guard let tau = prediction.referenceTime else { return (survival.rows.map { _ in nil }, "none") }
        return (survival.rows.map { exp(-$0.time / tau) }, "exponential, mean \(prediction.reference)")
    }

    /// The survival curve beside its prediction, as ``SurvivalTable`` rows labelled with ``PredictedEscape/from``.
    public var survivalRows: [[String]] { SurvivalTable.rows(self) }
}

/// A time-inhomogeneous run: the fraction of all trajectories escaped within the first K
/// optimizer steps (K the hazard's horizon: DualAdam's switch step, a schedule's end), its
/// binomial SE √(f(1 − f)/n), and the quasi-static hazard's 1 − S(K) (docs/theory.md §7, §14).
/// A scheduled SDE run counts its time on the optimizer-step clock (``ScheduledRun``).
public struct EscapedByHorizon: Sendable, Equatable, Encodable {
    public let horizonStep: Int
    public let measured: Double
    public let standardError: Double
    public let predicted: Double

    init(result: SimulationResult, hazard: any QuasiStaticHazard, learningRate: Double) {
        horizonStep = hazard.horizonStep
        let k = Double(hazard.horizonStep) * learningRate / result.timePerStep
        let n = Double(result.outcomes.count)
        let hits = Double(result.outcomes.filter { $0.kind == .escaped && $0.duration <= k }.count)
        measured = hits / n
        standardError = (measured * (1 - measured) / n).squareRoot()
        predicted = 1 - hazard.survival(atSteps: [Double(hazard.horizonStep)])[0]
    }
}
