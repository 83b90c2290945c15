import NumericKit

/// `separable` (docs/theory.md §5): a 1-D family along θ₁ plus spectator curvatures,
///
///     L(θ) = L_base(θ₁) + Σ_{i>1} hᵢ·θᵢ²/2,     hᵢ > 0.
///
/// With elementwise P and diagonal C the coordinates decouple and the escape time along θ₁
/// is exactly the 1-D value of the base, whatever the spectators.
///
/// Generic over the base so that the hot loop calls the concrete family directly (no dispatch
/// per call): ``LandscapeNDModel`` holds `SeparableLandscape<LandscapeModel>` and its
/// `accept` hands the visitor a `SeparableLandscape` of the concrete family.
public struct SeparableLandscape<Base: Landscape1D>: LandscapeND {
    public let base: Base
    public let spectators: [Double]

    public init(base: Base, spectators: [Double]) throws(InvalidParameter) {
        for h in spectators { try Validate.positive(h, "spectators") }
        self.base = base
        self.spectators = spectators
    }

    public var dimension: Int { 1 + spectators.count }

    @inlinable public func value(_ theta: UnsafeBufferPointer<Double>) -> Double {
        var sum = base.value(theta[0])
        for i in 0..<spectators.count { sum += 0.5 * spectators[i] * theta[i + 1] * theta[i + 1] }
        return sum
    }

    @inlinable public func gradient(_ theta: UnsafeBufferPointer<Double>, into g: UnsafeMutableBufferPointer<Double>) {
        g[0] = base.derivative(theta[0])
        for i in 0..<spectators.count { g[i + 1] = spectators[i] * theta[i + 1] }
    }

    /// Lane by lane L′_base on θ₁ (unrolled and vectorised for smooth bases), and hᵢ·θᵢ as
    /// vectors: the scalar gradient's operations.
    @inlinable public func gradient(lanes theta: UnsafePointer<SIMD8<Double>>, into g: UnsafeMutablePointer<SIMD8<Double>>,
                                    scratch: UnsafeMutableBufferPointer<Double>) {
        let x = theta[0]
        var g0 = SIMD8<Double>()
        for k in 0..<8 { g0[k] = base.derivative(x[k]) }
        g[0] = g0
        for i in 0..<spectators.count { g[i + 1] = SIMD8(repeating: spectators[i]) * theta[i + 1] }
    }

    @inlinable public func hessian(_ theta: UnsafeBufferPointer<Double>, into h: UnsafeMutableBufferPointer<Double>) {
        let d = dimension
        for k in 0..<(d * d) { h[k] = 0 }
        h[0] = base.secondDerivative(theta[0])
        for i in 0..<spectators.count { h[(i + 1) * d + i + 1] = spectators[i] }
    }

    @inlinable public func hessianDiagonal(_ theta: UnsafeBufferPointer<Double>, into h: UnsafeMutableBufferPointer<Double>) {
        h[0] = base.secondDerivative(theta[0])
        for i in 0..<spectators.count { h[i + 1] = spectators[i] }
    }

    public var startingPoints: [[Double]] {
        base.minima.map { [$0.x] + Array(repeating: 0, count: spectators.count) }
    }
    public var hasDiagonalHessian: Bool { true }
    /// The base's breakpoints along θ₁ (`pq`'s jumps of L″); the spectators are quadratic.
    public var axisBreakpoints: [[Double]] { [base.breakpoints] + Array(repeating: [], count: spectators.count) }
    public var spec: String {
        let body = base.spec.split(separator: ":", maxSplits: 1)
        return "separable:base=\(body[0]),\(body.count > 1 ? body[1] : ""),spectators=\(spectators.map(Validate.format).joined(separator: ":"))"
    }
}

extension SeparableLandscape: Equatable where Base: Equatable {}
