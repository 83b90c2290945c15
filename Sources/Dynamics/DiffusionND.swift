import Landscapes
import NumericKit

/// Per-trajectory storage for d-dimensional steps: every vector and matrix a step needs,
/// allocated once when the trajectory starts, so that a step allocates nothing. Not shared
/// between threads.
public final class WorkspaceND {
    public let d: Int
    public let theta, grad, z, kick, drift, diagC, factor, scratch, velocity: UnsafeMutableBufferPointer<Double>
    /// For multi-stage steps (``DiffusionND/platenStep(_:dt:sqrtDt:)``): the step's start, the
    /// diffusion coefficients there and the new point as it is summed.
    public let origin, coefficient, accumulated: UnsafeMutableBufferPointer<Double>
    public let hessian, vectors: UnsafeMutableBufferPointer<Double>
    /// Eigenvalues of C (full case).
    public let noiseEigen: UnsafeMutableBufferPointer<Double>
    let eigen: EigenWorkspace?

    public init(dimension d: Int, needsEigen: Bool) {
        self.d = d
        func vector(_ n: Int) -> UnsafeMutableBufferPointer<Double> {
            let b = UnsafeMutableBufferPointer<Double>.allocate(capacity: n)
            b.initialize(repeating: 0)
            return b
        }
        theta = vector(d); grad = vector(d); z = vector(d); kick = vector(d); drift = vector(d)
        diagC = vector(d); factor = vector(d); scratch = vector(d); velocity = vector(d)
        origin = vector(d); coefficient = vector(d); accumulated = vector(d)
        hessian = vector(d * d); vectors = vector(d * d); noiseEigen = vector(d)
        eigen = needsEigen ? EigenWorkspace(dimension: d) : nil
    }

    deinit {
        for b in [theta, grad, z, kick, drift, diagC, factor, scratch, velocity, origin, coefficient, accumulated,
                  hessian, vectors, noiseEigen] { b.deallocate() }
    }

    /// Fills `z` with d standard normal draws.
    @inlinable public func drawNormals<R: RandomSource>(_ stream: R) {
        for i in 0..<d { z[i] = stream.gaussian() }
    }

    /// Eigen-decomposes `hessian` into `noiseEigen` (λ) and `vectors` (V, row-major).
    @usableFromInline func decomposeHessian() {
        eigen!.decompose(UnsafeBufferPointer(hessian), values: noiseEigen, vectors: vectors)
    }
}

/// The d-dimensional reduced SDE of an optimizer (docs/theory.md §0–§1 with matrices):
///
///     dθ = −P(θ)·∇L dt + P(θ)·√η·C(θ)^{1/2} dW,      D = η·P·C·P/2,
///
/// C from the noise model N (``GradientNoiseND``: isotropic σ²I, or `hessian`,
/// C = V·√(Λ² + δ²)·Vᵀ/B for ∇²L = VΛVᵀ, docs/theory.md §2), and P from C either elementwise,
/// pᵢ = P(Cᵢᵢ) as the real optimizers do, or as the matrix function P = V·P(c_k)·Vᵀ of C's
/// eigenvalues c_k (`--preconditioner full`). Where C is diagonal no eigen-decomposition is
/// needed; otherwise one per step (GSL symmv, O(d³)) into preallocated storage. Landscape, noise
/// and preconditioner are type parameters: a step does not switch on any of them.
public struct DiffusionND<L: LandscapeND, N: GradientNoiseND, P: Preconditioner1D>: Sendable {
    public let landscape: L
    public let noise: N
    public let preconditioner: P
    public let form: PreconditionerForm
    public let learningRate: Double
    public let dimension: Int
    /// Whether steps need an eigen-decomposition (C not diagonal on this landscape).
    public let needsEigen: Bool

    public init(landscape: L, noise: N, preconditioner: P, form: PreconditionerForm, learningRate: Double) {
        self.landscape = landscape; self.noise = noise; self.preconditioner = preconditioner
        self.form = form; self.learningRate = learningRate
        dimension = landscape.dimension
        needsEigen = noise.needsEigen(on: landscape)
    }

    /// A workspace for this diffusion; with constant noise C and P are filled in here once.
    public func makeWorkspace() -> WorkspaceND {
        let ws = WorkspaceND(dimension: dimension, needsEigen: needsEigen)
        if N.isConstant {
            noise.fill(ws, on: landscape, needsEigen: needsEigen)
            setPreconditioner(ws)
        }
        return ws
    }

    /// True when C (and so P) does not depend on θ.
    public var hasConstantNoise: Bool { N.isConstant }

    /// At ws.theta: ∇L into ws.grad; the noise's diagonal into ws.diagC; the preconditioner
    /// into ws.factor (elementwise pᵢ, or P(c_k) on C's eigenvalues in the full form).
    @inlinable
    public func prepare(_ ws: WorkspaceND) {
        landscape.gradient(UnsafeBufferPointer(ws.theta), into: ws.grad)
        guard !N.isConstant else { return } // set by makeWorkspace()
        noise.fill(ws, on: landscape, needsEigen: needsEigen)
        setPreconditioner(ws)
    }

    /// ws.factor from C (after the noise's ``GradientNoiseND/fill(_:on:needsEigen:)``).
    @inlinable
    func setPreconditioner(_ ws: WorkspaceND) {
        if needsEigen && form == .full {
            for k in 0..<ws.d { ws.factor[k] = preconditioner.factor(variance: ws.noiseEigen[k]) }
        } else {
            for i in 0..<ws.d { ws.factor[i] = preconditioner.factor(variance: ws.diagC[i]) }
        }
    }

    /// The jumps of each coordinate's diffusion coefficient gᵢ = pᵢ·√(η·cᵢ), with their
    /// one-sided values, where the coordinates decouple: ∇²L diagonal (so cᵢ and, elementwise,
    /// pᵢ depend on θᵢ alone) at the landscape's ``LandscapeND/axisBreakpoints``. Empty for
    /// constant noise and for non-diagonal Hessians. `at` fixes the other coordinates (any
    /// value: they do not enter gᵢ).
    public func axisInterfaces(at theta: [Double]) -> [[DiffusionInterface]] {
        let none = Array(repeating: [DiffusionInterface](), count: dimension)
        guard !needsEigen, !hasConstantNoise else { return none }
        let ws = makeWorkspace()
        func coefficient(_ i: Int, at x: Double) -> Double { axisCoefficient(i, at: x, base: theta, ws) }
        return landscape.axisBreakpoints.enumerated().map { i, points in
            points.compactMap { c in
                DiffusionInterface(jumpAt: c, left: coefficient(i, at: c.nextDown), right: coefficient(i, at: c.nextUp))
            }
        }
    }

    /// gᵢ = pᵢ·√(η·cᵢ), coordinate i's diffusion coefficient, at `base` with θᵢ = x — a
    /// function of x alone where the coordinates decouple (∇²L diagonal). Overwrites ws.
    public func axisCoefficient(_ i: Int, at x: Double, base theta: [Double], _ ws: WorkspaceND) -> Double {
        for k in 0..<dimension { ws.theta[k] = theta[k] }
        return axisCoefficient(i, at: x, ws)
    }

    /// gᵢ with θᵢ = x and the other coordinates where ws.theta has them.
    @inlinable
    public func axisCoefficient(_ i: Int, at x: Double, _ ws: WorkspaceND) -> Double {
        ws.theta[i] = x
        prepare(ws)
        return ws.factor[i] * (learningRate * ws.diagC[i]).squareRoot()
    }

    /// ws.kick = C^{1/2}·ws.z (the gradient noise ξ for unit normals z), after ``prepare(_:)``.
    @inlinable
    public func sampleNoise(_ ws: WorkspaceND) {
        let d = ws.d
        if needsEigen {
            // ξ = V·diag(√c)·Vᵀ·z
            for k in 0..<d {
                var s = 0.0
                for i in 0..<d { s += ws.vectors[i * d + k] * ws.z[i] }
                ws.scratch[k] = s * ws.noiseEigen[k].squareRoot()
            }
            for i in 0..<d {
                var s = 0.0
                for k in 0..<d { s += ws.vectors[i * d + k] * ws.scratch[k] }
                ws.kick[i] = s
            }
        } else {
            for i in 0..<d { ws.kick[i] = ws.diagC[i].squareRoot() * ws.z[i] }
        }
    }

    /// ws.drift = −P·∇L and ws.kick = P·C^{1/2}·z, after ``prepare(_:)``.
    @inlinable
    public func driftAndKick(_ ws: WorkspaceND) {
        let d = ws.d
        if needsEigen && form == .full {
            // In the eigenbasis: drift_k = −p_k (Vᵀg)_k, kick_k = p_k √c_k (Vᵀz)_k.
            for k in 0..<d {
                var gk = 0.0, zk = 0.0
                for i in 0..<d { let v = ws.vectors[i * d + k]; gk += v * ws.grad[i]; zk += v * ws.z[i] }
                ws.scratch[k] = gk
                ws.velocity[k] = zk
            }
            for i in 0..<d {
                var dr = 0.0, ki = 0.0
                for k in 0..<d {
                    let v = ws.vectors[i * d + k], p = ws.factor[k]
                    dr -= v * p * ws.scratch[k]
                    ki += v * p * ws.noiseEigen[k].squareRoot() * ws.velocity[k]
                }
                ws.drift[i] = dr; ws.kick[i] = ki
            }
            return
        }
        sampleNoise(ws)
        for i in 0..<d {
            ws.drift[i] = -ws.factor[i] * ws.grad[i]
            ws.kick[i] *= ws.factor[i]
        }
    }

    /// nᵀ·P·C·P·n: the variance rate of the coordinate n·θ (per unit time, before η), for the
    /// Brownian-bridge test against a hyperplane with unit normal n. After ``prepare(_:)``.
    @inlinable
    public func normalVariance(_ n: UnsafeBufferPointer<Double>, _ ws: WorkspaceND) -> Double {
        let d = ws.d
        guard needsEigen else {
            var s = 0.0
            for i in 0..<d { let w = ws.factor[i] * n[i]; s += w * w * ws.diagC[i] }
            return s
        }
        var s = 0.0
        for k in 0..<d {
            var proj = 0.0
            for i in 0..<d {
                let w = form == .full ? n[i] : ws.factor[i] * n[i]
                proj += ws.vectors[i * d + k] * w
            }
            let p = form == .full ? ws.factor[k] : 1
            s += p * p * ws.noiseEigen[k] * proj * proj
        }
        return s
    }
}

extension DiffusionND {
    /// Along the unit vector t at ws.theta (after ``prepare(_:)``): tᵀPt, tᵀCt and tᵀPCPt.
    public func directional(_ t: [Double], _ ws: WorkspaceND) -> (p: Double, c: Double, pcp: Double) {
        let d = ws.d
        var p = 0.0, c = 0.0, pcp = 0.0
        if !needsEigen {
            for i in 0..<d {
                p += ws.factor[i] * t[i] * t[i]; c += ws.diagC[i] * t[i] * t[i]
                pcp += ws.factor[i] * ws.factor[i] * ws.diagC[i] * t[i] * t[i]
            }
            return (p, c, pcp)
        }
        let w = (0..<d).map { form == .full ? t[$0] : ws.factor[$0] * t[$0] }
        for k in 0..<d {
            var tk = 0.0, wk = 0.0
            for i in 0..<d { tk += ws.vectors[i * d + k] * t[i]; wk += ws.vectors[i * d + k] * w[i] }
            c += ws.noiseEigen[k] * tk * tk
            if form == .full {
                p += ws.factor[k] * tk * tk
                pcp += ws.factor[k] * ws.factor[k] * ws.noiseEigen[k] * tk * tk
            } else {
                pcp += ws.noiseEigen[k] * wk * wk
            }
        }
        if form == .elementwise { for i in 0..<d { p += ws.factor[i] * t[i] * t[i] } }
        return (p, c, pcp)
    }

    /// P^{1/2} as a dense row-major matrix at ws.theta (after ``prepare(_:)``).
    public func preconditionerRoot(_ ws: WorkspaceND) -> [Double] {
        let d = ws.d
        var m = Array(repeating: 0.0, count: d * d)
        if needsEigen && form == .full {
            for i in 0..<d { for j in 0..<d {
                var s = 0.0
                for k in 0..<d { s += ws.vectors[i * d + k] * ws.factor[k].squareRoot() * ws.vectors[j * d + k] }
                m[i * d + j] = s
            } }
        } else {
            for i in 0..<d { m[i * d + i] = ws.factor[i].squareRoot() }
        }
        return m
    }
}
