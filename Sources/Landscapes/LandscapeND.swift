/// A d-dimensional landscape as the hot loops and the critical-point search use it: the
/// gradient and the Hessian written into caller-owned buffers (no allocation per step),
/// seeds for the minimum search, and whether the Hessian is diagonal everywhere (then the
/// `hessian` noise matrix function is elementwise and needs no eigen-decomposition).
///
/// The hot-path requirements take buffer pointers so that a trajectory can keep θ, ∇L and
/// ∇²L in storage it allocated once; the array forms of ``Landscape`` are derived from them.
public protocol LandscapeND: Landscape {
    /// L(θ).
    func value(_ theta: UnsafeBufferPointer<Double>) -> Double
    /// ∇L(θ) into `gradient` (d entries).
    func gradient(_ theta: UnsafeBufferPointer<Double>, into gradient: UnsafeMutableBufferPointer<Double>)
    /// ∇²L(θ), row-major d×d, into `hessian` (d² entries).
    func hessian(_ theta: UnsafeBufferPointer<Double>, into hessian: UnsafeMutableBufferPointer<Double>)
    /// Points from which a local minimisation finds every minimum of interest.
    var startingPoints: [[Double]] { get }
    /// True if ∇²L is diagonal at every θ (separable families).
    var hasDiagonalHessian: Bool { get }
    /// For each coordinate i, the values of θᵢ where the diagonal Hessian entry Hᵢᵢ — a
    /// function of θᵢ alone when ∇²L is diagonal — jumps (a separable family built on `pq`);
    /// empty arrays when ∇²L is not diagonal or is continuous. The d-dimensional SDE crosses
    /// the jumps of its diffusion there with the skew-Euler step (``SDETrajectoryND``).
    var axisBreakpoints: [[Double]] { get }
    /// The diagonal of ∇²L (d entries) — for diagonal families the whole Hessian, in O(d).
    func hessianDiagonal(_ theta: UnsafeBufferPointer<Double>, into diagonal: UnsafeMutableBufferPointer<Double>)
    /// The spec string that rebuilds this landscape.
    var spec: String { get }
    /// ∇L at eight points at once, structure of arrays — lane k of `theta[i]` is θᵢ of point
    /// k, and lane k of `gradient[i]` receives ∂L/∂θᵢ there — for the fast engine's eight
    /// interleaved trajectories. Each lane must equal ``gradient(_:into:)`` at its point bit
    /// for bit. `scratch` holds 2d doubles. The default gathers each point and calls
    /// ``gradient(_:into:)``; separable families override it with vector arithmetic.
    func gradient(lanes theta: UnsafePointer<SIMD8<Double>>, into gradient: UnsafeMutablePointer<SIMD8<Double>>,
                  scratch: UnsafeMutableBufferPointer<Double>)
}

extension LandscapeND {
    /// Default: point by point through the scalar gradient (bit for bit by construction).
    @inlinable
    public func gradient(lanes theta: UnsafePointer<SIMD8<Double>>, into gradient: UnsafeMutablePointer<SIMD8<Double>>,
                         scratch: UnsafeMutableBufferPointer<Double>) {
        let d = dimension
        let point = UnsafeMutableBufferPointer(rebasing: scratch[0..<d])
        let g = UnsafeMutableBufferPointer(rebasing: scratch[d..<(2 * d)])
        for k in 0..<8 {
            for i in 0..<d { point[i] = theta[i][k] }
            self.gradient(UnsafeBufferPointer(point), into: g)
            for i in 0..<d { gradient[i][k] = g[i] }
        }
    }

    /// Default: from the full Hessian (O(d²) storage on the stack).
    public func hessianDiagonal(_ theta: UnsafeBufferPointer<Double>, into diagonal: UnsafeMutableBufferPointer<Double>) {
        let d = dimension
        withUnsafeTemporaryAllocation(of: Double.self, capacity: d * d) { h in
            hessian(theta, into: h)
            for i in 0..<d { diagonal[i] = h[i * d + i] }
        }
    }

    public func value(_ theta: [Double]) -> Double {
        theta.withUnsafeBufferPointer { value($0) }
    }
    public func gradient(_ theta: [Double], into gradient: inout [Double]) {
        theta.withUnsafeBufferPointer { t in gradient.withUnsafeMutableBufferPointer { self.gradient(t, into: $0) } }
    }
    public func hessian(_ theta: [Double], into hessian: inout [Double]) {
        theta.withUnsafeBufferPointer { t in hessian.withUnsafeMutableBufferPointer { self.hessian(t, into: $0) } }
    }
    public func hessian(_ theta: [Double]) -> [Double] {
        var h = Array(repeating: 0.0, count: dimension * dimension)
        hessian(theta, into: &h)
        return h
    }
}

/// Finite-difference derivatives, for checking analytic gradients and Hessians (tests) and
/// for families without an analytic Hessian: central differences with step
/// h = ε^{1/3}·max(1, |θᵢ|) ≈ 6·10⁻⁶, truncation O(h²), rounding O(ε/h) — about 1e-10
/// relative for smooth families.
public enum FiniteDifference {
    public static func step(_ x: Double) -> Double { 6.0555e-6 * max(1, abs(x)) }

    /// ∂L/∂θᵢ.
    public static func gradient<L: Landscape>(_ l: L, at theta: [Double]) -> [Double] {
        (0..<theta.count).map { i in
            var plus = theta, minus = theta
            let h = step(theta[i])
            plus[i] += h; minus[i] -= h
            return (l.value(plus) - l.value(minus)) / (2 * h)
        }
    }

    /// ∂²L/∂θᵢ∂θⱼ from central differences of the analytic gradient, symmetrised.
    public static func hessian<L: Landscape>(_ l: L, at theta: [Double]) -> [Double] {
        let d = theta.count
        var h = Array(repeating: 0.0, count: d * d)
        var gp = Array(repeating: 0.0, count: d), gm = gp
        for j in 0..<d {
            var plus = theta, minus = theta
            let s = step(theta[j])
            plus[j] += s; minus[j] -= s
            l.gradient(plus, into: &gp); l.gradient(minus, into: &gm)
            for i in 0..<d { h[i * d + j] = (gp[i] - gm[i]) / (2 * s) }
        }
        for i in 0..<d { for j in 0..<i { let m = 0.5 * (h[i * d + j] + h[j * d + i]); h[i * d + j] = m; h[j * d + i] = m } }
        return h
    }
}
