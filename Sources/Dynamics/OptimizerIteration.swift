import Landscapes
import NumericKit

/// A discrete optimizer in one dimension: the real update rule with its state, fed
/// stochastic gradients g = L′(θ) + ξ, ξ ~ N(0, C(θ)) (docs/theory.md §1).
///
/// Every rule here is θ ← θ − η·u(g; state) with a direction u that does not depend on η
/// (SGD's g, momentum's buffer, Adam's m̂/n, …), as in PyTorch, whose learning-rate schedulers
/// change η and nothing else: a schedule (``LearningRateSchedule``) steps with
/// θ − η_k·``direction(gradient:)``.
public protocol OptimizerIteration1D: Sendable {
    /// Eight of its states in SIMD lanes, for the fast engine (``OptimizerLanes``); by default
    /// eight scalar states stepped in turn.
    associatedtype Lanes: OptimizerLanes = PerLaneIterations<Self> where Lanes.Iteration == Self
    /// η.
    var learningRate: Double { get }
    /// Returns to the state before the first step (step counter, moments).
    mutating func reset()
    /// u(g; state): updates the state with the stochastic gradient g and returns the step per
    /// unit learning rate.
    mutating func direction(gradient g: Double) -> Double
    /// One optimizer step from θ, given the stochastic gradient g: θ − η·u(g).
    mutating func step(_ theta: Double, gradient g: Double) -> Double
    /// The command-line name.
    var name: String { get }
}

extension OptimizerIteration1D {
    @inlinable @inline(__always)
    public mutating func step(_ theta: Double, gradient g: Double) -> Double {
        theta - learningRate * direction(gradient: g)
    }

    /// One step at learning rate η_k (a schedule's): θ − η_k·u(g).
    @inlinable @inline(__always)
    public mutating func step(_ theta: Double, gradient g: Double, learningRate eta: Double) -> Double {
        theta - eta * direction(gradient: g)
    }
}

/// Plain SGD: θ ← θ − η·g.
public struct SGDIteration: OptimizerIteration1D {
    public let learningRate: Double
    public init(learningRate: Double) { self.learningRate = learningRate }
    @inlinable public mutating func reset() {}
    @inlinable public mutating func direction(gradient g: Double) -> Double { g }
    public var name: String { "sgd" }
}

/// An optimizer iteration on a landscape with gradient noise: draws ξ and steps.
public struct NoisyIteration<L: Landscape1D, N: GradientNoise1D, O: OptimizerIteration1D>: Sendable {
    public let landscape: L
    public let noise: N
    public var optimizer: O

    public init(landscape: L, noise: N, optimizer: O) {
        self.landscape = landscape; self.noise = noise; self.optimizer = optimizer
    }

    /// θ_{k+1} = step(θ_k, L′(θ_k) + √C(θ_k)·z).
    @inlinable
    public mutating func advance(_ theta: Double, normal z: Double) -> Double {
        optimizer.step(theta, gradient: gradient(theta, normal: z))
    }

    /// The same step at a schedule's learning rate η_k: θ_k − η_k·u(L′(θ_k) + √C(θ_k)·z).
    @inlinable
    public mutating func advance(_ theta: Double, normal z: Double, learningRate eta: Double) -> Double {
        optimizer.step(theta, gradient: gradient(theta, normal: z), learningRate: eta)
    }

    /// The stochastic gradient L′(θ) + √C(θ)·z.
    @inlinable @inline(__always)
    public func gradient(_ theta: Double, normal z: Double) -> Double {
        landscape.derivative(theta) + LaneMath.squareRoot(noise.variance(at: theta)) * z
    }

    /// √C where C does not depend on θ (isotropic noise), else nil.
    public var constantNoiseRoot: Double? {
        noise.constantVarianceThresholds?.isEmpty == true ? noise.variance(at: 0).squareRoot() : nil
    }

    /// The stochastic gradient as pieces, where L′ is affine and C constant piece by piece.
    public var piecewiseAffineForm: PiecewiseAffineGradient? { PiecewiseAffineGradient(landscape: landscape, noise: noise) }
}

/// A stochastic gradient L′(θ) + √C·z with L′ = sₖ·(θ − mₖ) (on a mirror image
/// −(sₖ·(−θ − mₖ))) and C constant on each piece
/// (``AffineGradientPieces``, ``GradientNoise1D/constantVarianceThresholds``): pq with hessian,
/// frozen or isotropic noise. Each √Cₖ is the scalar code's own value at a point of the piece,
/// so selecting a piece's sₖ, mₖ and √Cₖ gives ``NoisyIteration/gradient(_:normal:)`` bit for
/// bit (the fast engine's lanes).
public struct PiecewiseAffineGradient: Sendable, Equatable {
    public let thresholds: [PieceThreshold]
    public let slopes: [Double]
    public let centres: [Double]
    /// √Cₖ.
    public let noiseRoots: [Double]
    /// Whether L′ is the mirror's −(sₖ·(−θ − mₖ)) (``AffineGradientPieces/isMirrored``).
    public let isMirrored: Bool

    public init?<L: Landscape1D, N: GradientNoise1D>(landscape: L, noise: N) {
        guard let gradient = landscape.affineGradientPieces, let variance = noise.constantVarianceThresholds,
              let refinement = gradient.refined(by: variance) else { return nil }
        thresholds = refinement.thresholds
        isMirrored = gradient.isMirrored
        slopes = refinement.gradientPieces.map { gradient.slopes[$0] }
        centres = refinement.gradientPieces.map { gradient.centres[$0] }
        noiseRoots = refinement.points.map { noise.variance(at: $0).squareRoot() }
    }
}

extension EscapeProblem {
    /// Builds the problem's discrete optimizer iteration and hands it to `visitor`.
    @inlinable
    public func withIteration<V: OptimizerIterationVisitor>(_ visitor: V) throws -> V.Output {
        try optimizer.withIteration(learningRate: learningRate, settings: settings, visitor)
    }
}

/// Receives a preconditioner as a concrete type.
public protocol PreconditionerVisitor {
    associatedtype Output
    func visit<P: Preconditioner1D>(_ preconditioner: P) throws -> Output
}

/// Receives the problem's optimizer iteration as a concrete type.
public protocol OptimizerIterationVisitor {
    associatedtype Output
    func visit<O: OptimizerIteration1D>(_ iteration: O) throws -> Output
}
