import Foundation
import Testing
@testable import Dynamics
import Landscapes
import NumericKit

/// The learning-rate schedules and the SDE's optimizer-step clock (docs/theory.md §14).
@Suite struct LearningRateScheduleTests {
    @Test(arguments: ["constant", "cosine:steps=1000,min=0.01", "step:every=250,factor=0.5", "cosine:steps=7,min=0"])
    func parsesWhatItWrites(_ text: String) throws {
        let schedule = try LearningRateSchedule.parse(text)
        #expect(schedule.description == text)
        #expect(try LearningRateSchedule.parse(schedule.description) == schedule)
    }

    @Test func keysInAnyOrder() throws {
        #expect(try LearningRateSchedule.parse("cosine:min=0.01,steps=100") == .cosine(steps: 100, minimum: 0.01))
        #expect(try LearningRateSchedule.parse("step:factor=0.5,every=3") == .step(every: 3, factor: 0.5))
    }

    @Test(arguments: ["", "cosine", "cosine:steps=10", "cosine:steps=10,min=0.1,every=2", "cosine:steps=0,min=0",
                      "cosine:steps=2.5,min=0", "cosine:steps=10,steps=20,min=0", "linear:steps=10", "step:every=10,factor=x",
                      "step:every=-1,factor=0.5", "cosine:steps=1e13,min=0", "cosine:steps=200000000,min=0"])
    func refusesMalformedSchedules(_ text: String) {
        #expect(throws: InvalidParameter.self) { try LearningRateSchedule.parse(text) }
    }

    @Test(arguments: [("cosine:steps=10,min=0.2", 0.1), ("cosine:steps=10,min=-0.01", 0.1), ("step:every=10,factor=0", 0.1),
                      ("step:every=10,factor=1.5", 0.1), ("cosine:steps=10,min=nan", 0.1)])
    func refusesRisingOrNonNumericRates(_ text: String, _ eta: Double) throws {
        let schedule = try LearningRateSchedule.parse(text)
        #expect(throws: InvalidParameter.self) { try schedule.validate(learningRate: eta) }
    }

    @Test func cosineRunsFromEtaToTheMinimumAndStays() {
        let s = LearningRateSchedule.cosine(steps: 100, minimum: 0.01)
        #expect(s.rate(atStep: 1, initial: 0.1) == 0.1)
        #expect(abs(s.rate(atStep: 51, initial: 0.1) - 0.055) < 1e-15)
        #expect(s.rate(atStep: 101, initial: 0.1) == 0.01)
        #expect(s.rate(atStep: 10_000, initial: 0.1) == 0.01)
        #expect(s.lastStepAtSameRate(from: 50) == 50 && s.lastStepAtSameRate(from: 101) == .max)
        #expect(LearningRateSchedule.cosine(steps: 100, minimum: 0).lastMovingStep == 100)
        #expect(s.lastMovingStep == nil)
    }

    @Test func stepScheduleDropsEveryKSteps() {
        let s = LearningRateSchedule.step(every: 10, factor: 0.5)
        #expect(s.rate(atStep: 10, initial: 0.2) == 0.2)
        #expect(s.rate(atStep: 11, initial: 0.2) == 0.1)
        #expect(s.rate(atStep: 31, initial: 0.2) == 0.025)
        #expect(s.lastStepAtSameRate(from: 11) == 20)
        #expect(s.horizonStep == 40)
    }

    /// A schedule that keeps the rate at η computes η exactly: the scheduled paths are then
    /// bit-identical to the unscheduled ones (EscapeTests).
    @Test func constantEquivalentSchedulesReturnEtaExactly() {
        for k in [1, 2, 17, 1000, 123_456] {
            #expect(LearningRateSchedule.cosine(steps: 500, minimum: 0.3).rate(atStep: k, initial: 0.3) == 0.3)
            #expect(LearningRateSchedule.step(every: 7, factor: 1).rate(atStep: k, initial: 0.3) == 0.3)
        }
    }

    /// The clock's jump over a constant stretch lands where stepping one optimizer step at a
    /// time lands, and k(t) runs through the steps: s_k = η_1 + … + η_k.
    @Test func clockFollowsTheCumulativeRate() {
        let schedule = LearningRateSchedule.step(every: 40, factor: 0.5)
        var clock = LearningRateClock(schedule: schedule, initialRate: 0.1)
        var cumulative = [0.0]
        for k in 1...400 { cumulative.append(cumulative.last! + schedule.rate(atStep: k, initial: 0.1)) }
        var t = 0.0
        for dt in [0.037, 0.25, 1.3, 0.004, 2.0, 0.5] {
            _ = clock.advance(by: dt)
            t += dt
            let k = cumulative.firstIndex { $0 > t }!
            #expect(clock.step == k, "t = \(t)")
            #expect(clock.rate == schedule.rate(atStep: k, initial: 0.1))
            let expected = Double(k - 1) + (t - cumulative[k - 1]) / clock.rate
            #expect(abs(clock.elapsedSteps - expected) < 1e-9 * expected)
        }
    }

    /// What a scheduled SDE run rebuilds when η_k changes: the SDE at η′ has the same drift and
    /// g scaled by √(η′/η) (and the same SDE at η again is bit-identical); skew-euler's interfaces
    /// scale with g, so their crossing probabilities (ratios) are unchanged.
    @Test func rebuiltCoefficientsAtAnotherRate() throws {
        let pq = try PiecewiseQuadraticLandscape(ha: 4, hb: 2, barrier: 0.5)
        let sde = ReducedSDE(landscape: pq, noise: HessianNoise(landscape: pq, batch: 1, floor: 0.1),
                             preconditioner: AdamPreconditioner(epsilon: 1e-8), learningRate: 0.1)
        let colder = sde.at(learningRate: 0.025), same = sde.at(learningRate: 0.1)
        for x in stride(from: -0.9, through: 1.4, by: 0.173) {
            #expect(colder.drift(x) == sde.drift(x))
            #expect(abs(colder.diffusion(x) / sde.diffusion(x) - 0.5) < 1e-15)
            #expect(abs(colder.diffusionSlope(x) / sde.diffusionSlope(x) - 0.5) < 1e-12 || sde.diffusionSlope(x) == 0)
            #expect(same.diffusion(x) == sde.diffusion(x) && same.diffusionSlope(x) == sde.diffusionSlope(x))
        }
        let skew = SkewEuler(for: sde), scaled = skew.scaled(noise: 0.5)
        #expect(!skew.interfaces.isEmpty)
        for (a, b) in zip(skew.interfaces, scaled.interfaces) {
            #expect(b.position == a.position && b.left == 0.5 * a.left && b.right == 0.5 * a.right)
            #expect(abs(b.rightProbability - a.rightProbability) < 1e-15)
        }
        #expect(skew.scaled(noise: 1).interfaces == skew.interfaces)
        #expect(SkewEuler(for: colder).interfaces.map(\.left).elementsEqual(scaled.interfaces.map(\.left)) { abs($0 / $1 - 1) < 1e-14 })
    }

    @Test func clockEndsWhereTheRateReachesZero() {
        var clock = LearningRateClock(schedule: .cosine(steps: 20, minimum: 0), initialRate: 0.1)
        var changed = 0
        // dt below the smallest positive rate (η_20 ≈ 6·10⁻⁴): at most one step per advance.
        for _ in 0..<200_000 where !clock.ended { if clock.advance(by: 1e-5) { changed += 1 } }
        #expect(clock.ended)
        #expect(clock.elapsedSteps == 20)
        #expect(changed == 20, "one change per step of the cosine, the last to 0")
    }
}
