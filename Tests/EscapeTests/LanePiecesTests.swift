import Landscapes
import NumericKit
import Testing
@testable import Escape

/// ``LaneCoefficient`` selects each lane's piece exactly as ``PieceThreshold/piece(of:among:)``
/// does — on the threshold points themselves (either side closed), next to them, on a one-point
/// piece, at ±0 — and keeps only the thresholds where its table changes.
@Suite("Lane pieces: coefficient selection at the thresholds")
struct LanePiecesTests {
    /// Thresholds as pq's refinement with frozen noise makes them: a one-point piece {1} between
    /// an upper-closed and a lower-closed threshold at the same point, and a threshold at 0.
    static let thresholds = [
        PieceThreshold(position: -2, upperClosed: false),
        PieceThreshold(position: 0, upperClosed: true),
        PieceThreshold(position: 1, upperClosed: true),
        PieceThreshold(position: 1, upperClosed: false),
    ]

    @Test func selectionEqualsTheScalarPiece() {
        let pieces = LanePieces(Self.thresholds, mirrored: false)
        let table = [10.0, 11, 12, 13, 14]
        let coefficient = pieces.coefficient(table)
        var points: [Double] = [-0.0, 0.0, -.infinity, .infinity, 1e300, -1e300]
        for t in Self.thresholds { points += [t.position, t.position.nextDown, t.position.nextUp] }
        while points.count % NormalLanes.width != 0 { points.append(0.5) }
        for start in stride(from: 0, to: points.count, by: NormalLanes.width) {
            var x = NormalLanes.Values()
            for k in 0..<NormalLanes.width { x[k] = points[start + k] }
            let selected = coefficient(x)
            for k in 0..<NormalLanes.width {
                let expected = table[PieceThreshold.piece(of: x[k], among: Self.thresholds)]
                #expect(selected[k] == expected, "x = \(x[k])")
            }
        }
        #expect(coefficient(NormalLanes.Values(repeating: 1))[0] == 13) // the one-point piece
    }

    /// A table that changes at two of the four thresholds keeps two; a constant one keeps none.
    @Test func onlyChangesAreKept() {
        let pieces = LanePieces(Self.thresholds, mirrored: false)
        #expect(pieces.coefficient([1, 1, 2, 2, 3]).positions.count == 2)
        #expect(pieces.coefficient([1, 1, 1, 1, 1]).positions.isEmpty)
        // −0 and 0 differ in bits (the lanes must reproduce the scalar value's sign).
        #expect(pieces.coefficient([0, -0.0, -0.0, 0, 0]).positions.count == 2)
    }
}
