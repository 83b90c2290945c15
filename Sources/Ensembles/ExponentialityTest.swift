import Foundation

/// Are the escape times exponential (memoryless), as a rare escape over a barrier should be
/// (docs/theory.md §4)? The Kolmogorov–Smirnov distance between the Kaplan–Meier survival
/// function and the exponential with the fitted mean,
///
///     D = sup_t |S_KM(t) − exp(−t/μ̂)|,    μ̂ = (total time of all trajectories)/escapes,
///
/// checked on both sides of every jump. With the mean estimated from the same data the
/// plain KS table is wrong; Stephens' modification for the exponential with unknown mean,
/// D* = (D − 0.2/n)(√n + 0.26 + 0.5/√n), has the 5% critical value 1.094 (D'Agostino &
/// Stephens, Goodness-of-Fit Techniques, 1986, Table 4.17), n the number of escapes. The
/// table is for uncensored samples; with censoring the verdict is approximate.
public struct ExponentialityTest: Sendable, Equatable, Codable {
    /// D.
    public let statistic: Double
    /// D*.
    public let modifiedStatistic: Double
    /// The 5% critical value of D*.
    public let critical5: Double
    /// D* ≤ critical5.
    public let consistentWithExponential: Bool
    /// μ̂ (SDE time).
    public let fittedMeanTime: Double
    public let escapes: Int

    public static let criticalValue5 = 1.094

    /// nil with fewer than 5 escapes.
    public init?(curve: SurvivalCurve) {
        let escapes = curve.rows.reduce(0) { $0 + $1.escapes }
        guard escapes >= 5 else { return nil }
        // Total time on test: each trajectory contributes its time (escaped, censored or diverged).
        let total = curve.rows.reduce(0.0) { $0 + Double($1.escapes + $1.removed) * $1.time }
        let mean = total / Double(escapes)
        var d = 0.0, before = 1.0
        for row in curve.rows {
            let model = exp(-row.time / mean)
            d = max(d, abs(before - model), abs(row.survival - model))
            before = row.survival
        }
        let n = Double(escapes)
        statistic = d
        modifiedStatistic = (d - 0.2 / n) * (n.squareRoot() + 0.26 + 0.5 / n.squareRoot())
        critical5 = Self.criticalValue5
        consistentWithExponential = modifiedStatistic <= critical5
        fittedMeanTime = mean
        self.escapes = escapes
    }
}
