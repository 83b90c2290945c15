import Landscapes
import NumericKit

/// The thresholds of a piecewise-defined coefficient, broadcast to eight SIMD lanes: finds
/// each lane's piece by comparisons, so that a lane loop blends a piece's precomputed
/// coefficients in by selects instead of branching (``PiecewiseAffineEulerLanes``,
/// ``PiecewiseAffineGradientLanes``).
public struct LanePieces {
    public typealias Values = NormalLanes.Values
    @usableFromInline let positions: [Values]
    @usableFromInline let upperClosed: [Bool]
    /// The sign bit where the gradient is a mirror's, else 0.
    @usableFromInline let signBit: NormalLanes.Words

    /// The thresholds, and whether L′ is a mirror's −(s·(−x − m)) (``AffineGradientPieces``).
    public init(_ thresholds: [PieceThreshold], mirrored: Bool) {
        positions = thresholds.map { Values(repeating: $0.position) }
        upperClosed = thresholds.map(\.upperClosed)
        signBit = NormalLanes.Words(repeating: mirrored ? (-0.0).bitPattern : 0)
    }

    /// v, or −v on a mirror: a flip of the sign bit, as ``OrientedLandscape`` does it.
    @inlinable @inline(__always)
    public func oriented(_ v: Values) -> Values { unsafeBitCast(unsafeBitCast(v, to: NormalLanes.Words.self) ^ signBit, to: Values.self) }

    /// L′ on the lanes from their pieces' slopes s and centres m: s·(x − m), or −(s·(−x − m)).
    @inlinable @inline(__always)
    public func gradient(_ x: Values, slopes s: Values, centres m: Values) -> Values { oriented(s * (oriented(x) - m)) }

    /// Each coefficient table (one value per piece) broadcast to lanes.
    public static func broadcast(_ values: [Double]) -> [Values] { values.map { Values(repeating: $0) } }

    /// Calls `body(k, mask)` for the pieces k = 1, 2, … in turn with the lanes at or above
    /// piece k: starting from piece 0's values and replacing them where the mask holds leaves
    /// each lane with its own piece's (the thresholds are sorted, ``PieceThreshold/merged(_:_:)``).
    @inlinable @inline(__always)
    public func forEachPiece(_ x: Values, _ body: (Int, SIMDMask<SIMD8<Int64>>) -> Void) {
        for j in positions.indices { body(j + 1, upperClosed[j] ? x .>= positions[j] : x .> positions[j]) }
    }

    /// The table's value of each lane's piece.
    @inlinable @inline(__always)
    public func select(_ x: Values, _ table: [Values]) -> Values {
        var value = table[0]
        forEachPiece(x) { k, mask in value.replace(with: table[k], where: mask) }
        return value
    }
}
