import Dynamics
import Ensembles
import NumericKit

/// The fast engine for 1-D SDE ensembles: eight trajectories interleaved in SIMD lanes.
///
/// Each worker keeps eight trajectories in flight. Per step it draws eight normals at once
/// (``NormalLanes``: xoshiro256++ and the ziggurat's fast path in `SIMD8` lanes), advances
/// the eight positions with the problem's integrator, and tests all eight for escape,
/// divergence and the Brownian-bridge zone with three vector compares. Only a lane that
/// needs attention (≈ 1–2% of steps) is handled alone: a bridge draw from its own stream,
/// or — when its trajectory ended — its outcome written to slot i and the lane re-seeded
/// with the next trajectory from the shared queue. Interleaving hides the latency of the
/// step's dependency chain that bounds a one-trajectory loop (docs/performance.md).
///
/// Trajectory i draws the numbers of `FastRandomStream(runSeed:stream: i)` in exactly the
/// order ``SDETrajectory/run(_:)`` draws them, and every lane computes the same floating-
/// point operations: the outcomes equal the scalar fast engine's bit for bit, for any
/// thread count (tested in FastEngineTests).
extension SDETrajectory: LaneSimulator {
    @inlinable
    public func laneWorker(runSeed: UInt64, queue: inout TrajectoryQueue, outcomes: OutcomeBuffer) {
        typealias Values = NormalLanes.Values
        let width = NormalLanes.width
        let lanes = NormalLanes()
        let sde = self.sde, integrator = self.integrator, dt = self.dt, target = self.target
        let bridge = self.bridge, maxSteps = self.maxSteps, start = self.start
        let sqrtDt = dt.squareRoot()
        let lower = start - radius
        let upper = target + radius
        let bridgeCutoff = 0.5 * BrownianBridge.negligibleExponent * dt

        var schedule = LaneSchedule(runSeed: runSeed, maxSteps: maxSteps, lanes: lanes, queue: &queue)
        // SIMD values, not LaneValues: the compiler unrolls and vectorises the per-lane loop
        // for smooth landscapes (quartic: 260 against 129 M steps/s).
        var x = Values(repeating: start)
        let targets = Values(repeating: target), lowers = Values(repeating: lower)
        let cutoff = Values(repeating: bridgeCutoff)
        while schedule.active > 0 {
            let z = lanes.gaussians()
            var next = Values()
            for k in 0..<width {
                next[k] = integrator.advance(x[k], sde: sde, dt: dt, sqrtDt: sqrtDt, normal: z[k])
            }
            schedule.advance()
            var attention = (next .>= targets) .| .!(next .> lowers)
            var g = Values()
            if bridge {
                for k in 0..<width { g[k] = sde.diffusion(x[k]) }
                attention .|= (targets - x) * (targets - next) .< cutoff * g * g
            }
            if _slowPath(NormalLanes.any(attention) || schedule.censorDue) {
                for k in 0..<width {
                    let position = next[k]
                    var outcome = schedule.verdict(lane: k, position: position, target: target, lower: lower, upper: upper)
                    if outcome == nil, bridge {
                        let gap = (target - x[k]) * (target - position)
                        if gap < bridgeCutoff * g[k] * g[k],
                           lanes.uniform(lane: k) < BrownianBridge.crossingProbability(
                               from: x[k], to: position, target: target, variancePerStep: g[k] * g[k] * dt) {
                            outcome = TrajectoryOutcome(.escaped, steps: schedule.steps(lane: k))
                        }
                    }
                    if schedule.settle(lane: k, outcome, lanes: lanes, queue: &queue, outcomes: outcomes) {
                        next[k] = start
                    }
                }
                schedule.rescheduleCensor()
            }
            x = next
        }
    }
}
