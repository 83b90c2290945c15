import Foundation
import Theory

/// Well selectivity measured (docs/theory.md §4): ln(τ_flat/τ_sharp) from the escape times
/// out of the flat and the sharp minimum, with the delta-method standard error
/// √((SE_f/τ_f)² + (SE_s/τ_s)²), beside the predicted ln(τ_flat/τ_sharp).
public struct MeasuredSelectivity: Sendable, Encodable {
    /// The well with the smaller curvature at its minimum.
    public let flatSide: String
    public let logFlatOverSharp: Double?
    public let standardError: Double?
    public let predictedLogFlatOverSharp: Double

    /// The two wells of a 1-D landscape (`escape simulate --both-wells`); nil unless both
    /// are 1-D.
    public init?(_ wells: [ComparedEscape]) {
        let predictions = wells.compactMap { well -> (ComparedEscape, Prediction)? in
            guard case .oneDimensional(let p) = well.prediction else { return nil }
            return (well, p)
        }
        guard predictions.count == 2 else { return nil }
        let (flat, sharp) = predictions[0].1.minimum.curvature <= predictions[1].1.minimum.curvature
            ? (predictions[0], predictions[1]) : (predictions[1], predictions[0])
        flatSide = flat.0.predicted.from
        let ratio = Self.logRatio(flat: (flat.0.estimate.meanTime, flat.0.estimate.standardError),
                                  sharp: (sharp.0.estimate.meanTime, sharp.0.estimate.standardError))
        logFlatOverSharp = ratio?.value
        standardError = ratio?.standardError
        predictedLogFlatOverSharp = flat.1.logReferenceTime - sharp.1.logReferenceTime
    }

    /// ln(τ_f/τ_s) and its delta-method SE; the SE is nil when either SE is, the whole is nil
    /// when either mean is.
    static func logRatio(flat: (mean: Double?, se: Double?), sharp: (mean: Double?, se: Double?)) -> (value: Double, standardError: Double?)? {
        guard let mf = flat.mean, let ms = sharp.mean else { return nil }
        guard let sf = flat.se, let ss = sharp.se else { return (log(mf / ms), nil) }
        return (log(mf / ms), ((sf / mf) * (sf / mf) + (ss / ms) * (ss / ms)).squareRoot())
    }
}
