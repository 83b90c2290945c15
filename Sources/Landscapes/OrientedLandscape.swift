import NumericKit

/// A landscape seen from one side or the other: x ↦ L(s·x), s = +1 or −1.
///
/// The simulation and theory layers always escape to the right, from a minimum to the saddle
/// on its right; escaping a right-hand minimum leftwards is the same problem on the mirrored
/// landscape (s = −1), where L′ and L‴ change sign and L and L″ do not.
///
/// The side is a value, not a type: ``LandscapeModel/accept(_:mirrored:)`` hands every problem
/// of a family the same type, so each hot loop is compiled once per family rather than once per
/// side (the 1-D specialisations, and the release build time they cost, halve). Nothing
/// numerical changes: s·v is applied as an exclusive-or of v's sign bit with s's — with s = +1
/// every value is the base's bit for bit, with s = −1 every value is L(−x) exactly as the
/// negations of a separate mirrored type computed it — and in one cycle of latency rather than a
/// multiplication's four (measured: a multiplication by ±1 cost the quartic's SIMD-lane loop
/// about 20% of its speed; docs/performance.md).
public struct OrientedLandscape<Base: Landscape1D>: Landscape1D {
    public let base: Base
    /// The sign bit of s: 0 as the base is, 1 << 63 mirrored.
    @usableFromInline let signBit: UInt64

    public init(_ base: Base, mirrored: Bool) {
        self.base = base
        signBit = mirrored ? (-0.0).bitPattern : 0
    }

    /// Whether this is the mirror image x ↦ L(−x).
    @inlinable public var isMirrored: Bool { signBit != 0 }

    /// s·v, exactly: v with its sign bit flipped when mirrored.
    @inlinable @inline(__always) func oriented(_ v: Double) -> Double { Double(bitPattern: v.bitPattern ^ signBit) }

    @inlinable public func value(_ x: Double) -> Double { base.value(oriented(x)) }
    @inlinable public func derivative(_ x: Double) -> Double { oriented(base.derivative(oriented(x))) }
    @inlinable public func secondDerivative(_ x: Double) -> Double { base.secondDerivative(oriented(x)) }
    @inlinable public func thirdDerivative(_ x: Double) -> Double { oriented(base.thirdDerivative(oriented(x))) }

    public var criticalPoints: [CriticalPoint1D] {
        guard isMirrored else { return base.criticalPoints }
        return base.criticalPoints.reversed().map {
            CriticalPoint1D(x: -$0.x, value: $0.value, curvature: $0.curvature, kind: $0.kind)
        }
    }
    public var breakpoints: [Double] { orientedPoints(base.breakpoints) }
    public var curvatureSignChanges: [Double] { orientedPoints(base.curvatureSignChanges) }
    public var hasPiecewiseConstantCurvature: Bool { base.hasPiecewiseConstantCurvature }
    public var affineGradientPieces: AffineGradientPieces? {
        isMirrored ? base.affineGradientPieces?.mirrored : base.affineGradientPieces
    }
    public var knownRange: ClosedRange<Double>? {
        guard isMirrored else { return base.knownRange }
        return base.knownRange.map { -$0.upperBound ... -$0.lowerBound }
    }
    public var measuredLogVariance: (spline: CubicSpline, mirrored: Bool)? {
        base.measuredLogVariance.map { ($0.spline, $0.mirrored != isMirrored) }
    }
    public var spec: String { isMirrored ? "mirrored:of=\(base.spec)" : base.spec }

    /// Increasing points of the base, as increasing points of this side.
    func orientedPoints(_ points: [Double]) -> [Double] { isMirrored ? points.reversed().map { -$0 } : points }
}
