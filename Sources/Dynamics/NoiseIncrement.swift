import Foundation
import NumericKit

/// What a trajectory draws per step in place of the noise: the standard normal z of a
/// Brownian increment ΔW = √dt·z, or an α-stable one (``StableIncrement``) whose increment over
/// dt is dt^{1/α}·S (docs/theory.md §15). The loops are generic over it, so the Gaussian loops
/// compile as before.
public protocol NoiseIncrement: Sendable {
    /// One draw from `random`.
    func draw<R: RandomSource>(_ random: R) -> Double
    /// The increment's scale over a step dt: √dt for Brownian motion, dt^{1/α} for α-stable
    /// Lévy motion (self-similarity: L(dt) has the law of dt^{1/α}·L(1)).
    func timeScale(_ dt: Double) -> Double
    /// Whether the driving process has continuous paths (Brownian): then a crossing of the escape
    /// point between grid points is tested by the Brownian bridge; a jump process crosses where
    /// its jump lands, at the grid point.
    var isContinuous: Bool { get }
}

/// z ~ N(0, 1): the Brownian increment of every Gaussian noise model.
public struct StandardNormalIncrement: NoiseIncrement {
    public init() {}
    @inlinable @inline(__always) public func draw<R: RandomSource>(_ random: R) -> Double { random.gaussian() }
    @inlinable @inline(__always) public func timeScale(_ dt: Double) -> Double { dt.squareRoot() }
    @inlinable public var isContinuous: Bool { true }
}

/// factor·S, S ~ S_α(1) (``RandomSource/stable(alpha:)``), over dt scaled by dt^{1/α}; the factor
/// converts the variance-based step's √(2c²)-scaled z into c·S (``StableNoiseModel/increment(learningRate:sde:)``).
/// At α = 2, S ~ N(0, 2) and factor·S ~ N(0, 1): the Gaussian increment in law.
public struct StableIncrement: NoiseIncrement {
    public let alpha: Double
    public let factor: Double
    public init(alpha: Double, factor: Double) { self.alpha = alpha; self.factor = factor }
    @inlinable @inline(__always) public func draw<R: RandomSource>(_ random: R) -> Double { factor * random.stable(alpha: alpha) }
    @inlinable public func timeScale(_ dt: Double) -> Double { pow(dt, 1 / alpha) }
    @inlinable public var isContinuous: Bool { alpha == 2 }
}
