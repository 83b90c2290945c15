import NumericKit

/// A loss landscape L: ℝᵈ → ℝ with its gradient and Hessian (docs/architecture.md).
///
/// The d-dimensional families build on this; every 1-D family conforms through
/// ``Landscape1D``.
public protocol Landscape: Sendable {
    /// d, the number of parameters θ.
    var dimension: Int { get }
    /// L(θ).
    func value(_ theta: [Double]) -> Double
    /// ∇L(θ), written into `gradient` (which has `dimension` entries).
    func gradient(_ theta: [Double], into gradient: inout [Double])
    /// ∇²L(θ), row-major d×d.
    func hessian(_ theta: [Double]) -> [Double]
}

/// A one-dimensional landscape L(x): the hot path of every 1-D simulation, so its
/// derivatives take and return plain `Double`s and are `@inlinable` in each family.
public protocol Landscape1D: Landscape {
    /// L(x).
    func value(_ x: Double) -> Double
    /// L′(x).
    func derivative(_ x: Double) -> Double
    /// L″(x) (the 1×1 Hessian).
    func secondDerivative(_ x: Double) -> Double
    /// L‴(x), for the Milstein correction of curvature-dependent noise.
    func thirdDerivative(_ x: Double) -> Double
    /// The minima and the saddles (local maxima) in increasing x.
    var criticalPoints: [CriticalPoint1D] { get }
    /// Points where L″ or a higher derivative jumps: quadrature splits here.
    var breakpoints: [Double] { get }
    /// Points where L″ changes sign, in increasing x (continuous zeros and jumps alike).
    var curvatureSignChanges: [Double] { get }
    /// The spec string that rebuilds this landscape (`quartic:barrier=1,a=1,tilt=0`).
    var spec: String { get }
    /// Whether L″ is constant between breakpoints (then `hessian` noise with δ = 0 *is* the
    /// `frozen` model, and Xie's s-formula for ΔΦ is exact; docs/theory.md §2, §4).
    var hasPiecewiseConstantCurvature: Bool { get }
    /// Where L′ is affine piece by piece, computed as slope·(x − centre) on each piece: the
    /// pieces (``AffineGradientPieces``); nil for every other landscape.
    var affineGradientPieces: AffineGradientPieces? { get }
    /// ln C(x) of a gradient-noise variance measured with the landscape (a `table:` file's
    /// third column), and whether it is to be read at −x (on a mirrored ``OrientedLandscape``); nil for
    /// the analytic families. `--noise measured` reads it.
    var measuredLogVariance: (spline: CubicSpline, mirrored: Bool)? { get }
    /// Where the landscape is known rather than extrapolated: nil (everywhere) for the analytic
    /// families; a `table:` landscape's rows. Predictions say how much of their weight lies
    /// outside it.
    var knownRange: ClosedRange<Double>? { get }
}

extension Landscape1D {
    public var dimension: Int { 1 }
    public var hasPiecewiseConstantCurvature: Bool { false }
    public var affineGradientPieces: AffineGradientPieces? { nil }
    public var measuredLogVariance: (spline: CubicSpline, mirrored: Bool)? { nil }
    public var knownRange: ClosedRange<Double>? { nil }
    public func value(_ theta: [Double]) -> Double { value(theta[0]) }
    public func gradient(_ theta: [Double], into gradient: inout [Double]) { gradient[0] = derivative(theta[0]) }
    public func hessian(_ theta: [Double]) -> [Double] { [secondDerivative(theta[0])] }

    /// The minima, in increasing x.
    public var minima: [CriticalPoint1D] { criticalPoints.filter { $0.kind == .minimum } }
    /// The saddles (local maxima in 1-D), in increasing x.
    public var saddles: [CriticalPoint1D] { criticalPoints.filter { $0.kind == .saddle } }
}

/// A critical point of a 1-D landscape: L′(x) = 0.
public struct CriticalPoint1D: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable { case minimum, saddle }
    public let x: Double
    public let value: Double
    /// L″(x): the Hessian's only eigenvalue (negative at a saddle).
    public let curvature: Double
    public let kind: Kind

    public init(x: Double, value: Double, curvature: Double, kind: Kind) {
        self.x = x; self.value = value; self.curvature = curvature; self.kind = kind
    }

    /// The critical point of `landscape` at `x`, classified by the sign of L″.
    public init<L: Landscape1D>(at x: Double, of landscape: L) {
        let h = landscape.secondDerivative(x)
        self.init(x: x, value: landscape.value(x), curvature: h, kind: h > 0 ? .minimum : .saddle)
    }
}
