/// One verdict per sweep, from what the sweep judges (the line `escape reproduce` prints; the
/// details are in each sweep's summary.md):
///
/// - the fits that carry a verdict, when there are any — the exponent, the Arrhenius slopes,
///   selectivity, DualAdam's escape fraction, the time-step orders: "consistent" only if all are;
/// - otherwise the points: "consistent" only if every point agrees with its reference within
///   4 SE + the stated allowance.
///
/// The points of a sweep judged by its fits need not all agree (DualAdam's censored mean times;
/// Euler–Maruyama's biased rows in the time-step study): the basis says how many do.
public struct SweepVerdict: Sendable, Equatable, Codable {
    public let sweep: String
    /// nil when the sweep has nothing to judge (no rows).
    public let consistent: Bool?
    /// "3/3 fits consistent; 6/10 points agree", "5/5 points agree".
    public let basis: String

    public init(sweep: String, rows: [SweepRow], fits: [SweepFitResult]) {
        self.sweep = sweep
        let judged = fits.compactMap(\.consistent)
        let agreeing = rows.filter(\.agrees).count
        let points = "\(agreeing)/\(rows.count) points agree"
        if !judged.isEmpty {
            consistent = judged.allSatisfy { $0 }
            basis = "\(judged.filter { $0 }.count)/\(judged.count) fits consistent; \(points)"
        } else {
            consistent = rows.isEmpty ? nil : agreeing == rows.count
            basis = points
        }
    }

    public init(sweep: String, consistent: Bool?, basis: String) {
        self.sweep = sweep; self.consistent = consistent; self.basis = basis
    }

    public var word: String { consistent.map { $0 ? "consistent" : "NOT consistent" } ?? "—" }
}
