import Dynamics
import Foundation
import Landscapes
import NumericKit
import Testing
@testable import Theory

/// Loss-proportional noise, C = 2L/B (docs/theory.md §13): the exact MFPT against the power
/// law (L_saddle/L_min)^{1/κ + 1/2}, κ = ηP/B, and the Arrhenius form it replaces.
@Suite("Loss noise: the power law")
struct PowerLawPredictionTests {
    func prediction(_ spec: String, lr: Double, batch: Double = 1) throws -> Prediction {
        try Predictor.predict(try problem(spec, NoiseSpec(LossNoiseModel(batch: batch)), lr: lr))
    }

    /// Φ = ln L/κ exactly, so ΔΦ = ln(L_b/L_a)/κ whatever the landscape's shape.
    @Test(arguments: ["quartic:barrier=1,floor=0.5", "pq:ha=4,hb=2,barrier=0.5,floor=0.2", "quartic:barrier=1,tilt=0.3,floor=1"])
    func theEffectiveBarrierIsTheLogLossRatioOverKappa(spec: String) throws {
        let p = try prediction(spec, lr: 0.1, batch: 2)
        let ratio = (p.saddle.value) / p.minimum.value
        #expect(abs(p.effectiveBarrier / (log(ratio) / 0.05) - 1) < 1e-6, "ΔΦ \(p.effectiveBarrier), ratio \(ratio)")
        #expect(abs(try #require(p.powerLaw).lossRatio / ratio - 1) < 1e-12)
    }

    /// The slope of ln τ_exact against ln(L_b/L_a), between two floors at fixed ΔL, is the power
    /// law's 1/κ + 1/2 up to the Laplace error's variation with the floor: on `pq` the O(κ) terms
    /// cancel (§13), so at κ = 0.02 (exponent 50.5) the slope is within 0.5% of it; the Arrhenius
    /// form's d ln τ / d ln r = r/κ is not (r = 1.5…2: 75–100).
    @Test func theExactSlopeIsThePowerLawExponent() throws {
        let low = try prediction("pq:ha=4,hb=2,barrier=0.5,floor=1", lr: 0.02)
        let high = try prediction("pq:ha=4,hb=2,barrier=0.5,floor=0.5", lr: 0.02)
        let (lw, hw) = (try #require(low.powerLaw), try #require(high.powerLaw))
        #expect(lw.exponent == 50.5)
        let slope = (high.logExactTime - low.logExactTime) / (log(hw.lossRatio) - log(lw.lossRatio))
        #expect(abs(slope / lw.exponent - 1) < 0.005, "slope \(slope)")
        let arrheniusSlope = (hw.logArrheniusTime - lw.logArrheniusTime) / (log(hw.lossRatio) - log(lw.lossRatio))
        #expect(arrheniusSlope > 1.4 * slope)
    }

    /// The power law overtakes the Arrhenius form as ΔL grows against L_a: at r = 1.02 they
    /// agree to (r − 1)²/(2κ) in ln τ; at r = 4 (κ = 1/4) the Arrhenius form overstates the exact
    /// MFPT by more than e³, the power law is within 25% of it (its O(κ) error).
    @Test func theArrheniusFormFailsWhenTheBarrierExceedsTheLossAtTheMinimum() throws {
        let near = try prediction("pq:ha=4,hb=2,barrier=0.02,floor=1", lr: 0.002)
        let nw = try #require(near.powerLaw)
        #expect(abs(nw.logArrheniusTime - nw.logTime) < 0.0004 / 0.004 + 0.01)
        let far = try prediction("pq:ha=4,hb=2,barrier=0.75,floor=0.25", lr: 0.25)
        let fw = try #require(far.powerLaw)
        #expect(fw.logArrheniusTime - far.logExactTime > 3)
        let (law, exact) = (try #require(fw.time), try #require(far.exactTime))
        #expect(abs(law / exact - 1) < 0.25)
    }
}
