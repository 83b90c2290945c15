import Landscapes

/// Heavy-ball momentum as an SDE (docs/theory.md §7): in the toolkit's time t = η·steps, with
/// velocity u = dθ/dt = −m,
///
///     dθ = u dt,     M du = (−L′(θ) − γu) dt + √(η·C(θ)) dW,     M = η, γ = 1 − β,
///
/// the underdamped Langevin equation of a particle of mass η with friction 1 − β. It is the
/// continuous limit of m ← βm + g, θ ← θ − ηm: one step is Δt = η, Δu = −Δm with
/// Δm = −(1 − β)m + g and Var ξ = C. Dropping M du gives the overdamped limit
/// dθ = −L′/γ dt + √(ηC)/γ dW, i.e. SGD with learning rate η/(1 − β) (``ConstantPreconditioner``).
public struct UnderdampedLangevin<L: Landscape1D, N: GradientNoise1D>: Sendable {
    public let landscape: L
    public let noise: N
    public let learningRate: Double
    /// β of the heavy ball.
    public let beta: Double

    public init(landscape: L, noise: N, learningRate: Double, beta: Double) {
        self.landscape = landscape; self.noise = noise; self.learningRate = learningRate; self.beta = beta
    }

    /// M = η.
    public var mass: Double { learningRate }
    /// γ = 1 − β.
    public var friction: Double { 1 - beta }

    /// One step of the semi-implicit (symplectic) Euler–Maruyama scheme, weak order 1:
    /// u ← u + [(−L′(θ) − γu)·dt + √(ηC(θ))·√dt·z]/M, then θ ← θ + u·dt.
    @inlinable
    public func advance(_ theta: Double, _ u: Double, dt: Double, sqrtDt: Double, normal z: Double) -> (Double, Double) {
        let force = -landscape.derivative(theta) - (1 - beta) * u
        let kick = (learningRate * noise.variance(at: theta)).squareRoot() * sqrtDt * z
        let newU = u + (force * dt + kick) / learningRate
        return (theta + newU * dt, newU)
    }

    /// The default step: 0.01 over the faster of the velocity relaxation rate γ/M and the
    /// oscillation frequency √(|L″|/M) at the critical points. (The overdamped rate |L″|/γ
    /// exceeds both only in the underdamped regime, where it describes nothing.)
    public func defaultTimeStep(_ geometry: EscapeGeometry) -> Double {
        let curvatures = [geometry.start, geometry.saddle, geometry.nextMinimum].map { abs($0.curvature) }
        let h = curvatures.max()!
        return 0.01 / max(friction / mass, (h / mass).squareRoot())
    }

    /// λ_b, the positive root of M·λ² + γ·λ − |H_b| = 0 (``UnderdampedKramers``).
    public func saddleGrowthRate(curvature hb: Double) -> Double {
        UnderdampedKramers.saddleGrowthRate(mass: mass, friction: friction, curvature: hb)
    }

    /// (|H_b|/γ)/λ_b (``UnderdampedKramers``).
    public func underdampedFactor(curvature hb: Double) -> Double {
        UnderdampedKramers.factor(mass: mass, friction: friction, curvature: hb)
    }
}

/// Kramers' spatial-diffusion regime of the underdamped escape (Kramers 1940; Hänggi, Talkner
/// & Borkovec 1990, §IV): inertia multiplies the overdamped escape time by (|H_b|/γ)/λ_b ≥ 1,
/// λ_b the positive root of M·λ² + γ·λ − |H_b| = 0, the growth rate of the linearised motion
/// at a saddle of curvature −|H_b|. For heavy-ball momentum M = η, γ = 1 − β.
public enum UnderdampedKramers {
    public static func saddleGrowthRate(mass: Double, friction: Double, curvature hb: Double) -> Double {
        let a = friction / (2 * mass)
        return -a + (a * a + abs(hb) / mass).squareRoot()
    }

    public static func factor(mass: Double, friction: Double, curvature hb: Double) -> Double {
        abs(hb) / friction / saddleGrowthRate(mass: mass, friction: friction, curvature: hb)
    }
}
