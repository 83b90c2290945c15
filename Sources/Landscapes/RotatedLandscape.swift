import NumericKit

/// `rotated` (docs/theory.md §5): a landscape composed with a seeded random rotation Q,
///
///     L_Q(θ) = L(Qᵀθ),   ∇L_Q = Q·∇L(Qᵀθ),   ∇²L_Q = Q·∇²L(Qᵀθ)·Qᵀ,
///
/// so its critical points are Q times the base's. Isotropic dynamics is invariant under the
/// rotation; elementwise (Adam-type) dynamics is not, because diag(C) is not.
public struct RotatedLandscape: LandscapeND, Equatable {
    public let base: LandscapeNDModel
    public let rotation: RandomRotation

    public init(base: LandscapeNDModel, seed: UInt64) {
        self.base = base
        rotation = RandomRotation(dimension: base.dimension, seed: seed)
    }

    public var dimension: Int { base.dimension }

    @inlinable func withBaseCoordinates<R>(_ theta: UnsafeBufferPointer<Double>, _ body: (UnsafeBufferPointer<Double>) -> R) -> R {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: dimension) { x in
            rotation.applyTransposed(theta, into: x)
            return body(UnsafeBufferPointer(x))
        }
    }

    @inlinable public func value(_ theta: UnsafeBufferPointer<Double>) -> Double {
        withBaseCoordinates(theta) { base.value($0) }
    }

    @inlinable public func gradient(_ theta: UnsafeBufferPointer<Double>, into g: UnsafeMutableBufferPointer<Double>) {
        withBaseCoordinates(theta) { x in
            withUnsafeTemporaryAllocation(of: Double.self, capacity: dimension) { gb in
                base.gradient(x, into: gb)
                rotation.apply(UnsafeBufferPointer(gb), into: g)
            }
        }
    }

    @inlinable public func hessian(_ theta: UnsafeBufferPointer<Double>, into h: UnsafeMutableBufferPointer<Double>) {
        let d = dimension
        withBaseCoordinates(theta) { x in
            withUnsafeTemporaryAllocation(of: Double.self, capacity: d * d) { hb in
                base.hessian(x, into: hb)
                // h = Q·hb·Qᵀ
                let q = rotation.matrix
                for i in 0..<d {
                    for j in 0..<d {
                        var s = 0.0
                        for a in 0..<d {
                            let qia = q[i * d + a]
                            if qia == 0 { continue }
                            var t = 0.0
                            for b in 0..<d { t += hb[a * d + b] * q[j * d + b] }
                            s += qia * t
                        }
                        h[i * d + j] = s
                    }
                }
            }
        }
    }

    public var startingPoints: [[Double]] {
        base.startingPoints.map { p in
            p.withUnsafeBufferPointer { x in
                Array(unsafeUninitializedCapacity: dimension) { y, n in rotation.apply(x, into: y); n = dimension }
            }
        }
    }
    public var hasDiagonalHessian: Bool { false }
    /// None along the axes: a rotated `pq`'s jumps lie on rotated hyperplanes, where no
    /// coordinate decouples (its SDE crosses them with Euler–Maruyama).
    public var axisBreakpoints: [[Double]] { Array(repeating: [], count: dimension) }
    public var spec: String { "rotated:seed=\(rotation.seed),of=\(base.spec)" }
}

/// The d-dimensional families as one value (a spec string's result). `rotated` nests another.
///
/// Hot loops do not call through this enum: ``accept(_:)`` hands the concrete family to a
/// generic visitor once per run.
public indirect enum LandscapeNDModel: LandscapeND, Equatable {
    /// Any registered 1-D family plus spectators (rough ones too: docs/theory.md §9).
    case separable(SeparableLandscape<LandscapeModel>)
    case styblinskiTang(StyblinskiTangLandscape)
    case gaussianWells(GaussianWellsLandscape)
    case rotated(RotatedLandscape)

    /// A separable landscape on the 1-D family `base`.
    public static func separable(base: LandscapeModel, spectators: [Double]) throws(InvalidParameter) -> LandscapeNDModel {
        .separable(try SeparableLandscape(base: base, spectators: spectators))
    }

    /// The landscape whose minima and saddles define the escape: itself, except for a rough
    /// separable landscape, whose macroscopic geometry is its smooth base's (the field adds
    /// many shallow critical points that are not the question).
    public var smoothForAnalysis: LandscapeNDModel {
        get throws(InvalidParameter) {
            guard case .separable(let l) = self, !l.base.isSmooth else { return self }
            return try .separable(base: l.base.macroscopic, spectators: l.spectators)
        }
    }

    /// The base family and spectators of a separable landscape.
    public var separableParts: (base: LandscapeModel, spectators: [Double])? {
        guard case .separable(let l) = self else { return nil }
        return (l.base, l.spectators)
    }

    /// Calls `visitor` with the concrete family.
    @inlinable
    public func accept<V: LandscapeNDVisitor>(_ visitor: V) throws -> V.Output {
        switch self {
        case .separable(let l): try l.base.accept(SeparableDispatch(spectators: l.spectators, visitor: visitor))
        case .styblinskiTang(let l): try visitor.visit(l)
        case .gaussianWells(let l): try visitor.visit(l)
        case .rotated(let l): try visitor.visit(l)
        }
    }

    public var dimension: Int {
        switch self {
        case .separable(let l): l.dimension
        case .styblinskiTang(let l): l.dimension
        case .gaussianWells(let l): l.dimension
        case .rotated(let l): l.dimension
        }
    }

    @inlinable public func value(_ theta: UnsafeBufferPointer<Double>) -> Double {
        switch self {
        case .separable(let l): l.value(theta)
        case .styblinskiTang(let l): l.value(theta)
        case .gaussianWells(let l): l.value(theta)
        case .rotated(let l): l.value(theta)
        }
    }

    @inlinable public func gradient(_ theta: UnsafeBufferPointer<Double>, into g: UnsafeMutableBufferPointer<Double>) {
        switch self {
        case .separable(let l): l.gradient(theta, into: g)
        case .styblinskiTang(let l): l.gradient(theta, into: g)
        case .gaussianWells(let l): l.gradient(theta, into: g)
        case .rotated(let l): l.gradient(theta, into: g)
        }
    }

    @inlinable public func hessian(_ theta: UnsafeBufferPointer<Double>, into h: UnsafeMutableBufferPointer<Double>) {
        switch self {
        case .separable(let l): l.hessian(theta, into: h)
        case .styblinskiTang(let l): l.hessian(theta, into: h)
        case .gaussianWells(let l): l.hessian(theta, into: h)
        case .rotated(let l): l.hessian(theta, into: h)
        }
    }

    @inlinable public func hessianDiagonal(_ theta: UnsafeBufferPointer<Double>, into h: UnsafeMutableBufferPointer<Double>) {
        switch self {
        case .separable(let l): l.hessianDiagonal(theta, into: h)
        case .styblinskiTang(let l): l.hessianDiagonal(theta, into: h)
        case .gaussianWells(let l): l.hessianDiagonal(theta, into: h)
        case .rotated(let l): l.hessianDiagonal(theta, into: h)
        }
    }

    public var startingPoints: [[Double]] {
        switch self {
        case .separable(let l): l.startingPoints
        case .styblinskiTang(let l): l.startingPoints
        case .gaussianWells(let l): l.startingPoints
        case .rotated(let l): l.startingPoints
        }
    }

    public var hasDiagonalHessian: Bool {
        switch self {
        case .separable, .styblinskiTang: true
        case .gaussianWells, .rotated: false
        }
    }

    public var axisBreakpoints: [[Double]] {
        switch self {
        case .separable(let l): l.axisBreakpoints
        case .styblinskiTang(let l): l.axisBreakpoints
        case .gaussianWells(let l): l.axisBreakpoints
        case .rotated(let l): l.axisBreakpoints
        }
    }

    public var spec: String {
        switch self {
        case .separable(let l): l.spec
        case .styblinskiTang(let l): l.spec
        case .gaussianWells(let l): l.spec
        case .rotated(let l): l.spec
        }
    }
}

/// Receives the concrete d-dimensional family from ``LandscapeNDModel/accept(_:)``.
public protocol LandscapeNDVisitor {
    associatedtype Output
    func visit<L: LandscapeND>(_ landscape: L) throws -> Output
}

/// Hands a visitor the separable landscape over the concrete 1-D family (one dispatch per run).
@usableFromInline
struct SeparableDispatch<V: LandscapeNDVisitor>: Landscape1DVisitor {
    @usableFromInline let spectators: [Double]
    @usableFromInline let visitor: V

    @inlinable init(spectators: [Double], visitor: V) { self.spectators = spectators; self.visitor = visitor }

    @inlinable func visit<L: Landscape1D>(_ landscape: L) throws -> V.Output {
        try visitor.visit(try SeparableLandscape(base: landscape, spectators: spectators))
    }
}
