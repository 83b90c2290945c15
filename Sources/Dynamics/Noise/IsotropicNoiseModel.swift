import Landscapes
import NumericKit

/// `isotropic` (docs/theory.md §2): C = σ²·I, constant — the textbook Langevin temperature.
public struct IsotropicNoiseModel: NoiseModel {
    public static var name: String { "isotropic" }
    public static var help: String { "C = σ²·I, constant (--sigma2, default 1)" }
    public static var parameters: [NoiseParameter] { [.sigma2] }
    public static var isConstant: Bool { true }

    public let sigma2: Double

    public init(sigma2: Double) { self.sigma2 = sigma2 }

    public init(_ values: [NoiseParameter: Double]) throws(InvalidParameter) {
        self.init(sigma2: values[.sigma2] ?? 1)
        try validate()
    }

    public func validate() throws(InvalidParameter) { try Validate.positive(sigma2, "sigma2") }
    public var values: [NoiseParameter: Double] { [.sigma2: sigma2] }

    @inlinable public func withNoise1D<L: Landscape1D, V: GradientNoise1DVisitor>(on landscape: L, _ visitor: V) throws -> V.Output {
        try visitor.visit(IsotropicNoise(sigma2: sigma2))
    }
    @inlinable public func withNoiseND<V: GradientNoiseNDVisitor>(_ visitor: V) throws -> V.Output {
        try visitor.visit(IsotropicNoise(sigma2: sigma2))
    }
}

/// C = σ², in 1-D and, as σ²·I, in d dimensions.
public struct IsotropicNoise: GradientNoise1D, GradientNoiseND {
    public let sigma2: Double
    public init(sigma2: Double) { self.sigma2 = sigma2 }
    @inlinable public func variance(at x: Double) -> Double { sigma2 }
    @inlinable public func varianceSlope(at x: Double) -> Double { 0 }
    public var breakpoints: [Double] { [] }
    public var constantVarianceThresholds: [PieceThreshold]? { [] }

    public static var isConstant: Bool { true }
    @inlinable public func needsEigen<L: LandscapeND>(on landscape: L) -> Bool { false }
    @inlinable public func fill<L: LandscapeND>(_ ws: WorkspaceND, on landscape: L, needsEigen: Bool) {
        for i in 0..<ws.d { ws.diagC[i] = sigma2 }
    }
}

extension NoiseKind {
    public static let isotropic = NoiseKind(IsotropicNoiseModel.self)
}
