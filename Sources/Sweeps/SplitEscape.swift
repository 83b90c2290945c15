import Dynamics
import NumericKit
import RareEvents
import Theory

/// Stage two by splitting instead of brute force: a problem's mean escape time from adaptive
/// multilevel splitting and the loop decomposition (``EscapeSplitting`` in 1-D,
/// ``EscapeSplittingND`` in d dimensions; docs/rare-events.md), held against the prediction
/// as ``ComparedEscape`` holds brute force.
public struct SplitEscape: Sendable {
    public let predicted: PredictedEscape
    public let result: EscapeSplitting.Result
    /// The ratios and z-score against the predictions.
    public let comparison: Comparison

    /// Refuses a problem splitting does not run (scheduled DualAdam; in d dimensions momentum's
    /// underdamped SDE and a ball target) before anything runs, then runs it.
    public init(_ predicted: PredictedEscape, _ options: EscapeSplitting.Options) throws {
        try Self.check(predicted.problem)
        self.predicted = predicted
        let result: EscapeSplitting.Result
        switch predicted.problem {
        case .oneDimensional(let problem): result = try EscapeSplitting.run(problem, options)
        case .multiDimensional(let problem): result = try EscapeSplittingND.run(problem, options)
        }
        self.result = result
        let p = predicted.prediction
        comparison = Comparison(meanTime: result.meanTime, standardError: result.standardError, exactTime: p.exactTime,
                                kramersTime: p.kramersTime, referenceTime: p.referenceTime, reference: p.reference)
    }

    public var prediction: EscapePrediction { predicted.prediction }
    public var measuredOverExact: Double? { comparison.measuredOverExact }
    public var measuredOverReference: Double? { comparison.measuredOverReference }
    public var measuredOverKramers: Double? { comparison.measuredOverKramers }
    /// (measured − reference)/SE.
    public var zScore: Double? { comparison.zScore }

    /// |measured − reference| ≤ sigmas·SE + allowance·reference.
    public func agrees(sigmas: Double = 4, allowance: Double) -> Bool {
        Comparison.agrees(meanTime: result.meanTime, standardError: result.standardError, referenceTime: prediction.referenceTime,
                          sigmas: sigmas, allowance: allowance)
    }

    /// Refuses, with the one-line reason, a problem splitting does not run
    /// (``EscapeSplitting/check(_:)``, ``EscapeSplittingND/check(_:)``).
    public static func check(_ problem: ProblemDescription.Built) throws(InvalidParameter) {
        switch problem {
        case .oneDimensional(let p): try EscapeSplitting.check(p)
        case .multiDimensional(let p): try EscapeSplittingND.check(p)
        }
    }
}
