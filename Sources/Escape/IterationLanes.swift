import Dynamics
import Ensembles
import Landscapes
import NumericKit

/// The fast engine for the optimizers' own iterations: eight trajectories interleaved, as
/// ``SDETrajectory/runLanes(_:)`` does for SDEs.
///
/// An Adam-type step is a chain of dependent operations — θ → L′(θ) → m, v → √v̂ → a
/// division → θ′ — whose latency (≈ 100 cycles), not its instruction count, bounds a
/// one-trajectory loop. Eight independent trajectories per worker, each with its own copy of
/// the optimizer state, fill that latency with each other's work. Normals come eight at a
/// time from ``NormalLanes``; escape and divergence are tested on all eight at once; a lane
/// whose trajectory ended is re-seeded from the shared queue (``LaneSchedule``).
///
/// Trajectory i draws the numbers of `FastRandomStream(runSeed:stream: i)` in the order
/// ``IterationTrajectory/run(_:)`` draws them and computes the same operations: the outcomes
/// equal the scalar fast loop's bit for bit, for any thread count (FastEngineTests).
extension IterationTrajectory: LaneSimulator {
    @inlinable
    public func laneWorker(runSeed: UInt64, queue: inout TrajectoryQueue, outcomes: OutcomeBuffer) {
        typealias Values = NormalLanes.Values
        let width = NormalLanes.width
        let lanes = NormalLanes()
        let target = self.target, start = self.start
        let lower = start - radius
        let upper = target + radius
        var fresh = self.iteration
        fresh.optimizer.reset()
        let states = UnsafeMutablePointer<NoisyIteration<L, N, O>>.allocate(capacity: width)
        states.initialize(repeating: fresh, count: width)
        defer { states.deinitialize(count: width); states.deallocate() }

        var schedule = LaneSchedule(runSeed: runSeed, maxSteps: maxSteps, lanes: lanes, queue: &queue)
        var theta = Values(repeating: start)
        let next = LaneValues(repeating: start)
        defer { next.deallocate() }
        let targets = Values(repeating: target), lowers = Values(repeating: lower)
        while schedule.active > 0 {
            let z = lanes.gaussians()
            for k in 0..<width { next[k] = states[k].advance(theta[k], normal: z[k]) }
            schedule.advance()
            let positions = next.vector
            let attention = (positions .>= targets) .| .!(positions .> lowers)
            if _slowPath(NormalLanes.any(attention) || schedule.censorDue) {
                for k in 0..<width {
                    let outcome = schedule.verdict(lane: k, position: next[k], target: target, lower: lower, upper: upper)
                    if schedule.settle(lane: k, outcome, lanes: lanes, queue: &queue, outcomes: outcomes) {
                        next[k] = start
                        states[k] = fresh
                    }
                }
                schedule.rescheduleCensor()
            }
            theta = next.vector
        }
    }
}
