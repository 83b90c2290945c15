import CGSL

/// A C² cubic spline through measured rows (xᵢ, yᵢ), continued beyond them by a quadratic.
///
/// The spline is GSL's natural cubic spline (`gsl_interp_cspline`), chosen because it is C²:
/// its second derivative — the curvature L″ that hessian noise and every prefactor read — is
/// continuous, where Akima's and Steffen's C¹ splines make it jump at each row. A natural spline
/// pins S″ = 0 at its end rows, though, which is wrong for a loss profile (a quartic sampled on
/// [−2, 2] has L″ = 44 there) and collapses curvature-dependent noise near the ends. So the rows
/// are first padded with ``ghostRows`` rows on each side, on the cubic through the four end rows
/// at the end spacing; GSL's spline through the padded rows gives the knot curvatures
/// Mᵢ = S″(xᵢ), in which the pinned zero has decayed by (2 + √3)^8 ≈ 4·10⁴ by the first real row
/// (Press et al., Numerical Recipes §3.3), so S″ is O(h²)-accurate up to the end rows (the
/// parabola through three rows left an O(h·L‴) error there: 0.02 on sin at h = 0.03, against
/// 8·10⁻⁴ for the cubic). Only the real rows are kept. On [xᵢ, xᵢ₊₁],
/// h = xᵢ₊₁ − xᵢ, A = (xᵢ₊₁ − t)/h, B = 1 − A:
///
///     S(t)   = A·yᵢ + B·yᵢ₊₁ + ((A³ − A)·Mᵢ + (B³ − B)·Mᵢ₊₁)·h²/6
///     S′(t)  = (yᵢ₊₁ − yᵢ)/h − (3A² − 1)·h·Mᵢ/6 + (3B² − 1)·h·Mᵢ₊₁/6
///     S″(t)  = A·Mᵢ + B·Mᵢ₊₁,        S‴(t) = (Mᵢ₊₁ − Mᵢ)/h.
///
/// Beyond the first and last rows S continues as the quadratic with the spline's own value,
/// slope and curvature at that row, so S is C² everywhere and S″ is constant outside.
/// Evaluation is Swift, from (x, y, M), with no C state: one spline serves every thread.
public struct CubicSpline: Sendable, Equatable {
    public let x: [Double]
    public let y: [Double]
    /// S″ at the rows.
    public let curvatures: [Double]
    /// 1/h when the rows are equally spaced (the interval is then found by one multiply),
    /// else 0 (binary search).
    @usableFromInline let inverseSpacing: Double
    /// S′ at the first and last rows (the quadratic continuations' slopes).
    @usableFromInline let slopeAtStart: Double
    @usableFromInline let slopeAtEnd: Double

    /// Ghost rows on each side (see the type's description).
    public static let ghostRows = 8

    /// At least four rows with x strictly increasing and every value finite (the caller checks,
    /// naming the line of its file).
    public init(x: [Double], y: [Double]) throws {
        precondition(x.count == y.count && x.count >= 4, "a spline needs four rows or more")
        let n = x.count, g = Self.ghostRows
        // The cubic through the rows `rows`, at t (Lagrange form).
        func cubic(_ rows: [Int], at t: Double) -> Double {
            rows.reduce(0.0) { sum, i in
                sum + rows.filter { $0 != i }.reduce(y[i]) { $0 * (t - x[$1]) / (x[i] - x[$1]) }
            }
        }
        let (h0, h1) = (x[1] - x[0], x[n - 1] - x[n - 2])
        let before = (1...g).reversed().map { x[0] - Double($0) * h0 }
        let after = (1...g).map { x[n - 1] + Double($0) * h1 }
        let px = before + x + after
        let py = before.map { cubic([0, 1, 2, 3], at: $0) } + y + after.map { cubic([n - 4, n - 3, n - 2, n - 1], at: $0) }
        GSLRuntime.prepare()
        guard let interp = gsl_interp_alloc(cgsl_interp_cspline(), px.count), let accel = gsl_interp_accel_alloc() else {
            fatalError("gsl_interp_alloc failed: out of memory")
        }
        defer { gsl_interp_free(interp); gsl_interp_accel_free(accel) }
        var m = [Double](repeating: 0, count: n)
        try px.withUnsafeBufferPointer { xs in
            try py.withUnsafeBufferPointer { ys in
                try checkGSL(gsl_interp_init(interp, xs.baseAddress, ys.baseAddress, px.count), "gsl_interp_init")
                for i in 0..<n {
                    try checkGSL(gsl_interp_eval_deriv2_e(interp, xs.baseAddress, ys.baseAddress, x[i], accel, &m[i]),
                                 "gsl_interp_eval_deriv2_e")
                }
            }
        }
        self.x = x; self.y = y; curvatures = m
        let h = (x[n - 1] - x[0]) / Double(n - 1)
        let uniform = x.indices.allSatisfy { abs(x[$0] - (x[0] + Double($0) * h)) <= 1e-9 * h }
        inverseSpacing = uniform ? 1 / h : 0
        // S′ at the end rows, from the end intervals' cubics.
        slopeAtStart = (y[1] - y[0]) / h0 - h0 * (2 * m[0] + m[1]) / 6
        slopeAtEnd = (y[n - 1] - y[n - 2]) / h1 + h1 * (m[n - 2] + 2 * m[n - 1]) / 6
    }

    /// The interval [xᵢ, xᵢ₊₁] holding t, for x₀ ≤ t ≤ xₙ.
    @inlinable func interval(_ t: Double) -> Int {
        let last = x.count - 2
        if inverseSpacing > 0 {
            var i = min(max(Int((t - x[0]) * inverseSpacing), 0), last)
            // Rounding may put t one row off.
            if t < x[i], i > 0 { i -= 1 } else if t > x[i + 1], i < last { i += 1 }
            return i
        }
        var lo = 0, hi = last + 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if x[mid] <= t { lo = mid } else { hi = mid }
        }
        return min(lo, last)
    }

    /// S(t).
    @inlinable public func value(_ t: Double) -> Double {
        let n = x.count - 1
        if t < x[0] { let d = t - x[0]; return y[0] + d * (slopeAtStart + 0.5 * d * curvatures[0]) }
        if t > x[n] { let d = t - x[n]; return y[n] + d * (slopeAtEnd + 0.5 * d * curvatures[n]) }
        let i = interval(t)
        let h = x[i + 1] - x[i]
        let a = (x[i + 1] - t) / h, b = 1 - a
        return a * y[i] + b * y[i + 1] + ((a * a * a - a) * curvatures[i] + (b * b * b - b) * curvatures[i + 1]) * h * h / 6
    }

    /// S′(t).
    @inlinable public func derivative(_ t: Double) -> Double {
        let n = x.count - 1
        if t < x[0] { return slopeAtStart + (t - x[0]) * curvatures[0] }
        if t > x[n] { return slopeAtEnd + (t - x[n]) * curvatures[n] }
        let i = interval(t)
        let h = x[i + 1] - x[i]
        let a = (x[i + 1] - t) / h, b = 1 - a
        return (y[i + 1] - y[i]) / h - (3 * a * a - 1) * h * curvatures[i] / 6 + (3 * b * b - 1) * h * curvatures[i + 1] / 6
    }

    /// S″(t) (constant beyond the rows).
    @inlinable public func secondDerivative(_ t: Double) -> Double {
        let n = x.count - 1
        if t <= x[0] { return curvatures[0] }
        if t >= x[n] { return curvatures[n] }
        let i = interval(t)
        let a = (x[i + 1] - t) / (x[i + 1] - x[i])
        return a * curvatures[i] + (1 - a) * curvatures[i + 1]
    }

    /// S‴(t), constant on each interval (0 beyond the rows).
    @inlinable public func thirdDerivative(_ t: Double) -> Double {
        if t < x[0] || t > x[x.count - 1] { return 0 }
        let i = interval(t)
        return (curvatures[i + 1] - curvatures[i]) / (x[i + 1] - x[i])
    }
}
