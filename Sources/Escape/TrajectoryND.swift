import Dynamics
import Landscapes
import NumericKit

/// The escape test in d dimensions: a hyperplane {θ : n·(θ − θ₀) ≥ 0}, or a ball of radius r
/// around any minimum other than the start.
public struct EscapeRegionND: Sendable {
    /// True: the hyperplane n·(θ − θ₀) ≥ 0; false: balls of `radius` around `centers`.
    public let isHyperplane: Bool
    public let normal: [Double]
    public let point: [Double]
    public let centers: [[Double]]
    public let radius: Double
    public let start: [Double]
    public let divergenceRadius: Double

    public init(_ problem: EscapeProblemND) {
        start = problem.start.x
        divergenceRadius = problem.divergenceRadius
        normal = problem.normal
        point = problem.planePoint
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

    /// n·(θ − θ₀) (≥ 0: past the hyperplane).
    @inlinable public func signedDistance(_ theta: UnsafeMutableBufferPointer<Double>) -> Double {
        var s = 0.0
        for i in 0..<normal.count { s += normal[i] * (theta[i] - point[i]) }
        return s
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
        if s1 >= 0 { return .escaped }
        if s0 * s1 < 0.5 * BrownianBridge.negligibleExponent * variance,
           stream.uniform() < BrownianBridge.crossingProbability(from: s0, to: s1, target: 0, variancePerStep: variance) {
            return .escaped
        }
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

/// One Euler–Maruyama trajectory of the d-dimensional reduced SDE (``DiffusionND``) from the
/// start minimum. For a hyperplane target the crossing between grid points is tested with
/// the Brownian bridge of the normal coordinate s = n·θ, whose variance per step is
/// η·nᵀPCPn·dt (``BrownianBridge``). A step allocates nothing.
///
/// Where the coordinates decouple and a coordinate's diffusion coefficient jumps
/// (``DiffusionND/axisInterfaces(at:)``: a separable landscape on `pq` with hessian noise),
/// that coordinate takes ``SkewEuler``'s exact interface step within reach of a jump and
/// Euler–Maruyama elsewhere — the 1-D scheme of docs/integrators.md §2, per coordinate,
/// with the coordinate's own normal and coins from the trajectory's stream.
public struct SDETrajectoryND<L: LandscapeND, N: GradientNoiseND, P: Preconditioner1D>: TrajectorySimulator {
    public let diffusion: DiffusionND<L, N, P>
    public let region: EscapeRegionND
    public let dt: Double
    public let maxSteps: Int
    /// Per coordinate, the skew-Euler step across its jumps (nil: Euler–Maruyama); empty when
    /// no coordinate has one.
    public let axisSteps: [SkewEuler?]

    /// `interfaces`: per coordinate, the jumps to cross exactly (none: Euler–Maruyama throughout).
    public init(diffusion: DiffusionND<L, N, P>, region: EscapeRegionND, dt: Double, maxSteps: Int,
                interfaces: [[DiffusionInterface]] = []) {
        self.diffusion = diffusion; self.region = region; self.dt = dt; self.maxSteps = maxSteps
        axisSteps = SkewEuler.perCoordinate(interfaces)
    }

    @inlinable
    public func run<R: RandomSource>(_ stream: R) -> TrajectoryOutcome {
        let diffusion = self.diffusion, region = self.region, dt = self.dt, maxSteps = self.maxSteps
        let ws = diffusion.makeWorkspace()
        let d = ws.d
        region.placeAtStart(ws.theta)
        let noiseScale = (diffusion.learningRate * dt).squareRoot()
        let sqrtDt = dt.squareRoot()
        let axisSteps = self.axisSteps
        let normal = region.normal
        var s0 = region.signedDistance(ws.theta)
        // With constant noise the bridge variance η·nᵀPCPn·dt is one number.
        let constantVariance: Double? = diffusion.hasConstantNoise
            ? normal.withUnsafeBufferPointer { diffusion.normalVariance($0, ws) } * diffusion.learningRate * dt : nil
        var n = 0
        while n < maxSteps {
            diffusion.prepare(ws)
            ws.drawNormals(stream)
            diffusion.driftAndKick(ws)
            if axisSteps.isEmpty {
                for i in 0..<d { ws.theta[i] += ws.drift[i] * dt + ws.kick[i] * noiseScale }
            } else {
                for i in 0..<d {
                    if let skew = axisSteps[i], let interface = skew.interface(near: ws.theta[i], sqrtDt: sqrtDt) {
                        ws.theta[i] = SkewEuler.step(ws.theta[i], drift: ws.drift[i], across: interface, dt: dt, sqrtDt: sqrtDt,
                                                     normal: ws.z[i], random: stream)
                    } else {
                        ws.theta[i] += ws.drift[i] * dt + ws.kick[i] * noiseScale
                    }
                }
            }
            n += 1
            let variance = !region.isHyperplane ? 0 : constantVariance
                ?? normal.withUnsafeBufferPointer { diffusion.normalVariance($0, ws) } * diffusion.learningRate * dt
            if let end = region.endOfSDEStep(ws.theta, from: &s0, variance: variance, stream) { return TrajectoryOutcome(end, steps: n) }
        }
        return TrajectoryOutcome(.censored, steps: n)
    }
}

/// Heavy-ball momentum's underdamped SDE in d dimensions (``UnderdampedLangevin`` per
/// coordinate, with the noise C^{1/2}·dW of ``DiffusionND``): symplectic Euler–Maruyama
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
        let d = ws.d
        region.placeAtStart(ws.theta)
        for i in 0..<d { ws.velocity[i] = 0 } // from rest
        let eta = diffusion.learningRate, gamma = 1 - beta
        let noiseScale = (eta * dt).squareRoot()
        var n = 0
        while n < maxSteps {
            diffusion.prepare(ws)
            ws.drawNormals(stream)
            diffusion.sampleNoise(ws)
            for i in 0..<d {
                ws.velocity[i] += ((-ws.grad[i] - gamma * ws.velocity[i]) * dt + ws.kick[i] * noiseScale) / eta
                ws.theta[i] += ws.velocity[i] * dt
            }
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
        let d = ws.d
        region.placeAtStart(ws.theta)
        var optimizers = Array(repeating: optimizer, count: d)
        for i in 0..<d { optimizers[i].reset() }
        var n = 0
        while n < maxSteps {
            diffusion.prepare(ws)
            ws.drawNormals(stream)
            diffusion.sampleNoise(ws)
            for i in 0..<d { ws.theta[i] = optimizers[i].step(ws.theta[i], gradient: ws.grad[i] + ws.kick[i]) }
            n += 1
            if let end = region.endOfStep(ws.theta) { return TrajectoryOutcome(end, steps: n) }
        }
        return TrajectoryOutcome(.censored, steps: n)
    }
}
