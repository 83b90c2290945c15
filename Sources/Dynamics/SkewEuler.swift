import Landscapes
import Foundation
import NumericKit

/// A point where the diffusion coefficient g of a scalar SDE jumps, with its one-sided
/// values g(c−) and g(c+).
public struct DiffusionInterface: Sendable, Equatable {
    public let position: Double
    public let left: Double
    public let right: Double
    public init(position: Double, left: Double, right: Double) {
        self.position = position; self.left = left; self.right = right
    }

    /// The interface at c if g jumps there (relative change above 10⁻¹²), else nil.
    public init?(jumpAt c: Double, left: Double, right: Double) {
        guard abs(left - right) > 1e-12 * max(left, right) else { return nil }
        self.init(position: c, left: left, right: right)
    }

    /// P(an excursion from the interface goes right) for the Itô SDE dX = g(X) dW:
    /// α = g(c−)/(g(c−) + g(c+)) (docs/integrators.md §2: X is a local martingale, so its
    /// Lamperti image Y = (X − c)/g(side) is skew Brownian motion with this α).
    @inlinable public var rightProbability: Double { left / (left + right) }

    /// Euler–Maruyama's measured bias of τ across a jump of D at the default dt (InvAdam on
    /// pq, docs/integrators.md §3), quoted by the prediction's note and the simulation's warning.
    public static let measuredEulerBias = "measured at the default dt: −4% for ×4, −18% for ×64, −31% for ×256; docs/integrators.md §3"
}

/// Euler–Maruyama with an exact skew-Brownian step at jumps of the diffusion coefficient.
///
/// Away from every interface (more than `reach` noise widths g·√dt) a step is
/// Euler–Maruyama. Near an interface c with one-sided coefficients g₋, g₊ the step is taken
/// in the local Lamperti coordinate y = (x − c)/g_side, in which the noise is a unit
/// Brownian motion and the interface a skew point:
///
/// 1. drift, frozen at the start: y_d = y + μ(x)·dt/g_side;
/// 2. Brownian step y₁ = y_d + √dt·z;
/// 3. the path touched 0 if y_d and y₁ lie on opposite sides, or else with the bridge
///    probability exp(−2·y_d·y₁/dt); if it touched, the side of y₁ is drawn afresh: right
///    with probability α = g₋/(g₋ + g₊), left otherwise, keeping |y₁|;
/// 4. back: x′ = c + g_side(y₁)·y₁.
///
/// Steps 2–3 sample the transition of skew Brownian motion exactly (Lejay, "On the
/// constructions of the skew Brownian motion", Probab. Surveys 2006, §5: |Y| is reflected
/// Brownian motion and the sign after the last visit to 0 is an independent α-coin), so
/// the interface is crossed exactly in law; α is the value that makes X a local martingale
/// at c, which is what the Itô SDE dX = μ dt + g dW and its exact MFPT (theory.md §3, with
/// a continuous scale-function derivative at c) require — the derivation is in
/// docs/integrators.md §2. The scheme follows Lejay & Pichot, "Simulating diffusion
/// processes in discontinuous media: a numerical scheme with constant time steps",
/// J. Comput. Phys. 231 (2012), with the drift frozen over the step. Weak order 1 away from
/// interfaces (Euler–Maruyama), and the O(√dt) interface bias of Euler–Maruyama removed;
/// what remains at an interface is the frozen drift, measured in docs/integrators.md §3.
///
/// Uses up to two uniforms per near-interface step, from the trajectory's own stream, so
/// runs stay bit-identical for any thread count.
public struct SkewEuler: SDEIntegrator {
    /// The interfaces, in increasing position.
    public let interfaces: [DiffusionInterface]
    /// Near an interface means within `reach` noise widths max(g₋, g₊)·√dt. A Gaussian step
    /// beyond 8 widths has probability 1.2·10⁻¹⁵.
    public let reach: Double

    public init(interfaces: [DiffusionInterface], reach: Double = 8) {
        self.interfaces = interfaces.sorted { $0.position < $1.position }
        self.reach = reach
    }

    /// Without a random source there is no coin for the interface: plain Euler–Maruyama.
    @inlinable @inline(__always)
    public func advance<S: ScalarSDE>(_ x: Double, sde: S, dt: Double, sqrtDt: Double, normal z: Double) -> Double {
        x + sde.drift(x) * dt + sde.diffusion(x) * sqrtDt * z
    }

    @inlinable @inline(__always)
    public func advance<S: ScalarSDE, R: RandomSource>(_ x: Double, sde: S, dt: Double, sqrtDt: Double,
                                                       normal z: Double, random: R) -> Double {
        guard let interface = interface(near: x, sqrtDt: sqrtDt) else {
            return advance(x, sde: sde, dt: dt, sqrtDt: sqrtDt, normal: z)
        }
        return Self.step(x, drift: sde.drift(x), across: interface, dt: dt, sqrtDt: sqrtDt, normal: z, random: random)
    }

    /// One step per coordinate of a d-dimensional SDE whose coordinates decouple: a skew-Euler
    /// step for each coordinate with jumps, nil for the others; empty when no coordinate has one.
    public static func perCoordinate(_ interfaces: [[DiffusionInterface]]) -> [SkewEuler?] {
        interfaces.contains { !$0.isEmpty } ? interfaces.map { $0.isEmpty ? nil : SkewEuler(interfaces: $0) } : []
    }

    /// The interface within `reach` noise widths max(g₋, g₊)·√dt of x, if any (the nearest;
    /// a handful at most: a linear scan).
    @inlinable @inline(__always)
    public func interface(near x: Double, sqrtDt: Double) -> DiffusionInterface? {
        var nearest = -1
        var distance = Double.infinity
        for k in interfaces.indices {
            let d = abs(x - interfaces[k].position)
            if d < distance { distance = d; nearest = k }
        }
        guard nearest >= 0 else { return nil }
        let interface = interfaces[nearest]
        return distance > reach * max(interface.left, interface.right) * sqrtDt ? nil : interface
    }

    /// Steps 1–4 above from x with drift μ(x) and the step's normal z: the skew-Brownian
    /// step across `interface`. One coordinate's step; the d-dimensional loop
    /// (``SDETrajectoryND``) takes it per coordinate when the coordinates decouple.
    @inlinable @inline(__always)
    public static func step<R: RandomSource>(_ x: Double, drift mu: Double, across interface: DiffusionInterface,
                                             dt: Double, sqrtDt: Double, normal z: Double, random: R) -> Double {
        let c = interface.position
        let side = x < c ? interface.left : interface.right
        let drifted = (x - c) / side + mu * dt / side
        var y = drifted + sqrtDt * z
        var touched = (drifted < 0) != (y < 0)
        if !touched {
            let exponent = 2 * drifted * y / dt
            touched = exponent < BrownianBridge.negligibleExponent && random.uniform() < exp(-exponent)
        }
        if touched {
            let magnitude = abs(y)
            y = random.uniform() < interface.rightProbability ? magnitude : -magnitude
        }
        return c + y * (y < 0 ? interface.left : interface.right)
    }

    public static var strongOrder: Double { 0.5 }
    public static var weakOrder: Double { 1 }
    public static var interpretation: String { "Itô" }
    public static var name: String { "skew-euler" }
    public static var help: String { "Euler–Maruyama with the skew Brownian motion's crossing law at jumps of D: exact in law across them" }
    /// The scheme for the jumps of `sde`'s diffusion coefficient.
    public init<L: Landscape1D, N: GradientNoise1D, P: Preconditioner1D>(for sde: ReducedSDE<L, N, P>) {
        self.init(interfaces: sde.diffusionInterfaces)
    }
    public static var usesTrajectoryStream: Bool { true }
    public func scaled(noise factor: Double) -> SkewEuler {
        SkewEuler(interfaces: interfaces.map { DiffusionInterface(position: $0.position, left: factor * $0.left, right: factor * $0.right) },
                  reach: reach)
    }
    public static var crossesJumpsExactly: Bool { true }
    /// The interface coin draws from the trajectory's stream: the stepped loop, on a uniform profile.
    @inlinable
    public func acceptOnUniformGrid<V: SteppedSchemeVisitor>(_ visitor: V, dt: Double) throws -> V.Output {
        try visitor.visit(self, profile: StepSizeProfile(uniform: dt))
    }
    public static var multiDimensionalRefusal: String? { "auto takes the interface step per coordinate where the coordinates decouple: separable pq" }
}

extension IntegratorKind {
    public static let skewEuler = IntegratorKind(name: SkewEuler.name)
}
