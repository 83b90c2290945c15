import Dynamics
import Ensembles
import Landscapes
import NumericKit

/// The escape test in d dimensions: the hyperplane s(θ) = n·(θ − θ₀) ≥ 0 (``EscapePlane``), or
/// a ball of radius r around any minimum other than the start.
public struct EscapeRegionND: Sendable {
    /// True: the hyperplane n·(θ − θ₀) ≥ 0; false: balls of `radius` around `centers`.
    public let isHyperplane: Bool
    /// The problem's plane (the target when ``isHyperplane``).
    public let plane: EscapePlane
    public let centers: [[Double]]
    public let radius: Double
    public let start: [Double]
    public let divergenceRadius: Double

    public init(_ problem: EscapeProblemND) {
        start = problem.start.x
        divergenceRadius = problem.divergenceRadius
        plane = EscapePlane(problem)
        if case .radius(let r) = problem.target {
            isHyperplane = false
            radius = r
            centers = problem.analysis.minima.enumerated().filter { $0.offset != problem.startIndex }.map(\.element.x)
        } else {
            isHyperplane = true
            radius = 0
            centers = []
        }
    }

    /// n, the plane's unit normal.
    public var normal: [Double] { plane.normal }

    /// n·(θ − θ₀) (≥ 0: past the hyperplane).
    @inlinable public func signedDistance(_ theta: UnsafeMutableBufferPointer<Double>) -> Double {
        plane.signedDistance(theta)
    }

    @inlinable public func inBall(_ theta: UnsafeMutableBufferPointer<Double>) -> Bool {
        for c in centers {
            var s = 0.0
            for i in 0..<c.count { let u = theta[i] - c[i]; s += u * u }
            if s <= radius * radius { return true }
        }
        return false
    }

    /// Escaped (for the discrete and underdamped loops, which test at grid points only).
    @inlinable public func reached(_ theta: UnsafeMutableBufferPointer<Double>) -> Bool {
        isHyperplane ? signedDistance(theta) >= 0 : inBall(theta)
    }

    /// After a step monitored at grid points only: diverged, escaped, or still running (nil).
    @inlinable public func endOfStep(_ theta: UnsafeMutableBufferPointer<Double>) -> TrajectoryOutcome.Kind? {
        if diverged(theta) { return .diverged }
        return reached(theta) ? .escaped : nil
    }

    /// After an SDE step that started at signed distance `s0` (updated to the new point's):
    /// diverged, escaped — at the new point, or between the grid points by the Brownian bridge
    /// of the normal coordinate s = n·θ, whose variance over the step is `variance` — or still
    /// running (nil). `variance` is read only for a hyperplane target.
    @inlinable public func endOfSDEStep<R: RandomSource>(_ theta: UnsafeMutableBufferPointer<Double>, from s0: inout Double,
                                                         variance: Double, _ stream: R) -> TrajectoryOutcome.Kind? {
        if diverged(theta) { return .diverged }
        guard isHyperplane else { return inBall(theta) ? .escaped : nil }
        let s1 = signedDistance(theta)
        if s1 >= 0 || plane.crossedBetween(s0, s1, variance: variance, stream) { return .escaped }
        s0 = s1
        return nil
    }

    /// Places θ at the start minimum.
    @inlinable public func placeAtStart(_ theta: UnsafeMutableBufferPointer<Double>) {
        for i in 0..<start.count { theta[i] = start[i] }
    }

    /// Non-finite or farther than the divergence radius from the start.
    @inlinable public func diverged(_ theta: UnsafeMutableBufferPointer<Double>) -> Bool {
        var s = 0.0
        for i in 0..<start.count { let u = theta[i] - start[i]; s += u * u }
        return !(s <= divergenceRadius * divergenceRadius)
    }
}

/// One trajectory of the d-dimensional reduced SDE (``DiffusionND``) from the start minimum,
/// step by step as ``SDEStepND`` takes them: Euler–Maruyama on the uniform grid, or — where
/// the coordinates decouple and some gᵢ changes within a few noise steps — Platen's weak
/// order-2 step under ``AxisStepControl``; in both, ``SkewEuler``'s exact interface step on a
/// coordinate within reach of a jump of its gᵢ (docs/integrators.md §1, §4). For a hyperplane
/// target the crossing between grid points is tested with the Brownian bridge of the normal
/// coordinate s = n·θ (``EscapePlane``). Durations are Σ dtₖ/dt₀, in units of the nominal
/// step. A step allocates nothing.
public struct SDETrajectoryND<L: LandscapeND, N: GradientNoiseND, P: Preconditioner1D>: TrajectorySimulator {
    public let step: SDEStepND<L, N, P>
    public let region: EscapeRegionND
    public let maxSteps: Int

    /// Steps as `step` takes them (the problem's scheme, ``EscapeProblemND/sdeStep(_:kind:dt:needsVariance:)``).
    public init(step: SDEStepND<L, N, P>, region: EscapeRegionND, maxSteps: Int) {
        self.step = step; self.region = region; self.maxSteps = maxSteps
    }

    /// Per coordinate, the skew-Euler step across its jumps; empty when no coordinate has one.
    public var axisSteps: [SkewEuler?] { step.axisSteps }

    @inlinable
    public func run<R: RandomSource>(_ stream: R) -> TrajectoryOutcome {
        let step = self.step, region = self.region, maxSteps = self.maxSteps
        let (ws, probe) = step.makeWorkspaces()
        region.placeAtStart(ws.theta)
        region.placeAtStart(probe.theta)
        var s0 = region.signedDistance(ws.theta)
        var n = 0
        var duration = 0.0
        while n < maxSteps {
            let taken = step.advance(ws, probe: probe, stream)
            n += 1
            duration += taken.ratio
            if let end = region.endOfSDEStep(ws.theta, from: &s0, variance: taken.variance, stream) {
                return TrajectoryOutcome(end, steps: n, duration: duration)
            }
        }
        return TrajectoryOutcome(.censored, steps: n, duration: duration)
    }
}

/// Heavy-ball momentum's underdamped SDE in d dimensions (``UnderdampedLangevin`` per
/// coordinate, with the noise C^{1/2}·dW of ``DiffusionND``): symplectic Euler–Maruyama
/// (``DiffusionND/underdampedStep(_:beta:dt:noiseScale:_:)``, the step splitting's chain takes)
/// from rest at the start minimum; θ is differentiable in time, so no bridge.
public struct UnderdampedTrajectoryND<L: LandscapeND, N: GradientNoiseND>: TrajectorySimulator {
    public let diffusion: DiffusionND<L, N, SGDPreconditioner>
    public let beta: Double
    public let region: EscapeRegionND
    public let dt: Double
    public let maxSteps: Int

    public init(diffusion: DiffusionND<L, N, SGDPreconditioner>, beta: Double, region: EscapeRegionND, dt: Double, maxSteps: Int) {
        self.diffusion = diffusion; self.beta = beta; self.region = region; self.dt = dt; self.maxSteps = maxSteps
    }

    @inlinable
    public func run<R: RandomSource>(_ stream: R) -> TrajectoryOutcome {
        let diffusion = self.diffusion, region = self.region, dt = self.dt, maxSteps = self.maxSteps
        let ws = diffusion.makeWorkspace()
        region.placeAtStart(ws.theta)
        for i in 0..<ws.d { ws.velocity[i] = 0 } // from rest
        let beta = self.beta, noiseScale = (diffusion.learningRate * dt).squareRoot()
        var n = 0
        while n < maxSteps {
            diffusion.underdampedStep(ws, beta: beta, dt: dt, noiseScale: noiseScale, stream)
            n += 1
            if let end = region.endOfStep(ws.theta) { return TrajectoryOutcome(end, steps: n) }
        }
        return TrajectoryOutcome(.censored, steps: n)
    }
}

/// A discrete optimizer in d dimensions: g = ∇L + C^{1/2}z, and the update rule applied to
/// each coordinate with its own state (m, v) and the shared step counter — exactly the
/// elementwise optimizers of PyTorch.
public struct IterationTrajectoryND<L: LandscapeND, N: GradientNoiseND, O: OptimizerIteration1D>: TrajectorySimulator {
    public let diffusion: DiffusionND<L, N, SGDPreconditioner>
    public let optimizer: O
    public let region: EscapeRegionND
    public let maxSteps: Int

    public init(diffusion: DiffusionND<L, N, SGDPreconditioner>, optimizer: O, region: EscapeRegionND, maxSteps: Int) {
        self.diffusion = diffusion; self.optimizer = optimizer; self.region = region; self.maxSteps = maxSteps
    }

    @inlinable
    public func run<R: RandomSource>(_ stream: R) -> TrajectoryOutcome {
        let diffusion = self.diffusion, region = self.region, maxSteps = self.maxSteps
        let ws = diffusion.makeWorkspace()
        region.placeAtStart(ws.theta)
        var optimizers = diffusion.resetOptimizers(optimizer)
        var n = 0
        while n < maxSteps {
            diffusion.iterate(ws, &optimizers, stream)
            n += 1
            if let end = region.endOfStep(ws.theta) { return TrajectoryOutcome(end, steps: n) }
        }
        return TrajectoryOutcome(.censored, steps: n)
    }
}
