import NumericKit

/// Adaptive multilevel splitting (AMS) for the probability p that a Markov chain started at
/// level ξ₀ reaches the target B = {ξ ≥ b} before it returns home to A = {ξ ≤ a}, a < ξ₀ < b
/// (Cérou & Guyader, Stoch. Anal. Appl. 25, 2007), in the generalized discrete-time form of
/// Bréhier, Gazeau, Goudenège, Lelièvre & Rousset (Ann. Appl. Probab. 26, 2016), whose
/// estimator is unbiased for any number of replicas N ≥ 2 and any k, ties included:
///
/// 1. N replicas run from the start states until they reach A or B; each has its maximum
///    level M_i = max_t ξ(X_i(t)).
/// 2. Iteration q: Z_q is the k-th smallest M_i. If Z_q ≥ b, stop. Every replica with M_i ≤ Z_q
///    is killed — K_q ≥ k of them when levels tie; if all N would be, stop with p̂ = 0. Each
///    killed replica is replaced by a copy of a survivor (M_j > Z_q, drawn uniformly and
///    independently) up to the survivor's first state above Z_q, continued with fresh
///    randomness until A or B.
/// 3. p̂ = Π_q (1 − K_q/N) · (1/N)·#{replicas in B}.
///
/// The cost is about N·ln(1/p)/k path segments instead of the 1/p paths of brute force. The
/// final replicas in B are reactive paths; their durations (prefixes included) estimate the
/// duration of the reactive part of an escape. One run is sequential on one random source,
/// so its numbers depend only on the source's seed; independent runs give the error bar.
public struct AdaptiveMultilevelSplitting<Chain: SplittableChain>: Sendable {
    public let chain: Chain
    /// a: home is ξ ≤ a.
    public let home: Double
    /// b: the target is ξ ≥ b.
    public let target: Double
    /// N, the number of replicas.
    public let replicas: Int
    /// k, the number of replicas killed per iteration (more when levels tie).
    public let killed: Int
    /// A path segment that reaches neither A nor B within this many steps stops the run (thrown).
    public let maxSegmentSteps: Int

    public init(chain: Chain, home: Double, target: Double, replicas: Int, killed: Int = 1,
                maxSegmentSteps: Int = 100_000_000) throws(InvalidParameter) {
        guard home.isFinite, target.isFinite, home < target else {
            throw InvalidParameter("ams levels", given: "home \(home), target \(target)", allowed: "finite levels with home < target")
        }
        guard replicas >= 2 else { throw InvalidParameter("replicas", given: "\(replicas)", allowed: "a whole number ≥ 2") }
        guard killed >= 1, killed < replicas else {
            throw InvalidParameter("ams-killed", given: "\(killed)", allowed: "a whole number in 1…\(replicas - 1) (below the replicas)")
        }
        self.chain = chain; self.home = home; self.target = target
        self.replicas = replicas; self.killed = killed; self.maxSegmentSteps = maxSegmentSteps
    }

    /// One run's result.
    public struct Run: Sendable {
        /// p̂, unbiased for P(B before A) from the start distribution.
        public let probability: Double
        /// The iterations (levels) it took.
        public let iterations: Int
        /// Chain steps simulated (copied prefixes not counted).
        public let steps: Int
        /// Durations (the chain's ``SplittableChain/time(_:)``) of the final replicas that
        /// reached B, from their start state: samples of the reactive part of an escape.
        public let reactiveTimes: [Double]
    }

    /// A replica's path, kept as its records — the states where its running maximum level
    /// rose — and its end. A branch at level Z starts from the first
    /// state above Z, which is always a record; so memory grows with the records, not the path.
    struct Path {
        var records: [Record]
        var end: Chain.State
        var endLevel: Double
        var maximum: Double { records[records.count - 1].level }
    }

    struct Record {
        let state: Chain.State
        let level: Double
    }

    /// Runs AMS with replica i starting from `starts[i]` (N of them; for an entrance
    /// distribution, draw them from it), drawing every random number from `random`.
    public func run(from starts: [Chain.State], random: Chain.Random) throws(InvalidParameter) -> Run {
        guard starts.count == replicas else {
            throw InvalidParameter("ams starts", given: "\(starts.count) start states", allowed: "one per replica (\(replicas))")
        }
        let step = chain.makeStep()
        var steps = 0
        var paths: [Path] = []
        paths.reserveCapacity(replicas)
        for start in starts {
            let level = chain.level(start)
            guard level > home, level < target else {
                throw InvalidParameter("ams start", given: "level \(level)", allowed: "a start strictly between home \(home) and target \(target)")
            }
            var path = Path(records: [Record(state: start, level: level)], end: start, endLevel: level)
            steps += try extend(&path, step: step, random: random)
            paths.append(path)
        }
        var weight = 1.0
        var iterations = 0
        var order = [Double](repeating: 0, count: replicas)
        while true {
            for i in 0..<replicas { order[i] = paths[i].maximum }
            order.sort()
            let level = order[killed - 1]
            if level >= target { break }
            let survivors = paths.indices.filter { paths[$0].maximum > level }
            if survivors.isEmpty { weight = 0; break }
            let doomed = paths.indices.filter { paths[$0].maximum <= level }
            weight *= 1 - Double(doomed.count) / Double(replicas)
            iterations += 1
            for i in doomed {
                let j = survivors[min(survivors.count - 1, Int(random.uniform() * Double(survivors.count)))]
                let branch = paths[j].records.firstIndex { $0.level > level }!
                let from = paths[j].records[branch]
                var path = Path(records: Array(paths[j].records[...branch]), end: from.state, endLevel: from.level)
                steps += try extend(&path, step: step, random: random)
                paths[i] = path
            }
        }
        let inTarget = paths.filter { $0.endLevel >= target }
        return Run(probability: weight * Double(inTarget.count) / Double(replicas), iterations: iterations, steps: steps,
                   reactiveTimes: inTarget.map { chain.time($0.end) - chain.time($0.records[0].state) })
    }

    /// Continues `path` from its end with `step` until it reaches A or B; returns the steps taken.
    func extend(_ path: inout Path, step: (Chain.State, Chain.Random) -> Chain.State, random: Chain.Random) throws(InvalidParameter) -> Int {
        var state = path.end
        var level = path.endLevel
        var maximum = path.maximum
        var taken = 0
        while level > home && level < target {
            guard taken < maxSegmentSteps else {
                throw InvalidParameter("ams", given: "a path segment of \(maxSegmentSteps) steps reaching neither home nor target",
                                       allowed: "levels the chain reaches: raise the home level or check the target")
            }
            state = step(state, random)
            level = chain.level(state)
            taken += 1
            if level > maximum {
                maximum = level
                path.records.append(Record(state: state, level: level))
            }
        }
        path.end = state
        path.endLevel = level
        return taken
    }
}
