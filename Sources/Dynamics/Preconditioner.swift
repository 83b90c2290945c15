import NumericKit
/// The preconditioner P of an optimizer's reduced SDE, as a function of the local
/// gradient-noise variance C (docs/theory.md §0): drift −P·L′, diffusion D = (η/2)·P²·C.
public protocol Preconditioner1D: Sendable {
    /// P(C).
    func factor(variance c: Double) -> Double
    /// dP/dC.
    func factorSlope(variance c: Double) -> Double
    /// P = κ·C^α (ε → 0), as (κ, α), when P is a power of C; nil otherwise (a DualAdam blend).
    /// With C = H/B the escape exponent is then p = 1 + α (docs/theory.md §0) and ΔΦ carries 1/κ.
    var powerLaw: (coefficient: Double, index: Double)? { get }
    /// The optimizer's name on the command line.
    var name: String { get }
}

/// SGD: P = 1.
public struct SGDPreconditioner: Preconditioner1D {
    public init() {}
    @inlinable public func factor(variance c: Double) -> Double { 1 }
    @inlinable public func factorSlope(variance c: Double) -> Double { 0 }
    public var powerLaw: (coefficient: Double, index: Double)? { (1, 0) }
    public var name: String { "sgd" }
}

/// A constant preconditioner P ≡ κ. Two uses:
/// - heavy-ball momentum in its overdamped limit (docs/theory.md §7), κ = 1/(1 − β): on times
///   ≫ η/(1 − β) the iteration m ← βm + g, θ ← θ − ηm is SGD with learning rate η/(1 − β),
///   i.e. in the toolkit's time t = η·steps this SDE (the simulated SDE is the underdamped
///   ``UnderdampedLangevin``);
/// - an Adam-type rule whose v̂ remembers far longer (1/(1 − β2) steps) than the walker
///   takes to cross the barrier: P stays at its basin value κ = P(C_a) (the
///   frozen-preconditioner prediction of discrete Adam, InvAdam and DualAdam).
public struct ConstantPreconditioner: Preconditioner1D {
    public let value: Double
    public init(_ value: Double) { self.value = value }
    @inlinable public func factor(variance c: Double) -> Double { value }
    @inlinable public func factorSlope(variance c: Double) -> Double { 0 }
    public var powerLaw: (coefficient: Double, index: Double)? { (value, 0) }
    public var name: String { "constant" }
}

/// Adam's reduced SDE (ε → ε, β1 = 0, β2 → 1; docs/theory.md §0, §1): v̂ ≈ E[g²] ≈ C near
/// critical points, so P = 1/(√C + ε) and D = (η/2)·C/(√C + ε)² ≈ η/2.
/// dP/dC = −1/(2√C·(√C + ε)²).
public struct AdamPreconditioner: Preconditioner1D {
    public let epsilon: Double
    public init(epsilon: Double) { self.epsilon = epsilon }
    @inlinable public func factor(variance c: Double) -> Double { 1 / (LaneMath.squareRoot(c) + epsilon) }
    @inlinable public func factorSlope(variance c: Double) -> Double {
        let r = LaneMath.squareRoot(c), n = r + epsilon
        return -1 / (2 * r * n * n)
    }
    public var powerLaw: (coefficient: Double, index: Double)? { (1, -0.5) }
    public var name: String { "adam" }
}

/// InvAdam's reduced SDE (the DualAdam paper's m̂·(√v̂ + ε); docs/theory.md §0, §7):
/// P = √C + ε, D = (η/2)·C·(√C + ε)² ≈ ηC²/2. dP/dC = 1/(2√C).
public struct InvAdamPreconditioner: Preconditioner1D {
    public let epsilon: Double
    public init(epsilon: Double) { self.epsilon = epsilon }
    @inlinable public func factor(variance c: Double) -> Double { LaneMath.squareRoot(c) + epsilon }
    @inlinable public func factorSlope(variance c: Double) -> Double { 1 / (2 * c.squareRoot()) }
    public var powerLaw: (coefficient: Double, index: Double)? { (1, 0.5) }
    public var name: String { "invadam" }
}

/// DualAdam at a frozen blend r (docs/theory.md §7): P_r = (1 − r)·P_Adam + r·P_Inv. r = 0 is
/// Adam, r = 1 InvAdam. The quasi-static hazard of the scheduled optimizer is built from
/// the escape times of these frozen-r SDEs.
public struct BlendPreconditioner: Preconditioner1D {
    public let blend: Double
    public let adam: AdamPreconditioner
    public let inverse: InvAdamPreconditioner
    public init(blend r: Double, epsilon: Double) {
        blend = r
        adam = AdamPreconditioner(epsilon: epsilon)
        inverse = InvAdamPreconditioner(epsilon: epsilon)
    }
    @inlinable public func factor(variance c: Double) -> Double {
        (1 - blend) * adam.factor(variance: c) + blend * inverse.factor(variance: c)
    }
    @inlinable public func factorSlope(variance c: Double) -> Double {
        (1 - blend) * adam.factorSlope(variance: c) + blend * inverse.factorSlope(variance: c)
    }
    public var powerLaw: (coefficient: Double, index: Double)? {
        blend == 0 ? adam.powerLaw : blend == 1 ? inverse.powerLaw : nil
    }
    public var name: String { "dualadam" }
}
