import NumericKit

/// x ↦ L(−x): the landscape seen from the other side.
///
/// The simulation and theory layers always escape to the right, from a minimum to the
/// saddle on its right; escaping a right-hand minimum leftwards is the same problem on
/// the mirrored landscape. L′ and L‴ change sign, L and L″ do not.
public struct MirroredLandscape<Base: Landscape1D>: Landscape1D {
    public let base: Base
    public init(_ base: Base) { self.base = base }

    @inlinable public func value(_ x: Double) -> Double { base.value(-x) }
    @inlinable public func derivative(_ x: Double) -> Double { -base.derivative(-x) }
    @inlinable public func secondDerivative(_ x: Double) -> Double { base.secondDerivative(-x) }
    @inlinable public func thirdDerivative(_ x: Double) -> Double { -base.thirdDerivative(-x) }

    public var criticalPoints: [CriticalPoint1D] {
        base.criticalPoints.reversed().map {
            CriticalPoint1D(x: -$0.x, value: $0.value, curvature: $0.curvature, kind: $0.kind)
        }
    }
    public var breakpoints: [Double] { base.breakpoints.reversed().map { -$0 } }
    public var curvatureSignChanges: [Double] { base.curvatureSignChanges.reversed().map { -$0 } }
    public var hasPiecewiseConstantCurvature: Bool { base.hasPiecewiseConstantCurvature }
    public var knownRange: ClosedRange<Double>? { base.knownRange.map { -$0.upperBound ... -$0.lowerBound } }
    public var measuredLogVariance: (spline: CubicSpline, mirrored: Bool)? { base.measuredLogVariance.map { ($0.spline, !$0.mirrored) } }
    public var spec: String { "mirrored:of=\(base.spec)" }
}
