import Dynamics
import Ensembles
import Landscapes
import NumericKit

/// The fast engine for d-dimensional SDE ensembles: eight trajectories interleaved in SIMD
/// lanes, coordinate by coordinate — θᵢ of the eight trajectories is one `SIMD8` vector.
///
/// Where it applies (``SDETrajectoryND/hasLaneLoop``): Euler–Maruyama on the uniform grid
/// with no skew-Euler coordinate, constant diagonal noise (P and C fixed, no eigen-
/// decomposition) and a hyperplane target. Per step, with ∇L from the landscape's
/// ``LandscapeND/gradient(lanes:into:scratch:)`` (vector arithmetic for `separable`), every
/// coordinate takes the scalar step's (``SDEStepND``) operations in its order,
///
///     θᵢ′ = θᵢ + ((−pᵢ·∂ᵢL)·dt + ((√cᵢ·zᵢ)·pᵢ)·√(η·dt)),
///
/// and the escape coordinate s = Σ nᵢ(θᵢ′ − θ₀ᵢ) and the squared distance from the start are
/// summed in the same pass. Divergence, the plane and the Brownian-bridge zone of s are three
/// vector compares; only a lane that needs attention is handled alone (a bridge draw from its
/// own stream, or its outcome written and the lane re-seeded, as in the 1-D ``LaneSchedule``).
///
/// Trajectory i draws the numbers of `FastRandomStream(runSeed:stream: i)` in the order
/// ``SDETrajectoryND/run(_:)`` draws them, and every lane computes the same floating-point
/// operations: the outcomes equal the scalar fast engine's bit for bit, for any thread count
/// (EscapeNDTests.FastEngineNDTests). A step allocates nothing.
extension SDETrajectoryND: LaneSimulator {
    /// Whether ``laneWorker(runSeed:queue:outcomes:)`` can run this trajectory (see above);
    /// otherwise the fast engine runs the scalar loop.
    public var hasLaneLoop: Bool {
        step.control == nil && step.axisSteps.isEmpty && N.isConstant && !step.diffusion.needsEigen
            && region.isHyperplane && step.constantVariance != nil
    }

    @inlinable
    public func laneWorker(runSeed: UInt64, queue: inout TrajectoryQueue, outcomes: OutcomeBuffer) {
        precondition(hasLaneLoop, "the d-dimensional lane loop needs Euler–Maruyama, constant diagonal noise and a hyperplane target")
        typealias Values = NormalLanes.Values
        let width = NormalLanes.width
        let diffusion = step.diffusion, landscape = diffusion.landscape, d = diffusion.dimension
        let dt = Values(repeating: step.dt), noiseScale = Values(repeating: step.noiseScale)
        let variance = step.constantVariance!
        let plane = region.plane, start = region.start
        let radiusSquared = region.divergenceRadius * region.divergenceRadius
        let bridgeCutoff = 0.5 * BrownianBridge.negligibleExponent * variance
        let startDistance = plane.signedDistance(start)

        // One 64-byte-aligned block: θ, ∇L and z of the eight lanes, then per coordinate,
        // broadcast, −pᵢ, √cᵢ, pᵢ (constant noise: set once by makeWorkspace), nᵢ, θ₀ᵢ and the
        // start's θᵢ.
        let columns = 9
        let block = UnsafeMutableRawPointer.allocate(byteCount: columns * d * MemoryLayout<Values>.stride, alignment: 64)
            .bindMemory(to: Values.self, capacity: columns * d)
        defer { block.deallocate() }
        let theta = block, gradient = block + d
        let negatedFactor = block + 2 * d, noiseRoot = block + 3 * d, factor = block + 4 * d
        let normal = block + 5 * d, planePoint = block + 6 * d, startPoint = block + 7 * d, normals = block + 8 * d
        let ws = diffusion.makeWorkspace()
        for i in 0..<d {
            theta[i] = Values(repeating: start[i])
            gradient[i] = Values()
            normals[i] = Values()
            negatedFactor[i] = Values(repeating: -ws.factor[i])
            noiseRoot[i] = Values(repeating: ws.diagC[i].squareRoot())
            factor[i] = Values(repeating: ws.factor[i])
            normal[i] = Values(repeating: plane.normal[i])
            planePoint[i] = Values(repeating: plane.point[i])
            startPoint[i] = Values(repeating: start[i])
        }
        let scratch = UnsafeMutableBufferPointer<Double>.allocate(capacity: 2 * d)
        defer { scratch.deallocate() }

        let lanes = NormalLanes()
        var schedule = LaneSchedule(runSeed: runSeed, maxSteps: maxSteps, lanes: lanes, queue: &queue)
        let zero = Values(), radii = Values(repeating: radiusSquared), cutoff = Values(repeating: bridgeCutoff)
        var s0 = Values(repeating: startDistance)
        while schedule.active > 0 {
            landscape.gradient(lanes: theta, into: gradient, scratch: scratch)
            lanes.fill(normals, count: d)
            var s1 = Values(), distance = Values()
            for i in 0..<d {
                let z = normals[i]
                let x = theta[i] + ((negatedFactor[i] * gradient[i]) * dt + ((noiseRoot[i] * z) * factor[i]) * noiseScale)
                theta[i] = x
                s1 += normal[i] * (x - planePoint[i])
                let u = x - startPoint[i]
                distance += u * u
            }
            schedule.advance()
            let attention = .!(distance .<= radii) .| (s1 .>= zero) .| ((zero - s0) * (zero - s1) .< cutoff)
            if _slowPath(NormalLanes.any(attention) || schedule.censorDue) {
                for k in 0..<width {
                    var outcome: TrajectoryOutcome? = nil
                    if !(distance[k] <= radiusSquared) {
                        outcome = TrajectoryOutcome(.diverged, steps: schedule.steps(lane: k))
                    } else if s1[k] >= 0
                        || ((0 - s0[k]) * (0 - s1[k]) < bridgeCutoff
                            && lanes.uniform(lane: k) < BrownianBridge.crossingProbability(
                                from: s0[k], to: s1[k], target: 0, variancePerStep: variance)) {
                        outcome = TrajectoryOutcome(.escaped, steps: schedule.steps(lane: k))
                    }
                    if schedule.settle(lane: k, outcome, lanes: lanes, queue: &queue, outcomes: outcomes) {
                        for i in 0..<d { theta[i][k] = start[i] }
                        s1[k] = startDistance
                    }
                }
                schedule.rescheduleCensor()
            }
            s0 = s1
        }
    }
}
