import Dynamics
import Landscapes
import NumericKit

/// A discrete optimizer iteration as a chain adaptive multilevel splitting can branch: the
/// state is θ together with the optimizer's own state — Adam's m, v and step t, momentum's
/// velocity (``OptimizerIteration1D``) — so that a copy made at any step continues exactly as
/// the original would. The reaction coordinate is θ; escape is tested at every step (θ ≥ y),
/// with no bridge, as in ``IterationTrajectory``; time is in optimizer steps.
public struct IterationChain<L: Landscape1D, N: GradientNoise1D, O: OptimizerIteration1D, R: RandomSource>: StorageFreeChain {
    public typealias Random = R
    public typealias State = IterationChainState<O>

    public let iteration: NoisyIteration<L, N, O>

    public init(iteration: NoisyIteration<L, N, O>) { self.iteration = iteration }

    /// θ at the minimum with the optimizer as before its first step (t = 0, zero moments).
    public func start(at theta: Double) -> State {
        var optimizer = iteration.optimizer
        optimizer.reset()
        return State(theta: theta, optimizer: optimizer, steps: 0)
    }

    @inlinable public func level(_ state: State) -> Double { state.theta }

    @inlinable public func time(_ state: State) -> Double { state.steps }

    @inlinable
    public func step(_ state: State, random: R) -> State {
        var iteration = self.iteration
        iteration.optimizer = state.optimizer
        let theta = iteration.advance(state.theta, normal: random.gaussian())
        return State(theta: theta, optimizer: iteration.optimizer, steps: state.steps + 1)
    }
}

/// The state of ``IterationChain``: the parameter, the optimizer with its moments, the steps taken.
public struct IterationChainState<O: OptimizerIteration1D>: Sendable {
    public var theta: Double
    public var optimizer: O
    public var steps: Double

    public init(theta: Double, optimizer: O, steps: Double) { self.theta = theta; self.optimizer = optimizer; self.steps = steps }
}
