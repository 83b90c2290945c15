import NumericKit

/// The target hyperplane of a d-dimensional escape, {θ : s(θ) ≥ 0}, with the escape coordinate
///
///     s(θ) = n·(θ − θ₀),
///
/// n the unit unstable eigenvector of the saddle (pointing from the start minimum to the next)
/// and θ₀ the saddle or the midpoint beyond it (``EscapeTargetND``). Brute force tests the sign
/// of s after every step and the Brownian bridge of s between steps; splitting uses s as its
/// reaction coordinate (the target is then exactly a level set of it).
public struct EscapePlane: Sendable {
    public let normal: [Double]
    public let point: [Double]

    public init(normal: [Double], point: [Double]) { self.normal = normal; self.point = point }

    /// The problem's plane, n and θ₀ (defined for a ball target too, where it is not the target).
    public init(_ problem: EscapeProblemND) { self.init(normal: problem.normal, point: problem.planePoint) }

    /// s(θ) = n·(θ − θ₀) (≥ 0: on or past the plane).
    @inlinable public func signedDistance(_ theta: UnsafeMutableBufferPointer<Double>) -> Double {
        var s = 0.0
        for i in 0..<normal.count { s += normal[i] * (theta[i] - point[i]) }
        return s
    }

    /// s at an array θ (off the hot path: the same sum on a copy).
    public func signedDistance(_ theta: [Double]) -> Double {
        var copy = theta
        return copy.withUnsafeMutableBufferPointer { signedDistance($0) }
    }

    /// Whether a step from s₀ to s₁, both below the plane, crossed it between the grid points:
    /// the Brownian bridge of s whose variance over the step is `variance` (η·nᵀPCPn·dt at the
    /// step's start; ``BrownianBridge``).
    @inlinable public func crossedBetween<R: RandomSource>(_ s0: Double, _ s1: Double, variance: Double, _ stream: R) -> Bool {
        BrownianBridge.crossed(from: s0, to: s1, target: 0, variancePerStep: variance, random: stream)
    }
}
