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

    public init(trajectories: Int, seed: UInt64, threads: Int? = nil, generator: RandomGenerator = .mt19937) throws(InvalidParameter) {
        guard trajectories >= 2 else {
            throw InvalidParameter("trajectories", given: "\(trajectories)", allowed: "a whole number ≥ 2")
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
public enum EnsembleRunner {
    /// Trajectories handed to a worker at a time.
    public static let chunk = 8

    @inlinable
    public static func run<T: TrajectorySimulator>(_ simulator: T, _ options: EnsembleOptions) -> [TrajectoryOutcome] {
        let n = options.trajectories
        let outcomes = OutcomeBuffer(count: n)
        let workers = min(options.threads, (n + chunk - 1) / chunk)
        let counter = WorkCounter()
        let work: @Sendable (Int) -> Void = { _ in
            let stream = RandomStream(generator: options.generator, seed: 0)
            while true {
                let first = counter.take(chunk)
                if first >= n { return }
                for i in first..<min(first + chunk, n) {
                    stream.reseed(runSeed: options.seed, stream: i)
                    outcomes.set(i, simulator.run(stream))
                }
            }
        }
        if workers <= 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: workers, execute: work) }
        return outcomes.array()
    }
}

/// A shared counter handing out trajectory indices.
@usableFromInline
final class WorkCounter: Sendable {
    @usableFromInline let next = Atomic<Int>(0)
    @usableFromInline init() {}
    @inlinable func take(_ count: Int) -> Int { next.add(count, ordering: .relaxed).oldValue }
}

/// Per-trajectory result slots; each index is written by exactly one worker.
@usableFromInline
final class OutcomeBuffer: @unchecked Sendable {
    @usableFromInline let storage: UnsafeMutableBufferPointer<TrajectoryOutcome>
    @usableFromInline init(count: Int) {
        storage = .allocate(capacity: count)
        storage.initialize(repeating: TrajectoryOutcome(.censored, steps: 0))
    }
    deinit { storage.deallocate() }
    @inlinable func set(_ i: Int, _ outcome: TrajectoryOutcome) { storage[i] = outcome }
    @inlinable func array() -> [TrajectoryOutcome] { Array(storage) }
}
