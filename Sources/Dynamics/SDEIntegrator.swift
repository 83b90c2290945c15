import Landscapes
import NumericKit

/// A one-step scheme for a scalar Itô SDE, advancing X by dt with Brownian increment
/// ΔW = √dt·z, z ~ N(0, 1).
///
/// Every scheme states its orders and interpretation; the table in docs/integrators.md
/// lists them side by side.
public protocol SDEIntegrator: Sendable {
    /// X(t + dt) from X(t) = x.
    func advance<S: ScalarSDE>(_ x: Double, sde: S, dt: Double, sqrtDt: Double, normal z: Double) -> Double
    /// X(t + dt) from X(t) = x, for schemes that draw more than the one normal z per step
    /// (``SkewEuler``'s interface coin) from the trajectory's own stream `random`. The
    /// default ignores `random`.
    func advance<S: ScalarSDE, R: RandomSource>(_ x: Double, sde: S, dt: Double, sqrtDt: Double,
                                                normal z: Double, random: R) -> Double
    /// Strong order of convergence for general (multiplicative) noise.
    static var strongOrder: Double { get }
    /// Weak order of convergence.
    static var weakOrder: Double { get }
    /// The stochastic calculus the scheme converges to.
    static var interpretation: String { get }
    /// The command-line name (`--integrator NAME`).
    static var name: String { get }
    /// One line for `--help`: the step and its orders.
    static var help: String { get }
    /// The scheme for one reduced SDE (``SkewEuler`` reads the jumps of its diffusion coefficient).
    init<L: Landscape1D, N: GradientNoise1D, P: Preconditioner1D>(for sde: ReducedSDE<L, N, P>)
    /// Whether the scheme draws from the trajectory's own stream (``advance(_:sde:dt:sqrtDt:normal:random:)``)
    /// beyond the one normal per step: then it runs on the stepped path, not in SIMD lanes.
    static var usesTrajectoryStream: Bool { get }
    /// Whether it crosses jumps of the diffusion coefficient exactly in law (docs/integrators.md §2).
    static var crossesJumpsExactly: Bool { get }
    /// Why the scheme has no d-dimensional form; nil if it has one (it runs on ``DiffusionND``).
    static var multiDimensionalRefusal: String? { get }
    /// Hands the scheme to `visitor` for a run on the uniform grid dt: the grid loop
    /// (``SteppedSchemeVisitor/visitUniform(_:dt:)``) by default; a scheme that draws from the
    /// trajectory's stream takes the stepped loop on a uniform profile. A requirement, so that
    /// each scheme's run compiles only the loop it takes.
    func acceptOnUniformGrid<V: SteppedSchemeVisitor>(_ visitor: V, dt: Double) throws -> V.Output
    /// The scheme for the same SDE with g multiplied by `factor` (a learning-rate schedule's
    /// √(η_k/η)): itself for a scheme that reads g from the SDE at every step; ``SkewEuler``
    /// rescales the one-sided g it holds at its interfaces.
    func scaled(noise factor: Double) -> Self
}

extension SDEIntegrator {
    public static var usesTrajectoryStream: Bool { false }
    public static var crossesJumpsExactly: Bool { false }
    public func scaled(noise factor: Double) -> Self { self }

    @inlinable
    public func acceptOnUniformGrid<V: SteppedSchemeVisitor>(_ visitor: V, dt: Double) throws -> V.Output {
        try visitor.visitUniform(self, dt: dt)
    }

    @inlinable @inline(__always)
    public func advance<S: ScalarSDE, R: RandomSource>(_ x: Double, sde: S, dt: Double, sqrtDt: Double,
                                                       normal z: Double, random: R) -> Double {
        advance(x, sde: sde, dt: dt, sqrtDt: sqrtDt, normal: z)
    }
}
