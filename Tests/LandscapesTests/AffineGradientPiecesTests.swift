import Testing
@testable import Landscapes

/// A landscape's affine pieces reproduce its L′ and L″ bit for bit — at the thresholds
/// themselves, next to them and in between, on both orientations — and thresholds merge
/// and pick representatives as documented.
@Suite("Affine gradient pieces")
struct AffineGradientPiecesTests {
    @Test(arguments: [false, true])
    func piecesReproduceTheGradient(mirrored: Bool) throws {
        let base = try PiecewiseQuadraticLandscape(ha: 4, hb: 2, barrier: 0.5, hc: 3)
        let landscape = OrientedLandscape(base, mirrored: mirrored)
        let pieces = try #require(landscape.affineGradientPieces)
        var points = [-3.0, -0.0, 0.0, 1e-300, 5.0]
        for t in pieces.thresholds { points += [t.position, t.position.nextUp, t.position.nextDown] }
        points += stride(from: -2.0, through: 3.0, by: 0.0137).map { mirrored ? -$0 : $0 }
        for x in points {
            let k = pieces.piece(of: x)
            let affine = pieces.derivative(x, piece: k)
            #expect(affine.bitPattern == landscape.derivative(x).bitPattern, "L′(\(x)): \(affine) vs \(landscape.derivative(x))")
            #expect(pieces.slopes[k] == landscape.secondDerivative(x), "L″(\(x))")
        }
    }

    @Test func smoothLandscapesHaveNoPieces() throws {
        #expect(try QuarticLandscape(barrier: 1).affineGradientPieces == nil)
    }

    /// Merging sorts by position, the closed side first, and drops repeats; a degenerate
    /// piece between a closed and an open threshold at one position is that point.
    @Test func mergeAndRepresentatives() {
        let a = [PieceThreshold(position: 1, upperClosed: false), PieceThreshold(position: 2, upperClosed: true)]
        let b = [PieceThreshold(position: 1, upperClosed: true), PieceThreshold(position: 2, upperClosed: true)]
        let merged = PieceThreshold.merged(a, b)
        #expect(merged == [PieceThreshold(position: 1, upperClosed: true), PieceThreshold(position: 1, upperClosed: false),
                           PieceThreshold(position: 2, upperClosed: true)])
        let points = PieceThreshold.representatives(of: merged)
        #expect(points == [0, 1, 1.5, 4])   // beyond 2 by max(1, |2|)
        #expect(points.enumerated().allSatisfy { PieceThreshold.piece(of: $0.element, among: merged) == $0.offset })
        #expect(PieceThreshold.representatives(of: []) == [0])
    }
}
