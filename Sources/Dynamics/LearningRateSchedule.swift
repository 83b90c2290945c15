import Foundation
import NumericKit

/// A learning-rate schedule η_k over optimizer steps k = 1, 2, … (docs/theory.md §14), starting
/// at the problem's η (`--lr`), written `constant`, `cosine:steps=K,min=η_min` or
/// `step:every=K,factor=f`:
///
///     constant:  η_k = η
///     cosine:    η_k = η_min + (η − η_min)·(1 + cos(π·min(k − 1, K)/K))/2    (η_min from step K + 1 on)
///     step:      η_k = η·f^⌊(k − 1)/K⌋
///
/// The cosine is PyTorch's `CosineAnnealingLR(T_max = K, eta_min)` stepped once per optimizer
/// step, held at η_min after K (PyTorch's closed form would rise again); the step schedule is
/// `StepLR(step_size = K, gamma = f)`. Both only decrease (η_min ≤ η, f ≤ 1): the temperature
/// falls during the escape, and the SDE's step rule, chosen at η, stays valid.
///
/// Each optimizer step is θ ← θ − η_k·u(g; state) with u independent of η
/// (``OptimizerIteration1D/direction(gradient:)``); in the reduced SDE, optimizer step k covers
/// SDE time η_k, and over it D = η_k·P²C/2 (``LearningRateClock``).
public enum LearningRateSchedule: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
    case constant
    case cosine(steps: Int, minimum: Double)
    case step(every: Int, factor: Double)

    /// What `--lr-schedule` accepts, for messages.
    public static let forms = "constant, cosine:steps=K,min=ETA_MIN or step:every=K,factor=F"

    /// Parses `constant`, `cosine:steps=K,min=η_min` or `step:every=K,factor=f` (keys in any
    /// order, each once); ranges are checked by ``validate(learningRate:)``.
    public static func parse(_ text: String) throws(InvalidParameter) -> LearningRateSchedule {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let bad = InvalidParameter("lr-schedule", given: "'\(text)'", allowed: forms)
        if trimmed == "constant" { return .constant }
        guard let colon = trimmed.firstIndex(of: ":") else { throw bad }
        let family = trimmed[..<colon]
        var values: [String: Double] = [:]
        for item in trimmed[trimmed.index(after: colon)...].split(separator: ",", omittingEmptySubsequences: false) {
            let pair = item.split(separator: "=", omittingEmptySubsequences: false)
            guard pair.count == 2, let x = Double(pair[1].trimmingCharacters(in: .whitespaces)) else { throw bad }
            let key = pair[0].trimmingCharacters(in: .whitespaces)
            guard values[key] == nil else {
                throw InvalidParameter("lr-schedule", given: "'\(text)' (\(key) given twice)", allowed: forms)
            }
            values[key] = x
        }
        // The cosine's hazard sums its K steps one by one (10⁸ take about 4 s); the step schedule's
        // stretches are summed at once.
        func whole(_ key: String, upTo limit: Double, _ why: String) throws(InvalidParameter) -> Int {
            guard let x = values[key] else {
                throw InvalidParameter("lr-schedule", given: "'\(text)' (no \(key)=)", allowed: forms)
            }
            guard x.isFinite, x == x.rounded(), x >= 1, x <= limit else {
                throw InvalidParameter("lr-schedule \(key)", given: Validate.format(x), allowed: "a whole number of steps in 1…\(why)")
            }
            return Int(x)
        }
        func number(_ key: String) throws(InvalidParameter) -> Double {
            guard let x = values[key] else {
                throw InvalidParameter("lr-schedule", given: "'\(text)' (no \(key)=)", allowed: forms)
            }
            return x
        }
        let keys: Set<String>
        let schedule: LearningRateSchedule
        switch family {
        case "cosine":
            keys = ["steps", "min"]
            schedule = .cosine(steps: try whole("steps", upTo: 1e8, "10⁸ (the hazard sums them one by one)"), minimum: try number("min"))
        case "step":
            keys = ["every", "factor"]
            schedule = .step(every: try whole("every", upTo: 1e12, "10¹²"), factor: try number("factor"))
        default: throw bad
        }
        if let extra = values.keys.sorted().first(where: { !keys.contains($0) }) {
            throw InvalidParameter("lr-schedule", given: "'\(text)' (unknown key \(extra))", allowed: forms)
        }
        return schedule
    }

    /// Refuses a schedule that rises above η or is not a number: η_min in [0, η], f in (0, 1].
    public func validate(learningRate eta: Double) throws(InvalidParameter) {
        switch self {
        case .constant: break
        case .cosine(_, let minimum):
            guard minimum.isFinite, minimum >= 0, minimum <= eta else {
                throw InvalidParameter("lr-schedule min", given: Validate.format(minimum),
                                       allowed: "a learning rate in [0, \(Validate.format(eta))] (0 to --lr: the schedule only decreases)")
            }
        case .step(_, let factor):
            guard factor.isFinite, factor > 0, factor <= 1 else {
                throw InvalidParameter("lr-schedule factor", given: Validate.format(factor),
                                       allowed: "a number in (0, 1] (the schedule only decreases)")
            }
        }
    }

    public var isConstant: Bool { self == .constant }

    /// η_k, the learning rate of optimizer step k ≥ 1, for initial rate η.
    @inlinable @inline(__always)
    public func rate(atStep k: Int, initial eta: Double) -> Double {
        switch self {
        case .constant:
            return eta
        case .cosine(let steps, let minimum):
            let phase = Double(min(k - 1, steps)) / Double(steps)
            return minimum + (eta - minimum) * (0.5 * (1 + cos(Double.pi * phase)))
        case .step(let every, let factor):
            return eta * pow(factor, Double((k - 1) / every))
        }
    }

    /// The last step from k on at which the rate is still η_k (Int.max if it never changes
    /// again): the constant stretches a clock or a hazard sum may take at once.
    public func lastStepAtSameRate(from k: Int) -> Int {
        switch self {
        case .constant: return .max
        case .cosine(let steps, _): return k > steps ? .max : k
        case .step(let every, let factor): return factor == 1 ? .max : ((k - 1) / every + 1) * every
        }
    }

    /// The last step with η_k > 0 (cosine to η_min = 0: K), nil if the rate stays positive:
    /// after it the walker no longer moves, so a run may stop there.
    public var lastMovingStep: Int? {
        if case .cosine(let steps, 0) = self { return steps }
        return nil
    }

    /// The step by which the escaped fraction is checked against the hazard: K for the cosine
    /// (its end, from which η = η_min), 4K for the step schedule (after its third drop, where η
    /// is f³·η); nil for a constant one.
    public var horizonStep: Int? {
        switch self {
        case .constant: nil
        case .cosine(let steps, _): steps
        case .step(let every, _): 4 * every
        }
    }

    /// The text ``parse(_:)`` reads back.
    public var description: String {
        switch self {
        case .constant: "constant"
        case .cosine(let steps, let minimum): "cosine:steps=\(steps),min=\(Validate.format(minimum))"
        case .step(let every, let factor): "step:every=\(every),factor=\(Validate.format(factor))"
        }
    }
}
