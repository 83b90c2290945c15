import Dispatch
import Foundation
import NumericKit

/// The mean escape time from adaptive multilevel splitting, by the renewal decomposition of
/// Cérou, Guyader, Lelièvre & Pommier (J. Chem. Phys. 134, 054108, 2011). Home is
/// A = {ξ ≤ a} around the start minimum, Σ = {ξ ≥ z} a level just outside it (a < z < b), the
/// target B = {ξ ≥ b}. An escape is a run of loops — from A out to Σ and back to A — ended by
/// the first excursion that goes on from Σ to B, which each excursion does with probability
/// p (independently, as the chain renews on re-entering A). So
///
///     τ = ((1 − p)/p)·(T_AΣ + T_ΣA) + T_AΣ + T_ΣB,
///
/// with T_AΣ the mean time from A to Σ, T_ΣA that of an excursion's return to A, and T_ΣB the
/// mean duration of a reactive excursion. Each run simulates `loops` loops by brute force (T_AΣ,
/// T_ΣA, and the states where the walker entered Σ), then one AMS run from N of those entrance
/// states drawn uniformly (p̂ and reactive durations). Across runs: p̄ = mean p̂ (unbiased),
/// T_ΣB = Σ p̂_r·T̄_B,r / Σ p̂_r, and the SE of τ by the delta method,
///
///     SE²(τ) = (T_loop/p²)²·SE²(p̄) + ((1 − p)/p)²·SE²(T_loop) + SE²(T_AΣ) + SE²(T_ΣB),
///
/// (the first term dominates). The renewal needs the walker to forget where it re-entered A:
/// choose A small and deep in the well, Σ close to it. Run r draws from stream r of the seed,
/// so the numbers do not depend on the thread count.
public struct SplittingEscapeTime: Sendable, Codable {
    /// p̄, its SE and the 95% CI (normal) from the runs.
    public let probability: Double
    public let probabilityStandardError: Double
    public let probabilityCI95: [Double]
    /// T_AΣ, T_ΣA and T_ΣB in the chain's time unit.
    public let timeToEntrance: Double
    public let timeBack: Double
    public let reactiveTime: Double
    /// τ and its SE, in the chain's time unit.
    public let meanTime: Double
    public let standardError: Double
    /// Loops simulated by brute force (all runs), AMS iterations (all runs), chain steps in all.
    public let loops: Int
    public let iterations: Int
    public let steps: Int
    public let runs: Int
    /// The steps brute force would take for the same relative standard error: escape times are
    /// near exponential (one trajectory's SD ≈ τ), so (τ/SE)² trajectories of τ each — τ in
    /// the chain's time unit, i.e. steps at the nominal step.
    public let bruteForceSteps: Double

    /// The levels and sizes of one estimate.
    public struct Settings: Sendable {
        /// a, z, b: home ξ ≤ a, entrance ξ ≥ z, target ξ ≥ b.
        public var home: Double
        public var entrance: Double
        public var target: Double
        /// N and k of each AMS run.
        public var replicas = 100
        public var killed = 1
        /// Independent runs (the error bar) and brute-force loops per run.
        public var runs = 100
        public var loops = 200
        public var threads: Int?
        public init(home: Double, entrance: Double, target: Double) {
            self.home = home; self.entrance = entrance; self.target = target
        }
    }

    /// Estimates τ for `chain` started at `start` (in A); run r draws from `source(seed of stream r)`.
    public static func estimate<C: SplittableChain>(
        _ chain: C, from start: C.State, settings: Settings, seed: UInt64, source: @escaping @Sendable (UInt64) -> C.Random
    ) throws(InvalidParameter) -> SplittingEscapeTime {
        let s = settings
        guard s.home < s.entrance, s.entrance < s.target else {
            throw InvalidParameter("ams levels", given: "home \(s.home), entrance \(s.entrance), target \(s.target)",
                                   allowed: "home < entrance < target")
        }
        guard chain.level(start) <= s.home else {
            throw InvalidParameter("ams home", given: "\(s.home) (the start is at level \(chain.level(start)))", allowed: "a home level at or above the start")
        }
        guard s.runs >= 2 else { throw InvalidParameter("ams-runs", given: "\(s.runs)", allowed: "a whole number ≥ 2") }
        guard s.loops >= 1 else { throw InvalidParameter("ams-loops", given: "\(s.loops)", allowed: "a whole number ≥ 1") }
        let splitting = try AdaptiveMultilevelSplitting(chain: chain, home: s.home, target: s.target, replicas: s.replicas, killed: s.killed)
        let results = RunSlots<RunResult>(count: s.runs)
        let counter = WorkCounter()
        let threads = max(1, min(s.runs, s.threads ?? ProcessInfo.processInfo.activeProcessorCount))
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            while true {
                let r = counter.take(1)
                guard r < s.runs else { return }
                let random = source(StreamSeeding.streamSeed(run: seed, stream: UInt64(r)))
                results.set(r, Result { () throws(InvalidParameter) -> RunResult in
                    try Self.run(chain, splitting, from: start, settings: s, random: random)
                })
            }
        }
        var runs: [RunResult] = []
        for r in 0..<s.runs { runs.append(try results.get(r).get()) }
        return SplittingEscapeTime(runs)
    }

    /// One run: the loops, then AMS from their entrance states.
    struct RunResult: Sendable {
        var toEntrance: [Double] = []
        var back: [Double] = []
        var probability = 0.0
        var reactive: [Double] = []
        var iterations = 0
        var steps = 0
    }

    static func run<C: SplittableChain>(_ chain: C, _ splitting: AdaptiveMultilevelSplitting<C>, from start: C.State,
                                        settings s: Settings, random: C.Random) throws(InvalidParameter) -> RunResult {
        var result = RunResult()
        let step = chain.makeStep()
        var entrances: [C.State] = []
        var state = start
        // The level of `state`, computed once per step (for an erased chain it is an indirect call).
        var level = chain.level(start)
        let cap = splitting.maxSegmentSteps
        func restart() { state = start; level = chain.level(start) }
        while result.back.count < s.loops {
            // Out of A to Σ.
            var t0 = chain.time(state), taken = 0
            while level < s.entrance {
                state = step(state, random); level = chain.level(state); taken += 1
                guard taken < cap else { throw InvalidParameter("ams entrance", given: "\(s.entrance)", allowed: "a level the walker reaches from home") }
            }
            result.steps += taken
            result.toEntrance.append(chain.time(state) - t0)
            if level >= s.target { restart(); continue }  // reached B at once: restart (rare by the choice of Σ)
            entrances.append(state)
            // From Σ back to A (or, rarely, on to B: restart).
            t0 = chain.time(state); taken = 0
            while level > s.home && level < s.target {
                state = step(state, random); level = chain.level(state); taken += 1
                guard taken < cap else { throw InvalidParameter("ams home", given: "\(s.home)", allowed: "a level the walker returns to") }
            }
            result.steps += taken
            if level >= s.target { restart(); continue }
            result.back.append(chain.time(state) - t0)
        }
        let starts = (0..<s.replicas).map { _ in entrances[min(entrances.count - 1, Int(random.uniform() * Double(entrances.count)))] }
        let ams = try splitting.run(from: starts, random: random)
        result.probability = ams.probability
        result.reactive = ams.reactiveTimes
        result.iterations = ams.iterations
        result.steps += ams.steps
        return result
    }

    init(_ runs: [RunResult]) {
        func meanAndSE(_ v: [Double]) -> (Double, Double) {
            let n = Double(v.count)
            let m = v.reduce(0, +) / n
            let variance = v.count > 1 ? v.reduce(0) { $0 + ($1 - m) * ($1 - m) } / (n - 1) : 0
            return (m, (variance / n).squareRoot())
        }
        let (p, seP) = meanAndSE(runs.map(\.probability))
        let (tOut, seOut) = meanAndSE(runs.flatMap(\.toEntrance))
        let (tBack, seBack) = meanAndSE(runs.flatMap(\.back))
        let (loop, seLoop) = (tOut + tBack, (seOut * seOut + seBack * seBack).squareRoot())
        let weighted = runs.filter { !$0.reactive.isEmpty }
        let pSum = weighted.reduce(0) { $0 + $1.probability }
        let reactive = pSum > 0 ? weighted.reduce(0) { $0 + $1.probability * $1.reactive.reduce(0, +) / Double($1.reactive.count) } / pSum : .nan
        let (_, seReactive) = meanAndSE(runs.flatMap(\.reactive))
        probability = p
        probabilityStandardError = seP
        probabilityCI95 = [p - 1.96 * seP, p + 1.96 * seP]
        timeToEntrance = tOut
        timeBack = tBack
        reactiveTime = reactive
        meanTime = p > 0 ? (1 - p) / p * loop + tOut + reactive : .infinity
        let dp = loop / (p * p)
        let fails = (1 - p) / p
        let direct = (dp * dp * seP * seP + fails * fails * seLoop * seLoop + seOut * seOut + seReactive * seReactive).squareRoot()
        if direct.isFinite || !meanTime.isFinite {
            standardError = direct
        } else {
            // (T_loop/p²)²·SE²(p̄) overflows a double below p ≈ 10⁻⁸⁰ (met at ΔΦ = 200 in d
            // dimensions): the same terms as products, summed relative to the largest.
            let terms = [(loop / p) * (seP / p), fails * seLoop, seOut, seReactive].map(abs)
            let scale = terms.max()!
            standardError = scale * terms.reduce(0) { $0 + ($1 / scale) * ($1 / scale) }.squareRoot()
        }
        loops = runs.reduce(0) { $0 + $1.back.count }
        iterations = runs.reduce(0) { $0 + $1.iterations }
        steps = runs.reduce(0) { $0 + $1.steps }
        self.runs = runs.count
        bruteForceSteps = standardError > 0 ? meanTime * (meanTime / standardError) * (meanTime / standardError) : .infinity
    }
}

/// Result slots written by the runs' workers, one index each.
final class RunSlots<T: Sendable>: @unchecked Sendable {
    private var slots: [Result<T, InvalidParameter>?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ value: Result<T, InvalidParameter>) { lock.lock(); slots[i] = value; lock.unlock() }
    func get(_ i: Int) -> Result<T, InvalidParameter> { lock.lock(); defer { lock.unlock() }; return slots[i]! }
}
