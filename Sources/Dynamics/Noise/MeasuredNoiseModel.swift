import Foundation
import Landscapes
import NumericKit

/// `measured` (docs/theory.md §2): C(x) = C_table(x)/B, the gradient-noise variance measured
/// along a `table:` landscape (its third column: the per-sample gradient variance, so that a
/// minibatch of B samples has C_table/B), splined as ln C so that it stays positive. 1-D only,
/// and only on a landscape that carries the column.
public struct MeasuredNoiseModel: BatchNoiseModel {
    public static var name: String { "measured" }
    public static var help: String { "C = C(x)/B with C(x) the third column of a table: landscape (--batch B, default 1); 1-D only" }
    public static var isConstant: Bool { false }
    public static var hasMultiDimensionalForm: Bool { false }
    public static var needsMeasuredVariance: Bool { true }

    public let batch: Double

    public init(batch: Double) { self.batch = batch }


    public func withNoise1D<L: Landscape1D, V: GradientNoise1DVisitor>(on landscape: L, _ visitor: V) throws -> V.Output {
        guard let measured = landscape.measuredLogVariance else {
            throw InvalidParameter("noise", given: "measured on \(landscape.spec)", allowed: "a table: landscape whose file has a third column C")
        }
        return try visitor.visit(MeasuredNoise(logVariance: measured.spline, mirrored: measured.mirrored, batch: batch))
    }
    public func withNoiseND<V: GradientNoiseNDVisitor>(_ visitor: V) throws -> V.Output {
        throw InvalidParameter("noise", given: "measured in d dimensions", allowed: "isotropic or hessian (measured is read along a 1-D table)")
    }
}

/// C(x) = exp(s(±x))/B with s the spline of ln C; dC/dx = ±C·s′(±x) (the sign − on a mirrored
/// landscape). Beyond the table's first and last rows C holds its end value (the tangent of ln C
/// would make it grow exponentially there, flattening the effective potential that must confine
/// the walker); C′ jumps at the ends, which are therefore its breakpoints.
public struct MeasuredNoise: GradientNoise1D {
    public let logVariance: CubicSpline
    public let mirrored: Bool
    public let inverseBatch: Double
    @usableFromInline let lower: Double
    @usableFromInline let upper: Double

    public init(logVariance: CubicSpline, mirrored: Bool, batch: Double) {
        self.logVariance = logVariance; self.mirrored = mirrored; inverseBatch = 1 / batch
        (lower, upper) = (logVariance.x[0], logVariance.x[logVariance.x.count - 1])
    }
    @inlinable public func variance(at x: Double) -> Double {
        exp(logVariance.value(min(max(mirrored ? -x : x, lower), upper))) * inverseBatch
    }
    @inlinable public func varianceSlope(at x: Double) -> Double {
        let t = mirrored ? -x : x
        guard t > lower, t < upper else { return 0 }
        let slope = exp(logVariance.value(t)) * inverseBatch * logVariance.derivative(t)
        return mirrored ? -slope : slope
    }
    public var breakpoints: [Double] { mirrored ? [-upper, -lower] : [lower, upper] }
}

extension NoiseKind {
    public static let measured = NoiseKind(MeasuredNoiseModel.self)
}
