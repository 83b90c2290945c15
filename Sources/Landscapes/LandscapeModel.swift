import NumericKit

/// The 1-D landscape families a spec string can name, as one value.
///
/// Simulation code never calls through this enum per step: ``accept(_:mirrored:)``
/// hands the concrete family type to a generic visitor once, so hot loops are
/// specialised for it.
public enum LandscapeModel: Sendable, Equatable {
    case quartic(QuarticLandscape)
    case piecewiseQuadratic(PiecewiseQuadraticLandscape)
    /// A smooth family plus a random field (docs/theory.md §9).
    indirect case rough(RoughLandscape)

    /// Calls `visitor` with the concrete landscape, or with its mirror image x ↦ −x.
    @inlinable
    public func accept<V: Landscape1DVisitor>(_ visitor: V, mirrored: Bool = false) throws -> V.Output {
        switch (self, mirrored) {
        case (.quartic(let l), false): try visitor.visit(l)
        case (.quartic(let l), true): try visitor.visit(MirroredLandscape(l))
        case (.piecewiseQuadratic(let l), false): try visitor.visit(l)
        case (.piecewiseQuadratic(let l), true): try visitor.visit(MirroredLandscape(l))
        case (.rough(let l), false): try visitor.visit(l)
        case (.rough(let l), true): try visitor.visit(MirroredLandscape(l))
        }
    }

    /// The landscape as an existential, for code that is not on a hot path.
    public var landscape: any Landscape1D {
        switch self {
        case .quartic(let l): l
        case .piecewiseQuadratic(let l): l
        case .rough(let l): l
        }
    }

    /// The family name used in spec strings.
    public var family: String {
        switch self {
        case .quartic: "quartic"
        case .piecewiseQuadratic: "pq"
        case .rough: "rough"
        }
    }
}

/// Receives the concrete landscape type from ``LandscapeModel/accept(_:mirrored:)``.
public protocol Landscape1DVisitor {
    associatedtype Output
    func visit<L: Landscape1D>(_ landscape: L) throws -> Output
}

extension LandscapeModel {
    /// L, L′ and L″ by one switch on the family: for embedding a 1-D family in a
    /// d-dimensional one (``SeparableLandscape``), off the 1-D hot path.
    @inlinable public func value(_ x: Double) -> Double {
        switch self {
        case .quartic(let l): l.value(x)
        case .piecewiseQuadratic(let l): l.value(x)
        case .rough(let l): l.value(x)
        }
    }

    @inlinable public func derivative(_ x: Double) -> Double {
        switch self {
        case .quartic(let l): l.derivative(x)
        case .piecewiseQuadratic(let l): l.derivative(x)
        case .rough(let l): l.derivative(x)
        }
    }

    @inlinable public func secondDerivative(_ x: Double) -> Double {
        switch self {
        case .quartic(let l): l.secondDerivative(x)
        case .piecewiseQuadratic(let l): l.secondDerivative(x)
        case .rough(let l): l.secondDerivative(x)
        }
    }
}
