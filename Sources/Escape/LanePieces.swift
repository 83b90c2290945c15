import Landscapes
import NumericKit

/// The thresholds of piecewise-defined coefficients, for eight SIMD lanes: each coefficient
/// table becomes a ``LaneCoefficient`` that finds a lane's value by comparisons and blends,
/// so that a lane loop selects a piece's precomputed coefficients instead of branching
/// (``PiecewiseAffineEulerLanes``, ``PiecewiseAffineGradientLanes``).
public struct LanePieces {
    public typealias Values = NormalLanes.Values
    /// Per threshold, the position q with "x at or above the threshold" ⟺ x > q: the point
    /// itself, or — where it belongs to the upper piece — the next double below it (x ≥ p ⟺
    /// x > p.nextDown for every double x), so that every test is one strict compare.
    let positions: [Double]
    /// The sign bit where the gradient is a mirror's, else 0.
    @usableFromInline let signBit: NormalLanes.Words

    /// The thresholds, and whether L′ is a mirror's −(s·(−x − m)) (``AffineGradientPieces``).
    public init(_ thresholds: [PieceThreshold], mirrored: Bool) {
        positions = thresholds.map { $0.upperClosed ? $0.position.nextDown : $0.position }
        signBit = NormalLanes.Words(repeating: mirrored ? (-0.0).bitPattern : 0)
    }

    /// v, or −v on a mirror: a flip of the sign bit, as ``OrientedLandscape`` does it.
    @inlinable @inline(__always)
    public func oriented(_ v: Values) -> Values { unsafeBitCast(unsafeBitCast(v, to: NormalLanes.Words.self) ^ signBit, to: Values.self) }

    /// L′ on the lanes from their pieces' slopes s and centres m: s·(x − m), or −(s·(−x − m)).
    @inlinable @inline(__always)
    public func gradient(_ x: Values, slopes s: Values, centres m: Values) -> Values { oriented(s * (oriented(x) - m)) }

    /// A coefficient's table (one value per piece) for the lanes, kept only where it changes.
    public func coefficient(_ table: [Double]) -> LaneCoefficient {
        precondition(table.count == positions.count + 1, "one value per piece")
        var changes: [(Values, Values)] = []
        for j in positions.indices where table[j + 1].bitPattern != table[j].bitPattern {
            changes.append((Values(repeating: positions[j]), Values(repeating: table[j + 1])))
        }
        return LaneCoefficient(first: Values(repeating: table[0]), positions: changes.map(\.0), values: changes.map(\.1))
    }
}

/// One piecewise-constant coefficient on eight lanes: its value on the first piece, and the
/// thresholds where it changes with the value above each (``LanePieces/coefficient(_:)``
/// drops the thresholds where it does not — SGD's P = 1 has none, and pq's c₁ switch of frozen
/// noise changes C alone). A lane's value is found by replacing, threshold by threshold in
/// ascending order, where the lane lies above it: one compare and one blend per change.
public struct LaneCoefficient {
    public typealias Values = NormalLanes.Values
    @usableFromInline let first: Values
    /// Strict positions (``LanePieces``) and the values above them, ascending.
    @usableFromInline let positions: [Values], values: [Values]

    @usableFromInline init(first: Values, positions: [Values], values: [Values]) {
        self.first = first; self.positions = positions; self.values = values
    }

    /// Each lane's value at x.
    @inlinable @inline(__always)
    public func callAsFunction(_ x: Values) -> Values {
        var value = first
        for j in positions.indices { value.replace(with: values[j], where: x .> positions[j]) }
        return value
    }
}
