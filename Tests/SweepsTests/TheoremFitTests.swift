import Foundation
import NumericKit
import Testing
@testable import Sweeps

/// The theorem fits on synthetic data with known answers.
@Suite("Theorem fits")
struct TheoremFitTests {
    /// Noise-free ln τ = 0.3 + 2.5·x: the Arrhenius slope is 2.5 whatever the error bars.
    @Test func arrheniusSlopeOfExactData() throws {
        let x = [2.0, 3, 4.5, 6]
        let times = x.map { exp(0.3 + 2.5 * $0) }
        let fit = try ArrheniusFit(barrierOverLearningRate: x, times: times, standardErrors: zip(times, [0.02, 0.05, 0.03, 0.04]).map { $0 * $1 })
        #expect(abs(fit.slope - 2.5) < 1e-10 && abs(fit.fit.intercept - 0.3) < 1e-9)
    }

    /// Slopes b ∝ (B/H)^p at a fixed H_b/H_a (the bracket of THEORY §4 with s = 1/3, ratio 2):
    /// the fitted exponent is p, and the verdict accepts p and rejects another value.
    @Test(arguments: [0.5, 1.0, 1.5])
    func exponentOfNoiseFreeSlopes(p: Double) throws {
        let sharpness = [0.125, 0.25, 0.5, 1.0]
        let s = 1.0 / 3
        let slopes = sharpness.map { v in 2 * (s * pow(v, p) + (1 - s) * pow(2 * v, p)) }
        let fit = try ExponentFit(sharpness: sharpness, slopes: slopes, slopeStandardErrors: slopes.map { 0.02 * $0 }, theory: p)
        #expect(abs(fit.p - p) < 1e-10)
        #expect(fit.consistent == true)
        let wrong = try ExponentFit(sharpness: sharpness, slopes: slopes, slopeStandardErrors: slopes.map { 0.02 * $0 }, theory: p + 0.25)
        #expect(wrong.consistent == false && wrong.verdict.contains("NOT consistent"))
    }

    /// With Gaussian errors of the stated size the 95% interval covers the true exponent in at
    /// least 95% − 4 binomial SE of 400 replicates (t with n − 2 dof and Birge scaling are
    /// conservative when the errors are known, so over-coverage is allowed).
    @Test func intervalCoverage() throws {
        let stream = RandomStream(seed: 12)
        let sharpness = [0.125, 0.25, 0.5, 1.0, 2.0]
        let replicates = 400
        var covered = 0
        for _ in 0..<replicates {
            let slopes = sharpness.map { 3 * pow($0, 1.5) * exp(0.05 * stream.gaussian()) }
            let fit = try ExponentFit(sharpness: sharpness, slopes: slopes, slopeStandardErrors: slopes.map { 0.05 * $0 }, theory: 1.5)
            if fit.consistent == true { covered += 1 }
        }
        let rate = Double(covered) / Double(replicates)
        #expect(rate >= 0.95 - 4 * (0.05 * 0.95 / Double(replicates)).squareRoot(), "coverage \(rate)")
    }

    @Test func tooFewPointsAreRefused() {
        #expect(throws: InvalidParameter.self) {
            _ = try ExponentFit(sharpness: [1, 2], slopes: [1, 2], slopeStandardErrors: [0.1, 0.1], theory: 1)
        }
        #expect(throws: InvalidParameter.self) {
            _ = try ArrheniusFit(barrierOverLearningRate: [1, 2, 3], times: [1, -2, 3], standardErrors: [0.1, 0.1, 0.1])
        }
    }
}
