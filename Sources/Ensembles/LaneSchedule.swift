import NumericKit

/// A simulator whose workers interleave eight trajectories in SIMD lanes (the fast engine).
public protocol LaneSimulator: TrajectorySimulator {
    /// One worker: runs trajectories from `queue` eight at a time until it is empty.
    func laneWorker(runSeed: UInt64, queue: inout TrajectoryQueue, outcomes: OutcomeBuffer)
}

extension LaneSimulator {
    /// The ensemble with every worker running ``laneWorker(runSeed:queue:outcomes:)``.
    @inlinable
    public func runLanes(_ options: EnsembleOptions) -> [TrajectoryOutcome] {
        EnsembleRunner.forEachWorker(options) { queue, outcomes in
            self.laneWorker(runSeed: options.seed, queue: &queue, outcomes: outcomes)
        }
    }
}

/// Which trajectory each of a worker's eight SIMD lanes runs (``NormalLanes``), for the fast
/// engine's interleaved loops (``SDETrajectory/runLanes(_:)``,
/// ``IterationTrajectory/runLanes(_:)``).
///
/// Lane k runs trajectory `index[k]`, begun at the worker's step `began[k]`; when it ends,
/// its outcome goes to slot `index[k]` and the lane is re-seeded with the next trajectory of
/// the shared queue (or idles, index −1, once the queue is empty — idle lanes keep stepping
/// harmlessly until every lane is idle). The step cap is checked per lane only when the
/// oldest lane reaches it (`censorDue`), so the per-step cost is one integer compare.
public struct LaneSchedule {
    public let runSeed: UInt64
    public let maxSteps: Int
    @usableFromInline var index = [Int](repeating: -1, count: NormalLanes.width)
    @usableFromInline var began = [Int](repeating: 0, count: NormalLanes.width)
    @usableFromInline var activeLanes = 0
    @usableFromInline var step = 0
    @usableFromInline var nextCensor: Int

    /// Seeds the lanes with the first trajectories of the queue.
    @inlinable
    public init(runSeed: UInt64, maxSteps: Int, lanes: NormalLanes, queue: inout TrajectoryQueue) {
        self.runSeed = runSeed
        self.maxSteps = maxSteps
        nextCensor = maxSteps
        for k in 0..<NormalLanes.width {
            guard let i = queue.take() else { break }
            index[k] = i
            lanes.seed(lane: k, runSeed: runSeed, stream: i)
            activeLanes += 1
        }
    }

    /// Lanes running a trajectory.
    @inlinable public var active: Int { activeLanes }

    /// Counts one step of every lane.
    @inlinable @inline(__always) public mutating func advance() { step += 1 }

    /// Whether some lane may have reached the step cap.
    @inlinable @inline(__always) public var censorDue: Bool { step >= nextCensor }

    /// Steps lane k's trajectory has taken.
    @inlinable public func steps(lane k: Int) -> Int { step - began[k] }

    /// Lane k's trajectory ended with `outcome` (nil: it goes on, unless it reached the cap).
    /// Returns true when the lane must be restarted (a new trajectory, or idle).
    @inlinable
    public mutating func settle(lane k: Int, _ outcome: TrajectoryOutcome?, lanes: NormalLanes,
                                queue: inout TrajectoryQueue, outcomes: OutcomeBuffer) -> Bool {
        let steps = steps(lane: k)
        guard let outcome = outcome ?? (steps >= maxSteps ? TrajectoryOutcome(.censored, steps: steps) : nil) else {
            return false
        }
        if index[k] >= 0 {
            outcomes.set(index[k], outcome)
            activeLanes -= 1
        }
        if let i = queue.take() {
            index[k] = i
            lanes.seed(lane: k, runSeed: runSeed, stream: i)
            activeLanes += 1
        } else {
            index[k] = -1
        }
        began[k] = step
        return true
    }

    /// ``TrajectoryOutcome/afterStep(to:target:lower:upper:steps:)`` for lane k's trajectory.
    @inlinable
    public func verdict(lane k: Int, position: Double, target: Double, lower: Double, upper: Double) -> TrajectoryOutcome? {
        TrajectoryOutcome.afterStep(to: position, target: target, lower: lower, upper: upper, steps: steps(lane: k))
    }

    /// Recomputes when the oldest lane reaches the cap (after settling lanes).
    @inlinable
    public mutating func rescheduleCensor() { nextCensor = began.min()! + maxSteps }
}

/// Eight doubles in one 64-byte-aligned block, one per lane: written lane by lane by the
/// scalar per-lane code and read as one `SIMD8` vector by the lane-wide tests.
///
/// Why not a `SIMD8<Double>` variable: where the compiler does not unroll the per-lane loop
/// (Adam's update), writing lane k of a SIMD value goes through the stack as "store one
/// lane, reload the whole vector", and every reload waits for the previous store (a
/// store-forwarding stall), serialising the eight trajectories the lanes exist to overlap.
/// Measured on Adam: 27 → 36 M steps/s. Where the compiler does unroll and vectorise the
/// per-lane loop (the quartic SDE) a SIMD variable is better, and ``SDETrajectory`` keeps one.
public struct LaneValues {
    @usableFromInline let base: UnsafeMutableRawPointer

    @inlinable
    public init(repeating value: Double) {
        base = .allocate(byteCount: NormalLanes.width * 8, alignment: 64)
        base.initializeMemory(as: Double.self, repeating: value, count: NormalLanes.width)
    }

    @inlinable public func deallocate() { base.deallocate() }

    @inlinable @inline(__always)
    public subscript(lane: Int) -> Double {
        get { base.load(fromByteOffset: 8 * lane, as: Double.self) }
        nonmutating set { base.storeBytes(of: newValue, toByteOffset: 8 * lane, as: Double.self) }
    }

    @inlinable @inline(__always)
    public var vector: NormalLanes.Values { base.load(as: NormalLanes.Values.self) }
}
