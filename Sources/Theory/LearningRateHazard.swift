import Dynamics
import Foundation

/// A hazard prediction of a time-inhomogeneous run: the survival S(k) after k optimizer steps
/// and the step by which the escaped fraction is checked. Scheduled DualAdam (§7) and a
/// learning-rate schedule (§14) have one.
public protocol QuasiStaticHazard: Sendable {
    /// K: the step by which the escaped fraction 1 − S(K) is checked.
    var horizonStep: Int { get }
    /// h_j, the probability of escaping during optimizer step j ≥ 1.
    func hazard(atStep j: Int) -> Double
    /// The last step from j on with the hazard of step j (Int.max if it never changes again).
    func lastStepAtSameHazard(from j: Int) -> Int
}

extension QuasiStaticHazard {
    /// S(k) = exp(−Σ_{j≤k} h_j) at each of `steps` (increasing optimizer steps; fractional
    /// steps count the whole steps before them), a stretch of constant hazard at once.
    public func survival(atSteps steps: [Double]) -> [Double] {
        var out: [Double] = []
        out.reserveCapacity(steps.count)
        var lambda = 0.0, j = 0
        for k in steps {
            let whole = Int(k.rounded(.down))
            while j < whole {
                let last = min(whole, lastStepAtSameHazard(from: j + 1))
                lambda += Double(last - j) * hazard(atStep: j + 1)
                j = last
            }
            out.append(exp(-lambda))
        }
        return out
    }
}

extension DualAdamHazard: QuasiStaticHazard {
    /// DualAdam's switch step.
    public var horizonStep: Int { switchStep }
    /// Blended steps one at a time; Adam's from the switch on.
    public func lastStepAtSameHazard(from j: Int) -> Int { j < switchStep ? j : .max }
}

/// The quasi-static hazard of a learning-rate schedule (docs/theory.md §14).
///
/// Optimizer step j lasts SDE time η_j; treating η as frozen over it, the walker escapes in it
/// with probability h_j = η_j/τ(η_j), τ(η) the exact MFPT (§3, SDE time) at the constant rate η:
///
///     S(k) = exp(−Σ_{j≤k} η_j/τ(η_j)),     E[T] = Σ_{k≥0} S(k)   (optimizer steps),
///
/// the schedule's form of S(t) = exp(−∫ dt′/τ(η(t′))). Valid when η changes slowly against the
/// relaxation time 1/(η·P·H_a) steps (``adiabaticity``): the walker's law in the well follows
/// the falling temperature. A drop of the step schedule breaks that for a relaxation time.
///
/// τ(η) is computed on 33 rates equally spaced in 1/η from 1/η to 1/η_low, η_low = max(η_min,
/// η/64), with ln τ interpolated linearly in 1/η — the Arrhenius form ln τ ≈ a + b/η is linear
/// there — and extended along the last interval below η_low (where h is below e^{−60ΔΦ} of h at η).
/// η = 0 has h = 0.
public struct LearningRateHazard: QuasiStaticHazard, Equatable, Codable {
    public let schedule: String
    public let learningRate: Double
    public let horizonStep: Int
    /// The nodes 1/η and ln τ (SDE time) at them.
    public let inverseRates: [Double]
    public let logTimes: [Double]
    /// τ(η) at the first rate, SDE time.
    public let initialTime: Double
    /// The relaxation time 1/(η·P·H_a) in steps over the steps the rate takes to change: K for
    /// the cosine, the stretch length for the step schedule. ≪ 1 for the quasi-static limit.
    public let adiabaticity: Double
    /// P(never escaping) = exp(−Σ_j h_j) where the hazard falls to 0 (the rate reaches 0, or so
    /// low that τ overflows) before the walker has escaped: then E[T] is infinite.
    public private(set) var neverEscapes: Double?
    /// E[T] in optimizer steps and η·E[T]; nil where infinite (`neverEscapes`) or not summed
    /// within 2·10⁸ changes of the rate.
    public private(set) var meanSteps: Double?
    public private(set) var meanTime: Double?

    /// The schedule itself (what `schedule` writes).
    public let shape: LearningRateSchedule

    static let nodeCount = 33
    static let lowestRateShare = 1.0 / 64
    static let maxTerms = 200_000_000

    /// - Parameters:
    ///   - relaxationSteps: 1/(η·P·H_a) at the first rate.
    ///   - logTimeAtRate: ln τ(η′) in SDE time.
    init(schedule: LearningRateSchedule, learningRate eta: Double, relaxationSteps: Double,
         logTimeAtRate: (Double) throws -> Double) throws {
        shape = schedule
        self.schedule = schedule.description
        learningRate = eta
        horizonStep = schedule.horizonStep ?? 1
        let lowest: Double
        switch schedule {
        case .constant: lowest = eta
        case .cosine(_, let minimum): lowest = max(minimum, eta * Self.lowestRateShare)
        case .step: lowest = eta * Self.lowestRateShare
        }
        let (u0, u1) = (1 / eta, 1 / lowest)
        let nodes = lowest == eta ? [u0, u0 + 1] : (0..<Self.nodeCount).map { u0 + (u1 - u0) * Double($0) / Double(Self.nodeCount - 1) }
        inverseRates = nodes
        logTimes = lowest == eta ? [try logTimeAtRate(eta), try logTimeAtRate(eta)] : try nodes.map { try logTimeAtRate(1 / $0) }
        initialTime = exp(logTimes[0])
        switch schedule {
        case .constant: adiabaticity = 0
        case .cosine(let steps, _): adiabaticity = relaxationSteps / Double(steps)
        case .step(let every, _): adiabaticity = relaxationSteps / Double(every)
        }
        // E[T] = Σ_{k≥0} S(k), stretch by stretch of constant rate: over m steps at hazard h,
        // Σ_{i=1}^{m} S·e^{−ih} = S·e^{−h}(1 − e^{−mh})/(1 − e^{−h}).
        var total = 1.0, lambda = 0.0, k = 0, terms = 0
        var never: Double?
        var finite = false
        while terms < Self.maxTerms {
            terms += 1
            let last = schedule.lastStepAtSameRate(from: k + 1)
            let h = hazard(atStep: k + 1)
            let s = exp(-lambda)
            // h falls with η and η only falls: what survives now never escapes.
            if h == 0 { never = s; break }
            if last == .max { total += s * exp(-h) / -expm1(-h); finite = true; break }
            let m = Double(last - k)
            total += s * exp(-h) * -expm1(-m * h) / -expm1(-h)
            lambda += m * h
            k = last
            if lambda > 690 { finite = true; break }   // S < 10⁻³⁰⁰
        }
        neverEscapes = never
        meanSteps = finite && total.isFinite ? total : nil
        meanTime = meanSteps.map { $0 * eta }
    }

    /// ln τ at rate η′ by the interpolation in 1/η′.
    func logTime(atRate rate: Double) -> Double {
        let u = 1 / rate
        let n = inverseRates.count
        var i = 0
        if u >= inverseRates[n - 1] { i = n - 2 } else {
            let h = inverseRates[1] - inverseRates[0]
            i = min(n - 2, max(0, Int((u - inverseRates[0]) / h)))
        }
        let w = (u - inverseRates[i]) / (inverseRates[i + 1] - inverseRates[i])
        return logTimes[i] + w * (logTimes[i + 1] - logTimes[i])
    }

    /// h_j = η_j/τ(η_j) at step j ≥ 1 (0 where η_j = 0).
    public func hazard(atStep j: Int) -> Double {
        let rate = shape.rate(atStep: j, initial: learningRate)
        guard rate > 0 else { return 0 }
        return rate * exp(-logTime(atRate: rate))
    }

    /// The schedule's stretches of constant rate.
    public func lastStepAtSameHazard(from j: Int) -> Int { shape.lastStepAtSameRate(from: j) }
}
