import Dynamics
import Ensembles
import NumericKit

/// One step of eight interleaved trajectories of a 1-D SDE on the uniform grid: what
/// ``SDELaneLoop`` asks of the scheme.
public protocol SDELaneStep {
    /// x′ on every lane from x with the lanes' standard normals z.
    func advance(_ x: NormalLanes.Values, normals z: NormalLanes.Values) -> NormalLanes.Values
    /// g(x) on every lane (the Brownian-bridge test's width).
    func diffusion(_ x: NormalLanes.Values) -> NormalLanes.Values
}

/// Any SDE and integrator, lane by lane: a per-lane loop over the scalar step, which the
/// compiler unrolls and vectorises where the coefficients are smooth and branch-free (the
/// quartic: 260 against 129 M steps/s with a per-lane memory block, docs/performance.md).
public struct PerLaneStep<S: ScalarSDE, I: SDEIntegrator>: SDELaneStep {
    public let sde: S
    public let integrator: I
    public let dt: Double
    public let sqrtDt: Double

    @inlinable public init(sde: S, integrator: I, dt: Double) {
        self.sde = sde; self.integrator = integrator; self.dt = dt; sqrtDt = dt.squareRoot()
    }

    @inlinable @inline(__always)
    public func advance(_ x: NormalLanes.Values, normals z: NormalLanes.Values) -> NormalLanes.Values {
        var next = NormalLanes.Values()
        for k in 0..<NormalLanes.width {
            next[k] = integrator.advance(x[k], sde: sde, dt: dt, sqrtDt: sqrtDt, normal: z[k])
        }
        return next
    }

    @inlinable @inline(__always)
    public func diffusion(_ x: NormalLanes.Values) -> NormalLanes.Values {
        var g = NormalLanes.Values()
        for k in 0..<NormalLanes.width { g[k] = sde.diffusion(x[k]) }
        return g
    }
}

/// Euler–Maruyama on a ``PiecewiseAffineSDE`` (pq with hessian, frozen or isotropic noise),
/// branch-free: each coefficient — −Pₖ, sₖ, mₖ and gₖ·√dt, precomputed — is blended in by
/// selects at the thresholds where it changes (``LaneCoefficient``), so a step is
///
///     x′ = x + (−Pₖ·(sₖ·(x − mₖ)))·dt + (gₖ·√dt)·z     (a mirror's L′: −(sₖ·(−x − mₖ))),
///
/// the scalar ``EulerMaruyama`` step's operations on the scalar code's coefficients: bit for
/// bit the per-lane loop, with no branch, no call of L′ and no square root per step
/// (FastEngineTests; docs/performance.md).
public struct PiecewiseAffineEulerLanes: SDELaneStep {
    public typealias Values = NormalLanes.Values
    @usableFromInline let pieces: LanePieces
    /// −Pₖ, sₖ, mₖ, gₖ and gₖ·√dt.
    @usableFromInline let negatedPreconditioner: LaneCoefficient, slope: LaneCoefficient, centre: LaneCoefficient
    @usableFromInline let diffusionCoefficient: LaneCoefficient, noiseStep: LaneCoefficient
    @usableFromInline let dt: Double

    public init(_ form: PiecewiseAffineSDE, dt: Double) {
        pieces = LanePieces(form.thresholds, mirrored: form.isMirrored)
        negatedPreconditioner = pieces.coefficient(form.negatedPreconditioners)
        slope = pieces.coefficient(form.slopes)
        centre = pieces.coefficient(form.centres)
        diffusionCoefficient = pieces.coefficient(form.diffusions)
        let sqrtDt = dt.squareRoot()
        noiseStep = pieces.coefficient(form.diffusions.map { $0 * sqrtDt })
        self.dt = dt
    }

    @inlinable @inline(__always)
    public func advance(_ x: Values, normals z: Values) -> Values {
        x + (negatedPreconditioner(x) * pieces.gradient(x, slopes: slope(x), centres: centre(x))) * dt + noiseStep(x) * z
    }

    @inlinable @inline(__always)
    public func diffusion(_ x: Values) -> Values { diffusionCoefficient(x) }
}

/// The fast engine for 1-D SDE ensembles: eight trajectories interleaved in SIMD lanes.
///
/// Each worker keeps eight trajectories in flight. Per step it draws eight normals at once
/// (``NormalLanes``: xoshiro256++ and the ziggurat's fast path in `SIMD8` lanes), advances
/// the eight positions with the scheme's ``SDELaneStep``, and tests all eight for escape,
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
public enum SDELaneLoop {
    @inlinable
    public static func run<Step: SDELaneStep>(_ stepper: Step, start: Double, target: Double, radius: Double, dt: Double,
                                              bridge: Bool, maxSteps: Int, runSeed: UInt64,
                                              queue: inout TrajectoryQueue, outcomes: OutcomeBuffer) {
        typealias Values = NormalLanes.Values
        let width = NormalLanes.width
        let lanes = NormalLanes()
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
            var next = stepper.advance(x, normals: z)
            schedule.advance()
            var attention = (next .>= targets) .| .!(next .> lowers)
            var g = Values()
            if bridge {
                g = stepper.diffusion(x)
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

extension SDETrajectory: LaneSimulator {
    /// The lane loop with the branch-free piecewise step where the SDE has that form and the
    /// scheme is Euler–Maruyama, else with the per-lane scalar step.
    @inlinable
    public func laneWorker(runSeed: UInt64, queue: inout TrajectoryQueue, outcomes: OutcomeBuffer) {
        if I.self == EulerMaruyama.self, let form = sde.piecewiseAffineForm {
            SDELaneLoop.run(PiecewiseAffineEulerLanes(form, dt: dt), start: start, target: target, radius: radius, dt: dt,
                            bridge: bridge, maxSteps: maxSteps, runSeed: runSeed, queue: &queue, outcomes: outcomes)
        } else {
            SDELaneLoop.run(PerLaneStep(sde: sde, integrator: integrator, dt: dt), start: start, target: target, radius: radius,
                            dt: dt, bridge: bridge, maxSteps: maxSteps, runSeed: runSeed, queue: &queue, outcomes: outcomes)
        }
    }
}
