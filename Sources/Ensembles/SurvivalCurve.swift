import Foundation
import NumericKit

/// The empirical survival function S(t) = P(not yet escaped by t) of an ensemble, by the
/// Kaplan–Meier product-limit estimator (Kaplan & Meier, JASA 53, 457, 1958):
///
///     S(t) = Π_{tᵢ ≤ t} (1 − dᵢ/nᵢ),
///
/// dᵢ escapes at time tᵢ and nᵢ trajectories still running just before it. Censored
/// trajectories (step cap) leave the risk set at their last time; diverged ones do the same,
/// so S estimates survival against escape alone (divergence a competing risk), and is the
/// plain empirical survival function when nothing was censored or diverged.
///
/// The pointwise 95% band is Greenwood's variance on the log(−log S) scale (Kalbfleisch &
/// Prentice, The Statistical Analysis of Failure Time Data, 2nd ed., §1.4), which keeps it
/// inside [0, 1]: S^{exp(±1.96·σ)}, σ² = Σ dᵢ/(nᵢ(nᵢ − dᵢ)) / (log S)².
public struct SurvivalCurve: Sendable {
    public struct Row: Sendable, Equatable {
        /// SDE time t and optimizer steps t/η.
        public let time: Double
        public let steps: Double
        public let atRisk: Int
        public let escapes: Int
        /// Censored or diverged at this time.
        public let removed: Int
        public let survival: Double
        public let lower95: Double
        public let upper95: Double
    }

    /// One row per distinct time at which something happened, in increasing time.
    public let rows: [Row]

    public init(outcomes: [TrajectoryOutcome], timePerStep: Double, learningRate: Double) {
        let sorted = outcomes.sorted { $0.duration < $1.duration }
        var rows: [Row] = []
        var atRisk = sorted.count
        var survival = 1.0, greenwood = 0.0
        var i = 0
        let z = Distributions.normalQuantile(0.975)
        while i < sorted.count {
            let duration = sorted[i].duration
            var escapes = 0, removed = 0
            while i < sorted.count && sorted[i].duration == duration {
                if sorted[i].kind == .escaped { escapes += 1 } else { removed += 1 }
                i += 1
            }
            if escapes > 0 {
                let n = Double(atRisk), d = Double(escapes)
                survival *= 1 - d / n
                if atRisk > escapes { greenwood += d / (n * (n - d)) }
            }
            let (lower, upper) = Self.band(survival, greenwood, z)
            let t = duration * timePerStep
            rows.append(Row(time: t, steps: t / learningRate, atRisk: atRisk, escapes: escapes, removed: removed,
                            survival: survival, lower95: lower, upper95: upper))
            atRisk -= escapes + removed
        }
        self.rows = rows
    }

    /// The log(−log) Greenwood band.
    static func band(_ s: Double, _ greenwood: Double, _ z: Double) -> (Double, Double) {
        guard s > 0, s < 1 else { return (s, s) }
        let sigma = greenwood.squareRoot() / abs(log(s))
        return (pow(s, exp(z * sigma)), pow(s, exp(-z * sigma)))
    }
}
