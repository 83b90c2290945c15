import Landscapes
import NumericKit

/// An optimizer's reduced SDE in one dimension (Itô; docs/theory.md §0–§1):
///
///     dθ = −P(θ)·L′(θ) dt + P(θ)·√(η·C(θ)) dW,     D(θ) = η·P²·C/2,
///
/// with P = P(C(θ)) the optimizer's preconditioner, C the gradient-noise variance and η
/// the learning rate. SDE time t corresponds to t/η optimizer steps: the discrete
/// iteration θ ← θ − ηP(L′ + ξ) is its Euler–Maruyama scheme at dt = η.
public struct ReducedSDE<L: Landscape1D, N: GradientNoise1D, P: Preconditioner1D>: Sendable {
    public let landscape: L
    public let noise: N
    public let preconditioner: P
    public let learningRate: Double
    /// √η, so that g = P·√η·√C shares √C with the Adam-type preconditioners' P(C).
    public let rootLearningRate: Double

    public init(landscape: L, noise: N, preconditioner: P, learningRate: Double) {
        self.landscape = landscape; self.noise = noise
        self.preconditioner = preconditioner; self.learningRate = learningRate
        rootLearningRate = learningRate.squareRoot()
    }

    /// The same SDE at learning rate η: the drift −P·L′ is η-free in SDE time, g = P·√(ηC).
    @inlinable public func at(learningRate eta: Double) -> ReducedSDE {
        ReducedSDE(landscape: landscape, noise: noise, preconditioner: preconditioner, learningRate: eta)
    }

    /// μ(x) = −P·L′(x).
    @inlinable @inline(__always) public func drift(_ x: Double) -> Double {
        -preconditioner.factor(variance: noise.variance(at: x)) * landscape.derivative(x)
    }

    /// g(x) = P·√η·√C: the coefficient of dW. (Written with √C so that the compiler computes
    /// it once where P(C) needs it too — Adam, InvAdam, DualAdam: a third fewer square roots
    /// per evaluation on the hot path.)
    @inlinable @inline(__always) public func diffusion(_ x: Double) -> Double {
        let c = noise.variance(at: x)
        return preconditioner.factor(variance: c) * (rootLearningRate * LaneMath.squareRoot(c))
    }

    /// g′(x) = C′·(P′·√(ηC) + P·η/(2√(ηC))), for Milstein.
    @inlinable @inline(__always) public func diffusionSlope(_ x: Double) -> Double {
        let c = noise.variance(at: x)
        let root = (learningRate * c).squareRoot()
        let p = preconditioner.factor(variance: c)
        let dp = preconditioner.factorSlope(variance: c)
        return noise.varianceSlope(at: x) * (dp * root + p * learningRate / (2 * root))
    }

    /// D(x) = g²/2 = η·P²·C/2.
    @inlinable public func diffusivity(_ x: Double) -> Double {
        let g = diffusion(x)
        return 0.5 * g * g
    }

    /// P(x) = P(C(x)).
    @inlinable public func preconditioning(_ x: Double) -> Double {
        preconditioner.factor(variance: noise.variance(at: x))
    }

    /// Points where the drift or diffusion is not smooth: the landscape's and the noise's.
    public var breakpoints: [Double] { Array(Set(landscape.breakpoints + noise.breakpoints)).sorted() }
}

extension ReducedSDE {
    /// The breakpoints where g jumps (relative change above 10⁻¹²), with the one-sided values
    /// g(c−), g(c+): where ``SkewEuler`` takes its interface step.
    public var diffusionInterfaces: [DiffusionInterface] {
        breakpoints.compactMap { c in DiffusionInterface(jumpAt: c, left: diffusion(c.nextDown), right: diffusion(c.nextUp)) }
    }
}
