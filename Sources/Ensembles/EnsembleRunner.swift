import Dispatch
import Foundation
import NumericKit
import Synchronization

/// How an ensemble is run: how many trajectories, from which seed, on how many threads,
/// with which generator.
public struct EnsembleOptions: Sendable, Equatable {
    public let trajectories: Int
    public let seed: UInt64
    public let threads: Int
    public let generator: RandomGenerator
    /// Where the runner counts the trajectories it hands out, for a progress line; no result
    /// depends on it (and `==` ignores it).
    public var progress: EnsembleProgress?

    public static func == (a: EnsembleOptions, b: EnsembleOptions) -> Bool {
        a.trajectories == b.trajectories && a.seed == b.seed && a.threads == b.threads && a.generator == b.generator
    }

    public init(trajectories: Int, seed: UInt64, threads: Int? = nil, generator: RandomGenerator = .mt19937) throws(InvalidParameter) {
        guard trajectories >= 2 else {
            throw InvalidParameter("trajectories", given: "\(trajectories)", allowed: "a whole number ≥ 2")
        }
        // One outcome record per trajectory is kept (for the median, the survival curve and the
        // exponentiality test): refuse a count whose records alone would take over half the memory.
        let record = MemoryLayout<TrajectoryOutcome>.stride
        let largest = Int(ProcessInfo.processInfo.physicalMemory / 2) / record
        guard trajectories <= largest else {
            throw InvalidParameter("trajectories", given: "\(trajectories)",
                                   allowed: "≤ \(largest) on this machine (each trajectory keeps a \(record)-byte outcome record; \(trajectories) would need \(trajectories / (1 << 30) * record) GiB of its \(ProcessInfo.processInfo.physicalMemory >> 30) GiB)")
        }
        let threads = threads ?? EnsembleOptions.availableCores
        guard threads >= 1 else {
            throw InvalidParameter("threads", given: "\(threads)", allowed: "a whole number ≥ 1")
        }
        self.trajectories = trajectories
        self.seed = seed
        self.threads = threads
        self.generator = generator
    }

    /// The number of cores the process may use.
    public static var availableCores: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }
}

/// Runs an ensemble of independent trajectories in parallel, deterministically.
///
/// Trajectory i always draws from stream i of the run seed
/// (``StreamSeeding/streamSeed(run:stream:)``) and writes its outcome to slot i; workers
/// take trajectories in chunks from a shared atomic counter. The outcomes are therefore
/// bit-identical for any thread count, and statistics are merged afterwards in index order.
/// The generator decides the stream type — a GSL ``RandomStream`` or the fast engine's
/// ``FastRandomStream`` — and the loop is specialised for it.
public enum EnsembleRunner {
    /// Trajectories handed to a worker at a time.
    public static let chunk = 8

    @inlinable
    public static func run<T: TrajectorySimulator>(_ simulator: T, _ options: EnsembleOptions) -> [TrajectoryOutcome] {
        if options.generator == .fast {
            return run(simulator, options, source: { FastRandomStream(seed: 0) })
        }
        return run(simulator, options, source: { RandomStream(generator: options.generator, seed: 0) })
    }

    /// One trajectory at a time per worker, each from a source `makeSource` builds per worker.
    @inlinable
    static func run<T: TrajectorySimulator, R: RandomSource>(
        _ simulator: T, _ options: EnsembleOptions, source makeSource: @escaping @Sendable () -> R
    ) -> [TrajectoryOutcome] {
        forEachWorker(options) { queue, outcomes in
            let stream = makeSource()
            while let i = queue.take() {
                stream.reseed(runSeed: options.seed, stream: i)
                outcomes.set(i, simulator.run(stream))
            }
        }
    }

    /// Runs `worker` on min(threads, ⌈n/chunk⌉) threads, each with its own view of the
    /// shared trajectory queue, and returns the outcome slots in trajectory order.
    @inlinable
    public static func forEachWorker(
        _ options: EnsembleOptions, _ worker: @escaping @Sendable (inout TrajectoryQueue, OutcomeBuffer) -> Void
    ) -> [TrajectoryOutcome] {
        let n = options.trajectories
        let outcomes = OutcomeBuffer(count: n)
        let counter = WorkCounter()
        let workers = min(options.threads, (n + chunk - 1) / chunk)
        let progress = options.progress
        progress?.begin(n)
        let work: @Sendable (Int) -> Void = { _ in
            var queue = TrajectoryQueue(counter: counter, count: n, progress: progress)
            worker(&queue, outcomes)
        }
        if workers <= 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: workers, execute: work) }
        return outcomes.array()
    }
}

/// One worker's view of the shared queue: trajectory indices in chunks of
/// ``EnsembleRunner/chunk`` from the shared counter, handed out one at a time.
public struct TrajectoryQueue {
    @usableFromInline let counter: WorkCounter
    @usableFromInline let count: Int
    @usableFromInline let progress: EnsembleProgress?
    @usableFromInline var nextIndex = 0
    @usableFromInline var end = 0

    @inlinable init(counter: WorkCounter, count: Int, progress: EnsembleProgress?) {
        self.counter = counter; self.count = count; self.progress = progress
    }

    /// The next trajectory index for this worker, or nil when the ensemble is exhausted.
    @inlinable
    public mutating func take() -> Int? {
        if nextIndex == end {
            let first = counter.take(EnsembleRunner.chunk)
            if first >= count { return nil }
            nextIndex = first
            end = min(first + EnsembleRunner.chunk, count)
            progress?.handOut(end - first)
        }
        defer { nextIndex += 1 }
        return nextIndex
    }
}

/// The trajectories a run's ensembles have handed out to workers, and how many they hold in
/// all (summed over the ensembles begun so far): what a progress line shows. Counted a chunk at
/// a time with relaxed atomics; nothing in any result depends on it.
public final class EnsembleProgress: Sendable {
    @usableFromInline let started = Atomic<Int>(0)
    @usableFromInline let total = Atomic<Int>(0)
    public init() {}
    public func begin(_ trajectories: Int) { total.add(trajectories, ordering: .relaxed) }
    @inlinable public func handOut(_ trajectories: Int) { started.add(trajectories, ordering: .relaxed) }
    /// (trajectories handed out, trajectories in the ensembles begun).
    public var counts: (started: Int, total: Int) { (started.load(ordering: .relaxed), total.load(ordering: .relaxed)) }
}

/// Per-trajectory result slots; each index is written by exactly one worker.
public final class OutcomeBuffer: @unchecked Sendable {
    @usableFromInline let storage: UnsafeMutableBufferPointer<TrajectoryOutcome>
    @usableFromInline init(count: Int) {
        storage = .allocate(capacity: count)
        storage.initialize(repeating: TrajectoryOutcome(.censored, steps: 0))
    }
    deinit { storage.deallocate() }
    @inlinable public func set(_ i: Int, _ outcome: TrajectoryOutcome) { storage[i] = outcome }
    @inlinable func array() -> [TrajectoryOutcome] { Array(storage) }
}
