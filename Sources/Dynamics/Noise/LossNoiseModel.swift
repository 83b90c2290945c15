import Landscapes
import NumericKit

/// `loss` (docs/theory.md §13): C(x) = 2·L(x)/B, gradient noise proportional to the loss.
///
/// For a mean-square loss near a minimum the minibatch gradient noise is C ≈ (2L/B)·H (Mori,
/// Ziyin, Liu & Ueda, ICML 2022, "Power-law escape rate of SGD"); this model keeps the
/// proportionality to L and takes the Hessian's typical scale h* into B (B here is B/h* there),
/// so that C depends on θ through L alone. Then Φ′ = P·L′/D = (B/(ηP))·L′/L for a constant P, so
/// Φ = (B/(ηP))·ln L and escape is governed by ln(L_saddle/L_min) rather than ΔL — a power law
/// of the loss ratio (``PowerLawPrediction``). The loss must be positive at the minima (give the
/// landscape a `floor=`): a problem on a landscape with L ≤ 0 at a minimum is refused by name.
/// 1-D only.
public struct LossNoiseModel: BatchNoiseModel {
    public static var name: String { "loss" }
    public static var help: String {
        "C = 2L(θ)/B, noise proportional to the loss (Mori et al. 2022; --batch B, default 1); needs L > 0 at the minima (floor= on quartic, pq); 1-D only"
    }
    public static var isConstant: Bool { false }
    public static var hasMultiDimensionalForm: Bool { false }

    public let batch: Double

    public init(batch: Double) { self.batch = batch }

    public func withNoise1D<L: Landscape1D, V: GradientNoise1DVisitor>(on landscape: L, _ visitor: V) throws -> V.Output {
        if let low = landscape.minima.min(by: { $0.value < $1.value }), !(low.value > 0) {
            throw InvalidParameter("noise", given: "loss on \(landscape.spec), where L = \(Validate.format(low.value)) at the minimum x = \(Validate.format(low.x))",
                                   allowed: "a landscape with L > 0 at its minima (C = 2L/B must stay positive): give it floor=, e.g. floor=0.5")
        }
        return try visitor.visit(LossNoise(landscape: landscape, batch: batch))
    }
    public func withNoiseND<V: GradientNoiseNDVisitor>(_ visitor: V) throws -> V.Output {
        throw InvalidParameter("noise", given: "loss in d dimensions", allowed: "isotropic or hessian (loss is 1-D only)")
    }
}

/// C(x) = 2L(x)/B, dC/dx = 2L′(x)/B. L is continuous with a continuous L′ on every family, so C
/// has no jump; its breakpoints are the landscape's (where C″ jumps).
public struct LossNoise<L: Landscape1D>: GradientNoise1D {
    public let landscape: L
    /// 2/B.
    public let scale: Double

    public init(landscape: L, batch: Double) { self.landscape = landscape; scale = 2 / batch }

    @inlinable public func variance(at x: Double) -> Double { scale * landscape.value(x) }
    @inlinable public func varianceSlope(at x: Double) -> Double { scale * landscape.derivative(x) }
    public var breakpoints: [Double] { landscape.breakpoints }
}

extension NoiseKind {
    public static let loss = NoiseKind(LossNoiseModel.self)
}
