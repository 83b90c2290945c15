import Dynamics
import Theory

/// The predictions of a built problem, 1-D (``Prediction``) or d-dimensional
/// (``PredictionND``): what the compare pipeline holds a measurement against. Encodes as the
/// prediction it holds, so JSON reports keep one `prediction` object either way.
public enum EscapePrediction: Sendable, Encodable {
    case oneDimensional(Prediction)
    case multiDimensional(PredictionND)

    /// Predicts a validated problem (docs/theory.md §3–7 in 1-D, §6 in d dimensions).
    public init(_ problem: ProblemDescription.Built) throws {
        switch problem {
        case .oneDimensional(let p): self = .oneDimensional(try Predictor.predict(p))
        case .multiDimensional(let p): self = .multiDimensional(try PredictorND.predict(p))
        }
    }

    /// The time a measurement is compared with (``Prediction/referenceTime``,
    /// ``PredictionND/referenceTime``) and its name.
    public var referenceTime: Double? {
        switch self {
        case .oneDimensional(let p): p.referenceTime
        case .multiDimensional(let p): p.referenceTime
        }
    }

    public var reference: String {
        switch self {
        case .oneDimensional(let p): p.reference
        case .multiDimensional(let p): p.reference
        }
    }

    /// The exact MFPT (d dimensions: of the 1-D reduction, where it applies).
    public var exactTime: Double? {
        switch self {
        case .oneDimensional(let p): p.exactTime
        case .multiDimensional(let p): p.reduction1D?.exactTime
        }
    }

    /// Generalized Kramers in 1-D; Eyring–Kramers in d dimensions, where they apply.
    public var kramersTime: Double? {
        switch self {
        case .oneDimensional(let p): p.kramersTime
        case .multiDimensional(let p): p.eyringKramers?.time
        }
    }

    /// ΔΦ of the reference prediction (d dimensions: the reduction's, else Eyring–Kramers',
    /// else the heuristic's).
    public var effectiveBarrier: Double? {
        switch self {
        case .oneDimensional(let p): p.effectiveBarrier
        case .multiDimensional(let p):
            p.reduction1D?.effectiveBarrier ?? p.eyringKramers?.effectiveBarrier ?? p.heuristic?.effectiveBarrier
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .oneDimensional(let p): try container.encode(p)
        case .multiDimensional(let p): try container.encode(p)
        }
    }
}
