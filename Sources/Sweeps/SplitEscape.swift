import Dynamics
import Escape
import NumericKit
import RareEvents
import Theory

/// Stage two by splitting instead of brute force: a 1-D problem's mean escape time from
/// adaptive multilevel splitting and the loop decomposition (``EscapeSplitting``;
/// docs/rare-events.md), held against the prediction as ``ComparedEscape`` holds brute force.
public struct SplitEscape: Sendable {
    public let predicted: PredictedEscape
    public let prediction: Prediction
    public let result: EscapeSplitting.Result
    /// The ratios and z-score against the predictions.
    public let comparison: Comparison

    /// Refuses a problem splitting does not run (d dimensions, momentum's underdamped SDE,
    /// scheduled DualAdam) before anything runs, then runs it.
    public init(_ predicted: PredictedEscape, _ options: EscapeSplitting.Options) throws {
        try Self.check(predicted.problem)
        guard case .oneDimensional(let problem) = predicted.problem, case .oneDimensional(let prediction) = predicted.prediction else {
            preconditionFailure("checked: one-dimensional")
        }
        self.predicted = predicted
        self.prediction = prediction
        let result = try EscapeSplitting.run(problem, options)
        self.result = result
        comparison = Comparison(meanTime: result.meanTime, standardError: result.standardError, exactTime: prediction.exactTime,
                                kramersTime: prediction.kramersTime, referenceTime: prediction.referenceTime, reference: prediction.reference)
    }

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

    /// Refuses, with the one-line reason, a problem splitting does not run: d dimensions,
    /// momentum's underdamped SDE, scheduled DualAdam (``EscapeSplitting/check(_:)``).
    public static func check(_ problem: ProblemDescription.Built) throws(InvalidParameter) {
        guard case .oneDimensional(let p) = problem else {
            throw InvalidParameter("method", given: "ams on a d-dimensional landscape", allowed: "brute (splitting runs 1-D problems for now)")
        }
        try EscapeSplitting.check(p)
    }
}
