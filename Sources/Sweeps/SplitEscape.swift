import Escape
import NumericKit
import Theory

/// Stage two by splitting instead of brute force: a 1-D problem's mean escape time from
/// adaptive multilevel splitting and the loop decomposition (``EscapeSplitting``;
/// docs/rare-events.md), held against the prediction as ``ComparedEscape`` holds brute force.
public struct SplitEscape: Sendable {
    public let predicted: PredictedEscape
    public let prediction: Prediction
    public let result: EscapeSplitting.Result
    public let measuredOverExact: Double?
    public let measuredOverReference: Double?
    public let measuredOverKramers: Double?
    /// (measured − reference)/SE.
    public let zScore: Double?

    /// Refuses a problem splitting does not run (d dimensions, the discrete iteration,
    /// underdamped dynamics) before anything runs, then runs it.
    public init(_ predicted: PredictedEscape, _ options: EscapeSplitting.Options) throws {
        guard case .oneDimensional(let problem) = predicted.problem, case .oneDimensional(let prediction) = predicted.prediction else {
            throw InvalidParameter("method", given: "ams on a d-dimensional landscape", allowed: "brute (splitting runs 1-D reduced SDEs for now)")
        }
        self.predicted = predicted
        self.prediction = prediction
        let result = try EscapeSplitting.run(problem, options)
        self.result = result
        let (tau, se) = (result.meanTime, result.standardError)
        measuredOverExact = prediction.exactTime.map { tau / $0 }
        measuredOverReference = prediction.referenceTime.map { tau / $0 }
        measuredOverKramers = prediction.kramersTime.map { tau / $0 }
        zScore = prediction.referenceTime.flatMap { r in se > 0 ? (tau - r) / se : nil }
    }
}
