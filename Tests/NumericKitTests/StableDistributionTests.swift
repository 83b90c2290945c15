import Foundation
import Testing
@testable import NumericKit

/// The symmetric α-stable draws of both engines (GSL's `gsl_ran_levy` and the fast engine's
/// Chambers–Mallows–Stuck) against the laws they claim, and the tail constants of the jump law
/// (docs/theory.md §15). Fixed seeds; each test rejects at p < 0.001.
@Suite("α-stable law")
struct StableDistributionTests {
    static let n = 20_000

    static func sample(_ source: some RandomSource, alpha: Double) -> [Double] {
        (0..<n).map { _ in source.stable(alpha: alpha) }.sorted()
    }

    static func accepts(_ d: Double, size: Double) -> Bool { KolmogorovSmirnov.pValue(size.squareRoot() * d) > 0.001 }

    /// α = 2 is the normal law of variance 2 (GSL's convention, c = 1), α = 1 the standard
    /// Cauchy law: both engines, one-sample KS against the closed-form CDF.
    @Test func theClosedFormMembersAreNormalOfVarianceTwoAndCauchy() {
        for source in [AnyRandomSource(generator: .mt19937, seed: 3), AnyRandomSource(generator: .fast, seed: 3)] {
            let normal = Self.sample(source, alpha: 2)
            let dNormal = KolmogorovSmirnov.statistic(sorted: normal) { Distributions.normalCDF($0 / 2.0.squareRoot()) }
            #expect(Self.accepts(dNormal, size: Double(Self.n)), "α = 2: D = \(dNormal)")
            let cauchy = Self.sample(source, alpha: 1)
            let dCauchy = KolmogorovSmirnov.statistic(sorted: cauchy) { 0.5 + atan($0) / Double.pi }
            #expect(Self.accepts(dCauchy, size: Double(Self.n)), "α = 1: D = \(dCauchy)")
        }
    }

    /// At α = 1.5 the fast engine's formula and GSL's draw the same law (two-sample KS), and the
    /// tail P(|X| > x) at x = 10 is 2·K_α·x^{−α} within 4 binomial SE plus the next order of the
    /// tail expansion, O(x^{−α}) relative = 3.2% (Samorodnitsky & Taqqu, Property 1.2.15).
    @Test func theEnginesAgreeAndTheTailIsThePowerLaw() {
        let alpha = 1.5
        let gsl = Self.sample(RandomStream(runSeed: 5, stream: 0), alpha: alpha)
        let fast = Self.sample(FastRandomStream(runSeed: 5, stream: 0), alpha: alpha)
        let d = KolmogorovSmirnov.statistic(sorted: gsl, fast)
        #expect(Self.accepts(d, size: Double(Self.n) / 2), "D = \(d)")
        let x = 10.0
        let predicted = 2 * StableDistribution.tailConstant(alpha: alpha) * pow(x, -alpha)
        for draws in [gsl, fast] {
            let p = Double(draws.filter { abs($0) > x }.count) / Double(Self.n)
            let se = (predicted * (1 - predicted) / Double(Self.n)).squareRoot()
            #expect(abs(p - predicted) <= 4 * se + pow(x, -alpha) * predicted, "P(|X| > 10) = \(p), predicted \(predicted)")
        }
    }

    /// K_α = Γ(α)sin(πα/2)/π: 1/π for the Cauchy law, 0 at α = 2; the small jumps' variance rate
    /// tends to 2c², S_2(c)'s variance, as α → 2.
    @Test func tailConstantsAndTheGaussianLimit() {
        #expect(abs(StableDistribution.tailConstant(alpha: 1) - 1 / Double.pi) < 1e-15)
        #expect(StableDistribution.tailConstant(alpha: 2) == 0)
        for alpha in [2 - 1e-4, 2 - 1e-6] {
            let v = StableDistribution.truncatedVariance(alpha: alpha, scale: 0.7, cutoff: 1.3)
            #expect(abs(v / (2 * 0.49) - 1) < 20 * (2 - alpha), "α = \(alpha): \(v)")
        }
    }
}
