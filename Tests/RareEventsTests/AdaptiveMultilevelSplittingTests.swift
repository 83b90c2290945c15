import Dynamics
import Foundation
import Landscapes
import NumericKit
import Testing
import Theory
@testable import RareEvents

/// A biased simple random walk on the integers: up with probability q, else down. From 1,
/// P(reach n before 0) = (1 − r)/(1 − rⁿ), r = (1 − q)/q (gambler's ruin) — exact for the
/// discrete chain, and its integer levels tie at every iteration: the case the generalized
/// AMS of Bréhier et al. (2016) is unbiased for.
struct GamblersRuin: StorageFreeChain {
    typealias State = Int
    typealias Random = RandomStream
    let up: Double
    func level(_ state: Int) -> Double { Double(state) }
    func time(_ state: Int) -> Double { 0 }
    func step(_ state: Int, random: RandomStream) -> Int { random.uniform() < up ? state + 1 : state - 1 }

    func exact(_ n: Int) -> Double {
        let r = (1 - up) / up
        return (1 - r) / (1 - pow(r, Double(n)))
    }
}

@Suite("Adaptive multilevel splitting")
struct AdaptiveMultilevelSplittingTests {
    /// The mean of p̂ over independent runs is within 4 SE of the exact p ≈ 1.7·10⁻⁶ (brute
    /// force would need ~10⁸ walks for this error bar), for k = 1 and for k = 3 of N = 10; the
    /// error bar is small enough to catch a weight of (1 − k/N) instead of (1 − K/N).
    @Test(arguments: [(20, 1), (10, 3)])
    func unbiasedWhereTiesAbound(replicas: Int, killed: Int) throws {
        let chain = GamblersRuin(up: 0.3)
        let ams = try AdaptiveMultilevelSplitting(chain: chain, home: 0, target: 16, replicas: replicas, killed: killed)
        let stream = RandomStream(generator: .mt19937, seed: 1)
        var estimates: [Double] = []
        for r in 0..<2000 {
            stream.reseed(runSeed: 42, stream: r)
            estimates.append(try ams.run(from: Array(repeating: 1, count: replicas), random: stream).probability)
        }
        let n = Double(estimates.count)
        let mean = estimates.reduce(0, +) / n
        let se = (estimates.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1) / n).squareRoot()
        let exact = chain.exact(16)
        #expect(abs(mean - exact) <= 4 * se, "p̂ \(mean) ± \(se) against exact \(exact)")
        #expect(se < 0.1 * exact, "SE \(se) too large to test against \(exact)")
    }

    /// A chain that never rises: every replica ties at its start level, all are killed, p̂ = 0.
    @Test func allKilledGivesZero() throws {
        let ams = try AdaptiveMultilevelSplitting(chain: GamblersRuin(up: 0), home: 0, target: 5, replicas: 4)
        let run = try ams.run(from: [1, 1, 1, 1], random: RandomStream(generator: .mt19937, seed: 1))
        #expect(run.probability == 0 && run.reactiveTimes.isEmpty)
    }

    /// At p ≈ 10⁻⁹⁰ the delta method's (T_loop/p²)²·SE²(p) overflows a double; the SE stays
    /// finite and, with the loop and reactive times the same in every run, is exactly that
    /// term's root: τ·SE(p)/p to the rounding of τ ≈ T_loop/p.
    @Test func standardErrorSurvivesTinyProbabilities() {
        let runs = (0..<10).map { r in
            var run = SplittingEscapeTime.RunResult()
            (run.toEntrance, run.back, run.reactive) = ([1.5, 1.5], [0.6, 0.6], [2])
            run.probability = 1e-90 * (1 + 0.1 * Double(r - 5))
            return run
        }
        let e = SplittingEscapeTime(runs)
        #expect(e.standardError.isFinite && e.meanTime.isFinite && e.bruteForceSteps.isFinite)
        let relative = e.probabilityStandardError / e.probability
        #expect(abs(e.standardError / e.meanTime - relative) < 1e-9 * relative, "\(e.standardError / e.meanTime) vs \(relative)")
    }

    @Test func badSettingsAreRefused() {
        #expect(throws: InvalidParameter.self) { try AdaptiveMultilevelSplitting(chain: GamblersRuin(up: 0.5), home: 1, target: 1, replicas: 4) }
        #expect(throws: InvalidParameter.self) { try AdaptiveMultilevelSplitting(chain: GamblersRuin(up: 0.5), home: 0, target: 2, replicas: 1) }
        #expect(throws: InvalidParameter.self) { try AdaptiveMultilevelSplitting(chain: GamblersRuin(up: 0.5), home: 0, target: 2, replicas: 4, killed: 4) }
        #expect(throws: InvalidParameter.self) {
            try AdaptiveMultilevelSplitting(chain: GamblersRuin(up: 0.5), home: 0, target: 9, replicas: 2)
                .run(from: [0, 1], random: RandomStream(generator: .mt19937, seed: 1))
        }
    }

    /// SGD with isotropic noise on the quartic double well at ΔΦ = 15, where one brute-force
    /// escape takes ~2·10⁹ SDE steps: the renewal estimate of τ from AMS (100 runs of N = 200,
    /// SE ≈ 3%) is within 4 SE + 3% of the exact MFPT — the allowance for dt = 0.002 with the
    /// Brownian bridge, which the kramers sweep measures within 2% at ΔΦ ≤ 8.
    @Test func renewalTimeMatchesTheExactMFPT() throws {
        let (chain, start, y, dt, settings) = try Self.quarticAtFifteen()
        var s = settings
        (s.replicas, s.runs) = (200, 100)
        let exact = try #require(try ExactMFPT(sde: chain.sde, from: start, to: y, breakpoints: chain.sde.breakpoints).time)
        let estimate = try SplittingEscapeTime.estimate(chain, from: .init(x: start), settings: s, seed: 7) {
            RandomStream(generator: .mt19937, seed: $0)
        }
        let tau = estimate.meanTime * dt, se = estimate.standardError * dt
        #expect(abs(tau - exact) <= 4 * se + 0.03 * exact, "AMS τ \(tau) ± \(se) against exact \(exact); p \(estimate.probability)")
        #expect(se < 0.05 * exact, "SE \(se) of τ \(tau)")
        #expect(estimate.bruteForceSteps > 1e3 * Double(estimate.steps))
    }

    /// Run r draws from stream r of the seed: the same numbers on 1 and 2 threads.
    @Test func sameSeedSameNumbersAnyThreadCount() throws {
        let (chain, start, _, _, settings) = try Self.quarticAtFifteen()
        var s = settings
        (s.replicas, s.runs, s.loops) = (20, 6, 50)
        let estimates = try [1, 2].map { threads in
            s.threads = threads
            return try SplittingEscapeTime.estimate(chain, from: .init(x: start), settings: s, seed: 3) { RandomStream(generator: .mt19937, seed: $0) }
        }
        #expect(estimates[0].meanTime == estimates[1].meanTime && estimates[0].steps == estimates[1].steps)
        #expect(estimates[0].probability == estimates[1].probability && estimates[0].iterations == estimates[1].iterations)
    }

    /// The chain, start, escape point, dt and levels: home half a well width above the
    /// minimum, the entrance at two widths, the target the escape point.
    static func quarticAtFifteen() throws -> (SteppedSDEChain<ReducedSDE<QuarticLandscape, IsotropicNoise, SGDPreconditioner>, EulerMaruyama, RandomStream>,
                                             Double, Double, Double, SplittingEscapeTime.Settings) {
        let temperature = 1.0 / 15
        let sde = ReducedSDE(landscape: try QuarticLandscape(barrier: 1), noise: IsotropicNoise(sigma2: 2 * temperature),
                             preconditioner: SGDPreconditioner(), learningRate: 1)
        let (start, y, dt) = (-1.0, 0.5, 0.002)
        let chain = SteppedSDEChain<_, _, RandomStream>(sde: sde, integrator: EulerMaruyama(for: sde), profile: StepSizeProfile(uniform: dt), target: y)
        let width = (temperature / 8).squareRoot()  // the well's standard deviation: L″(−1) = 8
        return (chain, start, y, dt, SplittingEscapeTime.Settings(home: start + 0.5 * width, entrance: start + 2 * width, target: y))
    }
}
