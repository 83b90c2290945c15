import Landscapes
import NumericKit

/// `hessian` (docs/theory.md §2): C = √(H² + δ²)/B as a matrix function of H = ∇²L — the
/// sharpness-dependent noise behind the escape-time theorems, δ ≥ 0 a floor where L″ vanishes.
public struct HessianNoiseModel: NoiseModel {
    public static var name: String { "hessian" }
    public static var help: String { "C = √(H² + δ²)/B with H = ∇²L (--batch B, default 1; --noise-floor δ, default 0)" }
    public static var parameters: [NoiseParameter] { [.batch, .noiseFloor] }
    public static var isConstant: Bool { false }

    public let batch: Double
    public let floor: Double

    public init(batch: Double, floor: Double) { self.batch = batch; self.floor = floor }

    public init(_ values: [NoiseParameter: Double]) throws(InvalidParameter) {
        self.init(batch: values[.batch] ?? 1, floor: values[.noiseFloor] ?? 0)
        try validate()
    }

    public func validate() throws(InvalidParameter) {
        try Validate.positive(batch, "batch")
        try Validate.nonNegative(floor, "noise-floor")
    }
    public var values: [NoiseParameter: Double] { [.batch: batch, .noiseFloor: floor] }
    public var curvatureBatch: Double? { batch }
    public var vanishesWithCurvature: Bool { floor == 0 }
    /// Without a floor, on a landscape whose L″ is piecewise constant, C *is* the frozen model.
    public func isFrozen<L: Landscape1D>(on landscape: L) -> Bool { floor == 0 && landscape.hasPiecewiseConstantCurvature }

    @inlinable public func withNoise1D<L: Landscape1D, V: GradientNoise1DVisitor>(on landscape: L, _ visitor: V) throws -> V.Output {
        try visitor.visit(HessianNoise(landscape: landscape, batch: batch, floor: floor))
    }
    @inlinable public func withNoiseND<V: GradientNoiseNDVisitor>(_ visitor: V) throws -> V.Output {
        try visitor.visit(HessianNoiseND(batch: batch, floor: floor))
    }
}

/// C = √(L″² + δ²)/B on a 1-D landscape. dC/dx = L″·L‴ / (B·√(L″² + δ²)).
public struct HessianNoise<L: Landscape1D>: GradientNoise1D {
    public let landscape: L
    public let batch: Double
    public let floor: Double
    /// 1/B: a multiplication instead of a division on the hot path.
    public let inverseBatch: Double
    public init(landscape: L, batch: Double, floor: Double) {
        self.landscape = landscape; self.batch = batch; self.floor = floor
        inverseBatch = 1 / batch
    }
    @inlinable public func variance(at x: Double) -> Double {
        let h = landscape.secondDerivative(x)
        return LaneMath.squareRoot(h * h + floor * floor) * inverseBatch
    }
    @inlinable public func varianceSlope(at x: Double) -> Double {
        let h = landscape.secondDerivative(x)
        return h * landscape.thirdDerivative(x) / (batch * (h * h + floor * floor).squareRoot())
    }
    public var breakpoints: [Double] { landscape.breakpoints }
    /// C reads L″ alone, which is constant on the pieces of an affine gradient.
    public var constantVarianceThresholds: [PieceThreshold]? { landscape.affineGradientPieces?.thresholds }
}

/// C = V·√(Λ² + δ²)·Vᵀ/B for ∇²L = VΛVᵀ in d dimensions: elementwise where ∇²L is diagonal,
/// otherwise by one eigen-decomposition per evaluation (GSL symmv, O(d³)).
public struct HessianNoiseND: GradientNoiseND {
    public let batch: Double
    public let floor: Double
    public init(batch: Double, floor: Double) { self.batch = batch; self.floor = floor }

    public static var isConstant: Bool { false }
    @inlinable public func needsEigen<L: LandscapeND>(on landscape: L) -> Bool { !landscape.hasDiagonalHessian }

    @inlinable public func fill<L: LandscapeND>(_ ws: WorkspaceND, on landscape: L, needsEigen: Bool) {
        let d = ws.d
        if !needsEigen {
            landscape.hessianDiagonal(UnsafeBufferPointer(ws.theta), into: ws.scratch)
            for i in 0..<d {
                let h = ws.scratch[i]
                ws.diagC[i] = (h * h + floor * floor).squareRoot() / batch
            }
            return
        }
        landscape.hessian(UnsafeBufferPointer(ws.theta), into: ws.hessian)
        ws.decomposeHessian()
        for k in 0..<d {
            let h = ws.noiseEigen[k]
            ws.noiseEigen[k] = (h * h + floor * floor).squareRoot() / batch
        }
        for i in 0..<d {
            var c = 0.0
            for k in 0..<d { let v = ws.vectors[i * d + k]; c += v * v * ws.noiseEigen[k] }
            ws.diagC[i] = c
        }
    }
}

extension NoiseKind {
    public static let hessian = NoiseKind(HessianNoiseModel.self)
}
