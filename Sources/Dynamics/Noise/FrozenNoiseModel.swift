import Landscapes
import NumericKit

/// `frozen` (docs/theory.md §2): C = |L″ at the critical point of the region|/B, switching where
/// L″ changes sign — the piecewise-constant noise behind Xie et al.'s s-formula. 1-D only.
public struct FrozenNoiseModel: BatchNoiseModel {
    public static var name: String { "frozen" }
    public static var help: String { "C = |L″ at the region's critical point|/B, switching where L″ changes sign; 1-D only (--batch B, default 1)" }
    public static var isConstant: Bool { false }
    public static var hasMultiDimensionalForm: Bool { false }

    public let batch: Double

    public init(batch: Double) { self.batch = batch }

    public var curvatureBatch: Double? { batch }
    public func isFrozen<L: Landscape1D>(on landscape: L) -> Bool { true }

    @inlinable public func withNoise1D<L: Landscape1D, V: GradientNoise1DVisitor>(on landscape: L, _ visitor: V) throws -> V.Output {
        try visitor.visit(try FrozenNoise(landscape: landscape, batch: batch))
    }
    public func withNoiseND<V: GradientNoiseNDVisitor>(_ visitor: V) throws -> V.Output {
        throw InvalidParameter("noise", given: "frozen in d dimensions", allowed: "isotropic or hessian (frozen is the 1-D piecewise model)")
    }
}

/// The frozen variance: `levels[k]` on the k-th region between the switch points.
public struct FrozenNoise: GradientNoise1D {
    /// Switch points in increasing x, and the variance on each of the `switches.count + 1` regions.
    public let switches: [Double]
    public let levels: [Double]
    public init(switches: [Double], levels: [Double]) {
        precondition(levels.count == switches.count + 1, "one level per region")
        self.switches = switches; self.levels = levels
    }

    /// The frozen noise of `landscape`: on each region between sign changes of L″ the
    /// variance is |L″|/B at the critical point inside that region.
    public init<L: Landscape1D>(landscape: L, batch: Double) throws(InvalidParameter) {
        let switches = landscape.curvatureSignChanges
        let bounds = [-Double.infinity] + switches + [Double.infinity]
        var levels: [Double] = []
        for k in 0..<(bounds.count - 1) {
            guard let point = landscape.criticalPoints.first(where: { $0.x > bounds[k] && $0.x < bounds[k + 1] }) else {
                throw InvalidParameter("noise", given: "frozen", allowed: "a landscape with one critical point between consecutive sign changes of L″")
            }
            levels.append(abs(point.curvature) / batch)
        }
        self.init(switches: switches, levels: levels)
    }

    @inlinable public func variance(at x: Double) -> Double {
        var k = 0
        while k < switches.count && x >= switches[k] { k += 1 }
        return levels[k]
    }
    @inlinable public func varianceSlope(at x: Double) -> Double { 0 }
    public var breakpoints: [Double] { switches }
    /// `variance(at:)` moves to the next level where x ≥ a switch point.
    public var constantVarianceThresholds: [PieceThreshold]? { switches.map { PieceThreshold(position: $0, upperClosed: true) } }
}

extension NoiseKind {
    public static let frozen = NoiseKind(FrozenNoiseModel.self)
}
