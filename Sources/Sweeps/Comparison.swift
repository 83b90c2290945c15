import Ensembles
import Theory

/// A measurement held against its predictions: the row every table is made of.
///
/// `zScore = (measured − reference)/SE`, the reference being the prediction's
/// `referenceTime` (the exact MFPT; see ``Prediction/reference``). `agrees(…)` is the test
/// the validation suite and sweeps use: |measured − reference| ≤ k·SE + allowance·reference,
/// with the allowance a stated discretisation error (time step, discrete monitoring), never
/// a fudge.
public struct Comparison: Sendable, Equatable, Codable {
    public let measuredOverExact: Double?
    public let measuredOverKramers: Double?
    public let measuredOverReference: Double?
    public let reference: String
    public let zScore: Double?

    public init(estimate: EscapeEstimate, exactTime: Double?, kramersTime: Double?, referenceTime: Double?, reference: String) {
        self.init(meanTime: estimate.meanTime, standardError: estimate.standardError, exactTime: exactTime, kramersTime: kramersTime,
                  referenceTime: referenceTime, reference: reference)
    }

    /// From a measured mean and its SE, however obtained (brute force, splitting).
    public init(meanTime measured: Double?, standardError: Double?, exactTime: Double?, kramersTime: Double?, referenceTime: Double?,
                reference: String) {
        measuredOverExact = zip(measured, exactTime).map { $0 / $1 }
        measuredOverKramers = zip(measured, kramersTime).map { $0 / $1 }
        measuredOverReference = zip(measured, referenceTime).map { $0 / $1 }
        self.reference = reference
        if let m = measured, let r = referenceTime, let se = standardError, se > 0 {
            zScore = (m - r) / se
        } else {
            zScore = nil
        }
    }

    /// Against a 1-D or d-dimensional prediction; in d dimensions "exact" is the 1-D
    /// reduction's exact MFPT and "Kramers" Eyring–Kramers, where they apply.
    public init(estimate: EscapeEstimate, prediction: EscapePrediction) {
        self.init(estimate: estimate, exactTime: prediction.exactTime, kramersTime: prediction.kramersTime,
                  referenceTime: prediction.referenceTime, reference: prediction.reference)
    }

    /// |measured − reference| ≤ sigmas·SE + allowance·reference, with nothing censored.
    public static func agrees(_ estimate: EscapeEstimate, _ prediction: Prediction,
                              sigmas: Double = 4, allowance: Double) -> Bool {
        agrees(estimate, referenceTime: prediction.referenceTime, sigmas: sigmas, allowance: allowance)
    }

    /// The same test against any reference time (d dimensions: ``PredictionND/referenceTime``).
    public static func agrees(_ estimate: EscapeEstimate, referenceTime: Double?, sigmas: Double = 4, allowance: Double) -> Bool {
        guard estimate.censored == 0 else { return false }
        return agrees(meanTime: estimate.meanTime, standardError: estimate.standardError, referenceTime: referenceTime,
                      sigmas: sigmas, allowance: allowance)
    }

    /// |measured − reference| ≤ sigmas·SE + allowance·reference for a mean however obtained.
    public static func agrees(meanTime: Double?, standardError: Double?, referenceTime: Double?, sigmas: Double = 4,
                              allowance: Double) -> Bool {
        guard let m = meanTime, let se = standardError, let e = referenceTime else { return false }
        return abs(m - e) <= sigmas * se + allowance * e
    }
}

private func zip<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
    guard let a, let b else { return nil }
    return (a, b)
}
