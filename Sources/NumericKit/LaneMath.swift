import CVectorMath

/// Square roots the fast engine's SIMD lanes can vectorise.
///
/// The IEEE square root is correctly rounded, so these are bit for bit `squareRoot()`; they
/// differ in code, not value: Swift's `Double.squareRoot()` carries C's errno path (a compare
/// and a libm call for negative arguments), which keeps a per-lane loop scalar, and
/// `SIMD8<Double>.squareRoot()` is eight such scalar roots. Here the scalar form has no branch
/// and the vector form is one `vsqrtpd` per four lanes (AVX2). A negative argument gives NaN, as
/// `squareRoot()` does.
public enum LaneMath {
    /// √x, without the errno branch.
    @inlinable @inline(__always)
    public static func squareRoot(_ x: Double) -> Double { cvm_sqrt(x) }

    /// √x on every lane.
    @inlinable @inline(__always)
    public static func squareRoot(_ x: SIMD8<Double>) -> SIMD8<Double> { cvm_sqrt8(x) }
}
