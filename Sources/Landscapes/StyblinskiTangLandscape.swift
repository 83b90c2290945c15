import NumericKit

/// `styblinski-tang` with sharpness knob k (docs/theory.md §5; used in the Adaptive-Inertia line
/// of work to plot −log(escape rate) against 1/k):
///
///     L(θ) = (k/2)·Σᵢ (θᵢ⁴ − 16θᵢ² + 5θᵢ).
///
/// Separable: per coordinate f(x) = x⁴ − 16x² + 5x has minima at x ≈ −2.9035 and 2.7468 and
/// a maximum at x ≈ 0.1567 (roots of 4x³ − 32x + 5), so there are 2^d minima; neighbours
/// (differing in one coordinate) are joined by index-1 saddles with that coordinate at the
/// maximum. Hessian diag((k/2)(12θᵢ² − 32)).
public struct StyblinskiTangLandscape: LandscapeND, Equatable {
    public let dimension: Int
    public let k: Double

    public init(dimension: Int, k: Double) throws(InvalidParameter) {
        guard dimension >= 1 && dimension <= 1000 else {
            throw InvalidParameter("d", given: "\(dimension)", allowed: "a whole number in 1…1000")
        }
        try Validate.positive(k, "k")
        self.dimension = dimension
        self.k = k
    }

    @inlinable public func value(_ theta: UnsafeBufferPointer<Double>) -> Double {
        var sum = 0.0
        for x in theta { let x2 = x * x; sum += x2 * x2 - 16 * x2 + 5 * x }
        return 0.5 * k * sum
    }

    @inlinable public func gradient(_ theta: UnsafeBufferPointer<Double>, into g: UnsafeMutableBufferPointer<Double>) {
        for i in 0..<dimension { let x = theta[i]; g[i] = 0.5 * k * (4 * x * x * x - 32 * x + 5) }
    }

    @inlinable public func hessian(_ theta: UnsafeBufferPointer<Double>, into h: UnsafeMutableBufferPointer<Double>) {
        let d = dimension
        for n in 0..<(d * d) { h[n] = 0 }
        for i in 0..<d { h[i * d + i] = 0.5 * k * (12 * theta[i] * theta[i] - 32) }
    }

    @inlinable public func hessianDiagonal(_ theta: UnsafeBufferPointer<Double>, into h: UnsafeMutableBufferPointer<Double>) {
        for i in 0..<dimension { h[i] = 0.5 * k * (12 * theta[i] * theta[i] - 32) }
    }

    /// Every corner of {−2.90, 2.75}^d while there are at most 1024, else the all-left corner
    /// and its d neighbours.
    public var startingPoints: [[Double]] {
        let left = -2.9, right = 2.75
        if dimension <= 10 {
            return (0..<(1 << dimension)).map { mask in (0..<dimension).map { mask & (1 << $0) != 0 ? right : left } }
        }
        let corner = Array(repeating: left, count: dimension)
        return [corner] + (0..<dimension).map { i in var p = corner; p[i] = right; return p }
    }
    public var hasDiagonalHessian: Bool { true }
    /// A polynomial: no jumps.
    public var axisBreakpoints: [[Double]] { Array(repeating: [], count: dimension) }
    public var spec: String { "styblinski-tang:d=\(dimension),k=\(Validate.format(k))" }
}
