import Landscapes
import NumericKit

/// One step of the d-dimensional reduced SDE (``DiffusionND``), as brute force and splitting
/// take it, in one of two schemes (docs/integrators.md §1, §4):
///
/// - on the uniform grid dt: Euler–Maruyama, θ′ = θ − P∇L·dt + P·C^{1/2}·√(η·dt)·z;
/// - under step-size control (``AxisStepControl``, where the coordinates decouple): the step
///   dt(θ) = min_i dtᵢ(θᵢ) and ``DiffusionND/platenStep(_:dt:sqrtDt:normal:)``'s weak order-2
///   step on every coordinate.
///
/// In both, a coordinate within reach of a jump of its coefficient gᵢ (separable `pq` with
/// hessian noise) takes ``SkewEuler``'s exact interface step instead, with its own normal and
/// coins from the same stream. The step also returns the variance of the escape coordinate
/// s = n·θ over it, η·nᵀPCPn·dt at the step's start, for the Brownian-bridge test
/// (``EscapePlane``). A step allocates nothing.
public struct SDEStepND<L: LandscapeND, N: GradientNoiseND, P: Preconditioner1D>: Sendable {
    public let diffusion: DiffusionND<L, N, P>
    /// dt₀: the uniform step, or the control's nominal step.
    public let dt: Double
    /// nil: Euler–Maruyama on the uniform grid.
    public let control: AxisStepControl?
    /// Per coordinate, the skew-Euler step across its jumps (nil: none); empty when no
    /// coordinate has one.
    public let axisSteps: [SkewEuler?]
    /// n, the escape coordinate's direction (the bridge variance is along it).
    public let normal: [Double]
    /// Whether the bridge variance is wanted (a hyperplane target); 0 is returned otherwise.
    public let needsVariance: Bool
    /// With constant noise on the uniform grid the variance is one number.
    public let constantVariance: Double?
    /// √(η·dt) and √dt of the uniform grid.
    public let noiseScale: Double
    @usableFromInline let sqrtDt: Double

    /// `interfaces`: per coordinate, the jumps to cross exactly (none: no skew-Euler steps).
    public init(diffusion: DiffusionND<L, N, P>, dt: Double, control: AxisStepControl? = nil,
                interfaces: [[DiffusionInterface]] = [], normal: [Double], needsVariance: Bool = true) {
        precondition(control == nil || !diffusion.needsEigen, "step control needs coordinates that decouple")
        self.diffusion = diffusion; self.dt = control?.nominal ?? dt; self.control = control
        axisSteps = SkewEuler.perCoordinate(interfaces)
        self.normal = normal; self.needsVariance = needsVariance
        noiseScale = (diffusion.learningRate * self.dt).squareRoot()
        sqrtDt = self.dt.squareRoot()
        if control == nil, needsVariance, diffusion.hasConstantNoise {
            let ws = diffusion.makeWorkspace()
            constantVariance = normal.withUnsafeBufferPointer { diffusion.normalVariance($0, ws) } * diffusion.learningRate * dt
        } else {
            constantVariance = nil
        }
    }

    /// The scheme's name: Platen's (under step control), skew-Euler's (on the uniform grid with
    /// jumps) or Euler–Maruyama's.
    public var schemeName: String {
        control != nil ? PlatenWeakTwo.name : axisSteps.isEmpty ? EulerMaruyama.name : SkewEuler.name
    }

    /// Scratch for ``advance(_:probe:_:)``: the step's workspace and a probe for gᵢ outside a
    /// coordinate's span (step control), whose θ the caller places at the start minimum (any
    /// point: the other coordinates do not enter gᵢ); one pair per trajectory or splitting
    /// run, not shared.
    public func makeWorkspaces() -> (step: WorkspaceND, probe: WorkspaceND) {
        (diffusion.makeWorkspace(), diffusion.makeWorkspace())
    }

    /// Advances ws.theta by one step, drawing from `stream`; returns the step's length in
    /// nominal steps (dtₖ/dt₀; 1 on the uniform grid) and the bridge variance of s over it.
    /// `probe` is read and overwritten only under step control.
    ///
    /// Inlined into the caller's loop, and nothing of `self` is copied here: a copy of the
    /// diffusion per step (its landscape's arrays retained and released) made the first
    /// version of this shared step 4× slower than the loops it replaced.
    @inlinable @inline(__always)
    public func advance<R: RandomSource>(_ ws: WorkspaceND, probe: WorkspaceND, _ stream: R) -> (ratio: Double, variance: Double) {
        let d = ws.d
        guard let control else {
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
            guard needsVariance else { return (1, 0) }
            // P and C are still those of the step's start (prepare ran before the move).
            let variance = constantVariance
                ?? normal.withUnsafeBufferPointer { diffusion.normalVariance($0, ws) } * diffusion.learningRate * dt
            return (1, variance)
        }
        let step = control.step(at: ws.theta) { diffusion.axisCoefficient($0, at: $1, probe) }
        ws.drawNormals(stream)
        let rate = normal.withUnsafeBufferPointer { diffusion.platenStep(ws, dt: step.dt, sqrtDt: step.root, normal: $0) }
        for i in 0..<axisSteps.count {
            guard let skew = axisSteps[i], let interface = skew.interface(near: ws.origin[i], sqrtDt: step.root) else { continue }
            ws.accumulated[i] = SkewEuler.step(ws.origin[i], drift: ws.drift[i], across: interface, dt: step.dt,
                                               sqrtDt: step.root, normal: ws.z[i], random: stream)
        }
        for i in 0..<d { ws.theta[i] = ws.accumulated[i] }
        return (step.ratio, rate * diffusion.learningRate * step.dt)
    }
}
