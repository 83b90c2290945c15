import Dynamics
import Ensembles
import Landscapes
import NumericKit

/// The fast engine for the optimizers' own iterations: eight trajectories interleaved, as
/// ``SDETrajectory/runLanes(_:)`` does for SDEs.
///
/// An Adam-type step is a chain of dependent operations — θ → L′(θ) → m, v → √v̂ → a
/// division → θ′ — whose latency (≈ 100 cycles), not its instruction count, bounds a
/// one-trajectory loop. Eight independent trajectories per worker fill that latency with each
/// other's work, and the optimizer's eight states step as SIMD vectors (``OptimizerLanes``:
/// one vector square root and division for eight lanes). Normals come eight at a
/// time from ``NormalLanes``; escape and divergence are tested on all eight at once; a lane
/// whose trajectory ended is re-seeded from the shared queue (``LaneSchedule``).
///
/// Trajectory i draws the numbers of `FastRandomStream(runSeed:stream: i)` in the order
/// ``IterationTrajectory/run(_:)`` draws them and computes the same operations: the outcomes
/// equal the scalar fast loop's bit for bit, for any thread count (FastEngineTests).
extension IterationTrajectory: LaneSimulator {
    /// The lane loop with the stochastic gradient as branch-free pieces (pq with hessian, frozen
    /// or isotropic noise), with √C hoisted (constant noise), or lane by lane.
    @inlinable
    public func laneWorker(runSeed: UInt64, queue: inout TrajectoryQueue, outcomes: OutcomeBuffer) {
        let optimizers = O.Lanes(iteration.optimizer)
        if let form = iteration.piecewiseAffineForm {
            IterationLaneLoop.run(PiecewiseAffineGradientLanes(form), optimizers, start: start, target: target, radius: radius,
                                  maxSteps: maxSteps, runSeed: runSeed, queue: &queue, outcomes: outcomes)
        } else if let root = iteration.constantNoiseRoot {
            IterationLaneLoop.run(ConstantNoiseGradientLanes(landscape: iteration.landscape, noiseRoot: root), optimizers,
                                  start: start, target: target, radius: radius,
                                  maxSteps: maxSteps, runSeed: runSeed, queue: &queue, outcomes: outcomes)
        } else {
            IterationLaneLoop.run(PerLaneGradient(iteration: iteration), optimizers, start: start, target: target, radius: radius,
                                  maxSteps: maxSteps, runSeed: runSeed, queue: &queue, outcomes: outcomes)
        }
    }
}

/// The stochastic gradients g = L′(θ) + √C(θ)·z of eight lanes: what ``IterationLaneLoop``
/// asks of the landscape and the noise.
public protocol GradientLaneStep {
    func gradient(_ theta: NormalLanes.Values, normals z: NormalLanes.Values) -> NormalLanes.Values
}

/// Any landscape and noise, lane by lane (``NoisyIteration/gradient(_:normal:)``).
public struct PerLaneGradient<L: Landscape1D, N: GradientNoise1D, O: OptimizerIteration1D>: GradientLaneStep {
    public let iteration: NoisyIteration<L, N, O>
    @inlinable public init(iteration: NoisyIteration<L, N, O>) { self.iteration = iteration }
    @inlinable @inline(__always)
    public func gradient(_ theta: NormalLanes.Values, normals z: NormalLanes.Values) -> NormalLanes.Values {
        var g = NormalLanes.Values()
        for k in 0..<NormalLanes.width { g[k] = iteration.gradient(theta[k], normal: z[k]) }
        return g
    }
}

/// Noise of constant C: L′(θ) + √C·z with √C computed once — the per-lane loop then
/// vectorises where L′ is smooth (a square root per lane, whose error path LLVM keeps scalar,
/// did not).
public struct ConstantNoiseGradientLanes<L: Landscape1D>: GradientLaneStep {
    public let landscape: L
    public let noiseRoot: Double
    @inlinable public init(landscape: L, noiseRoot: Double) { self.landscape = landscape; self.noiseRoot = noiseRoot }
    @inlinable @inline(__always)
    public func gradient(_ theta: NormalLanes.Values, normals z: NormalLanes.Values) -> NormalLanes.Values {
        var g = NormalLanes.Values()
        for k in 0..<NormalLanes.width { g[k] = landscape.derivative(theta[k]) + noiseRoot * z[k] }
        return g
    }
}

/// ``PiecewiseAffineGradient`` on eight lanes: sₖ·(θ − mₖ) + √Cₖ·z with the lane's piece
/// selected by comparisons, bit for bit the scalar gradient.
public struct PiecewiseAffineGradientLanes: GradientLaneStep {
    public typealias Values = NormalLanes.Values
    @usableFromInline let pieces: LanePieces
    @usableFromInline let slope: LaneCoefficient, centre: LaneCoefficient, noiseRoot: LaneCoefficient

    public init(_ form: PiecewiseAffineGradient) {
        pieces = LanePieces(form.thresholds, mirrored: form.isMirrored)
        slope = pieces.coefficient(form.slopes)
        centre = pieces.coefficient(form.centres)
        noiseRoot = pieces.coefficient(form.noiseRoots)
    }

    @inlinable @inline(__always)
    public func gradient(_ theta: Values, normals z: Values) -> Values {
        pieces.gradient(theta, slopes: slope(theta), centres: centre(theta)) + noiseRoot(theta) * z
    }
}

/// The fast engine's loop for the optimizers' own iterations (see the extension above).
public enum IterationLaneLoop {
    @inlinable
    public static func run<G: GradientLaneStep, Lanes: OptimizerLanes>(
        _ gradients: G, _ optimizers: Lanes, start: Double, target: Double, radius: Double, maxSteps: Int,
        runSeed: UInt64, queue: inout TrajectoryQueue, outcomes: OutcomeBuffer
    ) {
        typealias Values = NormalLanes.Values
        let width = NormalLanes.width
        let lanes = NormalLanes()
        let lower = start - radius
        let upper = target + radius
        var optimizers = optimizers
        var schedule = LaneSchedule(runSeed: runSeed, maxSteps: maxSteps, lanes: lanes, queue: &queue)
        var theta = Values(repeating: start)
        let targets = Values(repeating: target), lowers = Values(repeating: lower)
        while schedule.active > 0 {
            let z = lanes.gaussians()
            var next = optimizers.step(theta, gradient: gradients.gradient(theta, normals: z))
            schedule.advance()
            let attention = (next .>= targets) .| .!(next .> lowers)
            if _slowPath(NormalLanes.any(attention) || schedule.censorDue) {
                for k in 0..<width {
                    let outcome = schedule.verdict(lane: k, position: next[k], target: target, lower: lower, upper: upper)
                    if schedule.settle(lane: k, outcome, lanes: lanes, queue: &queue, outcomes: outcomes) {
                        next[k] = start
                        optimizers.reset(lane: k)
                    }
                }
                schedule.rescheduleCensor()
            }
            theta = next
        }
    }
}
