import Escape
import Theory

/// A measurement held against its predictions: the row every table is made of.
///
/// `zScore = (measured − exact)/SE`; `agrees(…)` is the test the validation suite and
/// sweeps use: |measured − exact| ≤ k·SE + allowance·exact, with the allowance a stated
/// discretisation error (time step, discrete monitoring), never a fudge.
public struct Comparison: Sendable, Equatable, Codable {
    public let measuredOverExact: Double?
    public let measuredOverKramers: Double?
    public let zScore: Double?

    public init(estimate: EscapeEstimate, prediction: Prediction) {
        let measured = estimate.meanTime
        measuredOverExact = zip(measured, prediction.exactTime).map { $0 / $1 }
        measuredOverKramers = zip(measured, prediction.kramersTime).map { $0 / $1 }
        if let m = measured, let e = prediction.exactTime, let se = estimate.standardError, se > 0 {
            zScore = (m - e) / se
        } else {
            zScore = nil
        }
    }

    /// |measured − exact| ≤ sigmas·SE + allowance·exact.
    public static func agrees(_ estimate: EscapeEstimate, _ prediction: Prediction,
                              sigmas: Double = 4, allowance: Double) -> Bool {
        guard let m = estimate.meanTime, let se = estimate.standardError, let e = prediction.exactTime,
              estimate.censored == 0 else { return false }
        return abs(m - e) <= sigmas * se + allowance * e
    }
}

private func zip<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
    guard let a, let b else { return nil }
    return (a, b)
}
