import NumericKit

/// A 1-D landscape of any registered family (``LandscapeRegistry``): what a spec string
/// parses to and problems carry.
///
/// Simulation code never calls through the existential per step: ``accept(_:mirrored:)``
/// hands the concrete family type to a generic visitor once, so hot loops are specialised
/// for it. Its own ``Landscape1D`` conformance (through the existential) serves code off the
/// hot path, and `separable` landscapes held as a value.
public struct LandscapeModel: Sendable, Equatable {
    /// The landscape, as its family's type.
    public let landscape: any LandscapeFamily1D

    public init(_ landscape: any LandscapeFamily1D) { self.landscape = landscape }

    /// Calls `visitor` with the concrete landscape as an ``OrientedLandscape``: itself, or its
    /// mirror image x ↦ −x (the same type either way, so the visitor is specialised once per family).
    @inlinable
    public func accept<V: Landscape1DVisitor>(_ visitor: V, mirrored: Bool = false) throws -> V.Output {
        var dispatch = Landscape1DDispatch(landscape: landscape, mirrored: mirrored, visitor: visitor)
        LandscapeRegistry.forEach(&dispatch)
        guard let result = dispatch.result else {
            preconditionFailure("\(family) is not in LandscapeRegistry.forEach: register it there")
        }
        return try result.get()
    }

    /// The family name used in spec strings.
    public var family: String { type(of: landscape).family }

    /// Whether the family is smooth at the scale of the escape (``LandscapeFamily1D/isSmooth``).
    public var isSmooth: Bool { type(of: landscape).isSmooth }

    /// The landscape whose minima and saddles define the escape (``LandscapeFamily1D/macroscopic``).
    public var macroscopic: LandscapeModel { landscape.macroscopic }

    public static func == (a: LandscapeModel, b: LandscapeModel) -> Bool { a.landscape.isEqual(to: b.landscape) }
}

/// Receives the concrete landscape type from ``LandscapeModel/accept(_:mirrored:)``.
public protocol Landscape1DVisitor {
    associatedtype Output
    func visit<L: Landscape1D>(_ landscape: L) throws -> Output
}

extension LandscapeModel: Landscape1D {
    public func value(_ x: Double) -> Double { landscape.value(x) }
    public func derivative(_ x: Double) -> Double { landscape.derivative(x) }
    public func secondDerivative(_ x: Double) -> Double { landscape.secondDerivative(x) }
    public func thirdDerivative(_ x: Double) -> Double { landscape.thirdDerivative(x) }
    public var criticalPoints: [CriticalPoint1D] { landscape.criticalPoints }
    public var breakpoints: [Double] { landscape.breakpoints }
    public var curvatureSignChanges: [Double] { landscape.curvatureSignChanges }
    public var spec: String { landscape.spec }
    public var hasPiecewiseConstantCurvature: Bool { landscape.hasPiecewiseConstantCurvature }
    public var affineGradientPieces: AffineGradientPieces? { landscape.affineGradientPieces }
    public var knownRange: ClosedRange<Double>? { landscape.knownRange }
    public var measuredLogVariance: (spline: CubicSpline, mirrored: Bool)? { landscape.measuredLogVariance }
}
