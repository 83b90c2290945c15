/// A point between two pieces of a piecewise-defined function, with the side the point itself
/// belongs to: x belongs to the piece above when x ≥ position (`upperClosed`), else when
/// x > position.
public struct PieceThreshold: Sendable, Equatable, Hashable {
    public let position: Double
    /// Whether the position itself belongs to the piece above.
    public let upperClosed: Bool

    public init(position: Double, upperClosed: Bool) { self.position = position; self.upperClosed = upperClosed }

    /// Whether x lies above the threshold.
    @inlinable public func isPassed(by x: Double) -> Bool { upperClosed ? x >= position : x > position }

    /// The threshold of the mirror image x ↦ −x: at −position, the position's side swapped.
    public var mirrored: PieceThreshold { PieceThreshold(position: -position, upperClosed: !upperClosed) }

    /// Sorted thresholds in increasing position and, at one position, the closed one first —
    /// the order in which a point passes them — without repeats: the common refinement of
    /// two partitions.
    public static func merged(_ a: [PieceThreshold], _ b: [PieceThreshold]) -> [PieceThreshold] {
        Array(Set(a + b)).sorted { ($0.position, $0.upperClosed ? 0 : 1) < ($1.position, $1.upperClosed ? 0 : 1) }
    }

    /// The piece of x among sorted `thresholds`: how many of them x passes.
    public static func piece(of x: Double, among thresholds: [PieceThreshold]) -> Int {
        thresholds.reduce(0) { $0 + ($1.isPassed(by: x) ? 1 : 0) }
    }

    /// A point inside each of the `thresholds.count + 1` pieces: the one point of a piece
    /// between two thresholds at the same position, else the midpoint, and one unit (or the
    /// position's magnitude, if larger) beyond the outermost thresholds.
    public static func representatives(of thresholds: [PieceThreshold]) -> [Double] {
        guard let first = thresholds.first, let last = thresholds.last else { return [0] }
        var points = [first.position - max(1, abs(first.position))]
        for (a, b) in zip(thresholds, thresholds.dropFirst()) {
            points.append(a.position == b.position ? a.position : 0.5 * (a.position + b.position))
        }
        points.append(last.position + max(1, abs(last.position)))
        return points
    }
}

/// A landscape whose gradient is affine piece by piece: on piece k (between sorted
/// ``PieceThreshold``s) L′(x) = slopeₖ·(x − centreₖ) and L″(x) = slopeₖ, exactly as the
/// landscape computes them — the same threshold tests, the same operations — so that a loop
/// may select a piece's coefficients instead of calling L′ (the fast engine's SIMD lanes,
/// docs/performance.md) and get L′ bit for bit. On a mirror image (``OrientedLandscape``)
/// L′(x) = −(slopeₖ·(−x − centreₖ)), as the mirror computes it: not slopeₖ·(x + centreₖ),
/// which differs in the sign of an exact zero.
public struct AffineGradientPieces: Sendable, Equatable {
    /// The thresholds, in the order ``PieceThreshold/merged(_:_:)`` sorts them.
    public let thresholds: [PieceThreshold]
    /// slopeₖ and centreₖ, one per piece (`thresholds.count + 1`).
    public let slopes: [Double]
    public let centres: [Double]
    /// Whether L′ is the mirror's −(slope·(−x − centre)).
    public let isMirrored: Bool

    public init(thresholds: [PieceThreshold], slopes: [Double], centres: [Double], isMirrored: Bool = false) {
        precondition(slopes.count == thresholds.count + 1 && centres.count == slopes.count, "one slope and centre per piece")
        self.thresholds = thresholds; self.slopes = slopes; self.centres = centres; self.isMirrored = isMirrored
    }

    /// The pieces of the mirror image x ↦ L(−x): the thresholds at −x in reverse order, the
    /// pieces' slopes and centres with them, and L′ computed as the mirror computes it.
    public var mirrored: AffineGradientPieces {
        AffineGradientPieces(thresholds: thresholds.reversed().map(\.mirrored), slopes: slopes.reversed(),
                             centres: centres.reversed(), isMirrored: !isMirrored)
    }

    /// L′(x) on piece k: slopeₖ·(x − centreₖ), or the mirror's −(slopeₖ·(−x − centreₖ)).
    @inlinable public func derivative(_ x: Double, piece k: Int) -> Double {
        isMirrored ? -(slopes[k] * (-x - centres[k])) : slopes[k] * (x - centres[k])
    }

    /// The piece containing x.
    public func piece(of x: Double) -> Int { PieceThreshold.piece(of: x, among: thresholds) }

    /// The common refinement with another partition's thresholds (a noise's pieces of constant
    /// C): its thresholds, and per piece a point inside it and the gradient piece holding it;
    /// nil if some piece is too thin to hold a point strictly inside.
    public func refined(by other: [PieceThreshold]) -> (thresholds: [PieceThreshold], points: [Double], gradientPieces: [Int])? {
        let merged = PieceThreshold.merged(thresholds, other)
        let points = PieceThreshold.representatives(of: merged)
        for (k, x) in points.enumerated() where PieceThreshold.piece(of: x, among: merged) != k { return nil }
        return (merged, points, points.map(piece(of:)))
    }
}
