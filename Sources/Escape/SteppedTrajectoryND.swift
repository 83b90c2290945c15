import Dynamics
import Landscapes
import NumericKit

/// One trajectory of the d-dimensional reduced SDE where the coordinates decouple (∇²L
/// diagonal) under local step-size control: the step from θ is ``AxisStepControl``'s
/// min_i dtᵢ(θᵢ), every coordinate takes ``DiffusionND/platenStep(_:dt:sqrtDt:normal:)``'s
/// weak order-2 step, and a coordinate within reach of a jump of its gᵢ takes
/// ``SkewEuler``'s exact interface step instead — the 1-D scheme of `auto`
/// (docs/integrators.md §1, §4) on each coordinate. The crossing of a target hyperplane
/// between grid points is the Brownian-bridge test of ``SDETrajectoryND`` with the step's
/// own dt. Durations are Σ dtₖ/dt₀, in units of the nominal step. A step allocates nothing.
public struct SteppedSDETrajectoryND<L: LandscapeND, N: GradientNoiseND, P: Preconditioner1D>: TrajectorySimulator {
    public let diffusion: DiffusionND<L, N, P>
    public let region: EscapeRegionND
    public let control: AxisStepControl
    public let maxSteps: Int
    /// Per coordinate, the skew-Euler step across its jumps (nil: none); empty when no
    /// coordinate has one.
    public let axisSteps: [SkewEuler?]

    public init(diffusion: DiffusionND<L, N, P>, region: EscapeRegionND, control: AxisStepControl, maxSteps: Int,
                interfaces: [[DiffusionInterface]] = []) {
        self.diffusion = diffusion; self.region = region; self.control = control; self.maxSteps = maxSteps
        axisSteps = SkewEuler.perCoordinate(interfaces)
    }

    @inlinable
    public func run<R: RandomSource>(_ stream: R) -> TrajectoryOutcome {
        let diffusion = self.diffusion, region = self.region, control = self.control, maxSteps = self.maxSteps
        let ws = diffusion.makeWorkspace()
        let d = ws.d
        region.placeAtStart(ws.theta)
        let probe = diffusion.makeWorkspace()   // for gᵢ outside a coordinate's span
        region.placeAtStart(probe.theta)
        let axisSteps = self.axisSteps
        let normal = region.normal
        var s0 = region.signedDistance(ws.theta)
        var n = 0
        var duration = 0.0
        while n < maxSteps {
            let step = control.step(at: ws.theta) { diffusion.axisCoefficient($0, at: $1, probe) }
            ws.drawNormals(stream)
            let rate = normal.withUnsafeBufferPointer { diffusion.platenStep(ws, dt: step.dt, sqrtDt: step.root, normal: $0) }
            for i in 0..<axisSteps.count {
                guard let skew = axisSteps[i], let interface = skew.interface(near: ws.origin[i], sqrtDt: step.root) else { continue }
                ws.accumulated[i] = SkewEuler.step(ws.origin[i], drift: ws.drift[i], across: interface, dt: step.dt,
                                                   sqrtDt: step.root, normal: ws.z[i], random: stream)
            }
            for i in 0..<d { ws.theta[i] = ws.accumulated[i] }
            n += 1
            duration += step.ratio
            if let end = region.endOfSDEStep(ws.theta, from: &s0, variance: rate * diffusion.learningRate * step.dt, stream) {
                return TrajectoryOutcome(end, steps: n, duration: duration)
            }
        }
        return TrajectoryOutcome(.censored, steps: n, duration: duration)
    }
}
