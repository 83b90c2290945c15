import Foundation
import NumericKit

/// Monte-Carlo escape statistics of an ensemble, in SDE time t and in optimizer steps.
///
/// - Mean, standard error and 95% confidence interval are over the *escaped*
///   trajectories: `meanTime = Σtᵢ/n`, `standardError = s/√n`, CI = mean ± t₀.₉₇₅,ₙ₋₁·SE.
/// - If any trajectory was censored, that mean is biased low. The censoring-aware
///   estimate for exponentially distributed escape times is then reported as well: rate
///   λ̂ = d/T with d escapes and T the total time of escaped and censored trajectories,
///   mean 1/λ̂, and the exact χ² interval [2T/χ²₀.₉₇₅(2d), 2T/χ²₀.₀₂₅(2d)]
///   (Cox & Oakes, Analysis of Survival Data, 1984, §3.2; exact for type-II censoring,
///   close for a step cap).
/// - Diverged trajectories enter neither estimate; they are counted and reported.
public struct EscapeEstimate: Sendable, Equatable, Codable {
    public let trajectories: Int
    public let escaped: Int
    public let censored: Int
    public let diverged: Int
    /// Mean escape time of the escaped trajectories (SDE time t = steps·η); nil if none escaped.
    public let meanTime: Double?
    public let standardError: Double?
    public let ci95: [Double]?
    /// meanTime/η: the mean escape time in optimizer steps.
    public let meanSteps: Double?
    /// Present when anything was censored: the exponential-rate estimate of the mean.
    public let censoredEstimate: CensoredEstimate?
    /// Integrator steps simulated in all (escaped, censored and diverged): the cost.
    public let integratorSteps: Int
    public let warnings: [String]

    /// The censoring-aware exponential-rate estimate.
    public struct CensoredEstimate: Sendable, Equatable, Codable {
        public let meanTime: Double?
        public let ci95: [Double?]
        public let totalTime: Double
    }

    /// diverged / trajectories.
    public var divergedFraction: Double { Double(diverged) / Double(trajectories) }

    /// Statistics of `outcomes`, each nominal step worth `timePerStep` of SDE time, with learning
    /// rate η for the conversion to optimizer steps. Sums run in index order, so the
    /// result does not depend on how the ensemble was scheduled.
    public init(outcomes: [TrajectoryOutcome], timePerStep: Double, learningRate: Double) {
        trajectories = outcomes.count
        var escapedCount = 0, censoredCount = 0, divergedCount = 0
        var sum = 0.0, censoredTime = 0.0, steps = 0
        for outcome in outcomes {
            steps += outcome.steps
            let t = outcome.duration * timePerStep
            switch outcome.kind {
            case .escaped: escapedCount += 1; sum += t
            case .censored: censoredCount += 1; censoredTime += t
            case .diverged: divergedCount += 1
            }
        }
        escaped = escapedCount
        censored = censoredCount
        diverged = divergedCount
        integratorSteps = steps
        var warnings: [String] = []
        if escapedCount > 0 {
            let mean = sum / Double(escapedCount)
            var squares = 0.0
            for outcome in outcomes where outcome.kind == .escaped {
                let d = outcome.duration * timePerStep - mean
                squares += d * d
            }
            meanTime = mean
            meanSteps = mean / learningRate
            if escapedCount >= 2 {
                let se = (squares / Double(escapedCount - 1)).squareRoot() / Double(escapedCount).squareRoot()
                let t = Distributions.studentTQuantile(0.975, degreesOfFreedom: Double(escapedCount - 1))
                standardError = se
                ci95 = [mean - t * se, mean + t * se]
            } else {
                standardError = nil
                ci95 = nil
                warnings.append("only one trajectory escaped: no standard error")
            }
        } else {
            meanTime = nil; meanSteps = nil; standardError = nil; ci95 = nil
            warnings.append("no trajectory escaped")
        }
        if censoredCount > 0 {
            let total = sum + censoredTime
            let d = Double(escapedCount)
            // With no escape in T, the mean μ satisfies e^{−T/μ} ≥ 0.025: μ ≥ T/ln 40.
            let lower = escapedCount > 0
                ? 2 * total / Distributions.chiSquaredQuantile(0.975, degreesOfFreedom: 2 * d)
                : total / log(40)
            let upper: Double? = escapedCount > 0
                ? 2 * total / Distributions.chiSquaredQuantile(0.025, degreesOfFreedom: 2 * d) : nil
            censoredEstimate = CensoredEstimate(meanTime: escapedCount > 0 ? total / d : nil,
                                                ci95: [lower, upper], totalTime: total)
            warnings.append("\(censoredCount) of \(trajectories) trajectories hit the step cap (censored): meanTime over escaped trajectories is biased low; use censoredEstimate (exponential rate, escapes / total time)")
        } else {
            censoredEstimate = nil
        }
        if divergedCount > 0 {
            warnings.append("\(divergedCount) of \(trajectories) trajectories diverged (non-finite or beyond the divergence radius); they are excluded from the estimates")
        }
        self.warnings = warnings
    }
}
