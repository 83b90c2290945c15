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

    /// Slopes b ∝ (B/H)^p at a fixed H_b/H_a (the bracket of docs/theory.md §4 with s = 1/3, ratio 2):
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

/// The sweep-level fits on synthetic rows with a known answer.
@Suite("Sweep fits")
struct SweepFitsTests {
    /// A row with the fields the fits read; the rest are placeholders.
    static func row(_ index: Int, optimizer: String, parameters: [String: Any], batchOverCurvature: Double?, x: Double,
                    time: Double, se: Double, reference: Double, from: String = "left", curvature: Double = 1,
                    theory: Double? = nil, learningRate: Double = 0.1, batch: Double? = nil) throws -> SweepRow {
        var object: [String: Any] = [
            "index": index, "seed": 1, "parameters": parameters, "label": "p\(index)", "landscape": "pq", "dimension": 1,
            "optimizer": optimizer, "noise": "frozen", "learningRate": learningRate, "model": "sde", "from": from,
            "trajectories": 100, "escaped": 100, "censored": 0, "diverged": 0, "integratorSteps": 1, "barrier": x * learningRate,
            "curvatureAtMinimum": curvature, "curvatureAtSaddle": -0.5, "barrierOverLearningRate": x, "reference": "exactTime",
            "agrees": true, "allowance": 0.03, "wallSeconds": 0, "meanTime": time, "standardError": se, "referenceTime": reference,
        ]
        if let batchOverCurvature { object["batchOverCurvature"] = batchOverCurvature }
        if let theory { object["theoryExponent"] = theory }
        if let batch { object["batch"] = batch }
        return try JSONDecoder().decode(SweepRow.self, from: JSONSerialization.data(withJSONObject: object))
    }

    /// ln τ = c + κ·b(B/H)·(ΔL/η) with b ∝ (B/H)^p, noise-free: the exponent is p exactly and
    /// the exact-prediction fit gives the same.
    @Test(arguments: [0.5, 1.0, 1.5])
    func exponentFromNoiseFreeRows(p: Double) throws {
        var rows: [SweepRow] = []
        for (i, sharpness) in [0.0625, 0.125, 0.25, 0.5].enumerated() {
            let b = 2 * pow(sharpness, p)
            for (j, phi) in [2.0, 3, 4].enumerated() {
                let x = phi / b
                let tau = exp(0.7 + 0.9 * b * x)
                rows.append(try Self.row(3 * i + j, optimizer: "sgd", parameters: ["landscape.ha": 1 / sharpness, "effective-barrier": phi],
                                         batchOverCurvature: sharpness, x: x, time: tau, se: 0.03 * tau, reference: tau, theory: p))
            }
        }
        let fits = SweepFits.run([FitRequest(.exponent)], rows: rows)
        #expect(fits.count == 1)
        let f = try #require(fits.first)
        #expect(abs(f.measured! - p) < 1e-9 && abs(f.exact! - p) < 1e-9 && f.consistent == true, "\(f.detail)")
        #expect(f.levels?.count == 4)
    }

    /// Too few sharpness levels: no verdict, and the reason.
    @Test func exponentNeedsThreeLevels() throws {
        let rows = try (0..<6).map { k in
            try Self.row(k, optimizer: "adam", parameters: ["landscape.ha": Double(k / 3)], batchOverCurvature: Double(1 + k / 3),
                         x: Double(k % 3 + 1), time: exp(Double(k % 3)), se: 0.1, reference: 1)
        }
        let f = try #require(SweepFits.run([FitRequest(.exponent)], rows: rows).first)
        #expect(f.consistent == nil && f.detail.contains("3 needed"))
    }

    /// ln(τ_flat/τ_sharp) from the two wells, the flat one found by curvature.
    @Test func selectivityFromTwoWells() throws {
        let sharp = try Self.row(0, optimizer: "sgd", parameters: ["from": "left"], batchOverCurvature: nil, x: 1, time: 2, se: 0.02,
                                 reference: 2, from: "left", curvature: 8)
        let flat = try Self.row(1, optimizer: "sgd", parameters: ["from": "right"], batchOverCurvature: nil, x: 1, time: 2 * exp(1.3),
                                se: 0.1, reference: 2 * exp(1.25), from: "right", curvature: 2)
        let f = try #require(SweepFits.run([FitRequest(.selectivity)], rows: [sharp, flat]).first)
        #expect(abs(f.measured! - 1.3) < 1e-12 && abs(f.expected! - 1.25) < 1e-12 && f.consistent == true)
        #expect(f.group == "optimizer=sgd")
    }

    /// Slope of ln τ against 1/η, measured and exact; a measured slope off by many SE is rejected.
    @Test func arrheniusAgainstTheExactSlope() throws {
        func rows(_ measuredSlope: Double) throws -> [SweepRow] {
            try [0.2, 0.1, 0.0667, 0.05].enumerated().map { k, eta in
                try Self.row(k, optimizer: "sgd", parameters: ["lr": eta], batchOverCurvature: nil, x: 1, time: exp(0.5 + measuredSlope / eta),
                             se: 0.02 * exp(0.5 + measuredSlope / eta), reference: exp(0.4 + 0.3 / eta), learningRate: eta)
            }
        }
        let good = try #require(SweepFits.run([FitRequest(.arrhenius, x: .inverseLearningRate)], rows: try rows(0.3)).first)
        #expect(good.consistent == true && abs(good.measured! - 0.3) < 1e-9 && abs(good.expected! - 0.3) < 1e-9)
        let bad = try #require(SweepFits.run([FitRequest(.arrhenius, x: .inverseLearningRate)], rows: try rows(0.36)).first)
        #expect(bad.consistent == false)
    }
}
