import Landscapes

/// The covariance C(θ) of the stochastic-gradient noise ξ, in 1-D a variance
/// (docs/theory.md §2). The optimizer sees g = L′(θ) + ξ with ξ ~ N(0, C(θ)).
public protocol GradientNoise1D: Sendable {
    /// C(x) > 0.
    func variance(at x: Double) -> Double
    /// dC/dx, for the Milstein correction.
    func varianceSlope(at x: Double) -> Double
    /// Points where C jumps (quadrature splits there).
    var breakpoints: [Double] { get }
}

/// `isotropic`: C = σ², constant.
public struct IsotropicNoise: GradientNoise1D {
    public let sigma2: Double
    public init(sigma2: Double) { self.sigma2 = sigma2 }
    @inlinable public func variance(at x: Double) -> Double { sigma2 }
    @inlinable public func varianceSlope(at x: Double) -> Double { 0 }
    public var breakpoints: [Double] { [] }
}

/// `hessian`: C = √(L″² + δ²)/B (docs/theory.md §2), δ ≥ 0 the noise floor, B the batch size.
/// dC/dx = L″·L‴ / (B·√(L″² + δ²)).
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
        return (h * h + floor * floor).squareRoot() * inverseBatch
    }
    @inlinable public func varianceSlope(at x: Double) -> Double {
        let h = landscape.secondDerivative(x)
        return h * landscape.thirdDerivative(x) / (batch * (h * h + floor * floor).squareRoot())
    }
    public var breakpoints: [Double] { landscape.breakpoints }
}

/// `frozen`: C = H_a/B in the basin, |H_b|/B in the barrier region, H_c/B in the next
/// basin, switching where L″ changes sign (docs/theory.md §2) — the piecewise-constant noise
/// behind Xie et al.'s s-formula, s = (L(c) − L(a))/ΔL with c the first switch point.
public struct FrozenNoise: GradientNoise1D {
    /// Switch points in increasing x, and the variance on each of the `switches.count + 1` regions.
    public let switches: [Double]
    public let levels: [Double]
    public init(switches: [Double], levels: [Double]) {
        precondition(levels.count == switches.count + 1, "one level per region")
        self.switches = switches; self.levels = levels
    }
    @inlinable public func variance(at x: Double) -> Double {
        var k = 0
        while k < switches.count && x >= switches[k] { k += 1 }
        return levels[k]
    }
    @inlinable public func varianceSlope(at x: Double) -> Double { 0 }
    public var breakpoints: [Double] { switches }
}
