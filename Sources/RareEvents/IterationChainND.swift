import Dynamics
import Landscapes
import NumericKit

/// A discrete optimizer in d dimensions as a chain adaptive multilevel splitting can branch:
/// the state is θ with every coordinate's optimizer state (Adam's m, v and the step count;
/// momentum's velocity), stepped by ``DiffusionND/iterate(_:_:_:)`` exactly as brute force
/// (``IterationTrajectoryND``) steps it. The reaction coordinate is the escape coordinate
/// s = n·(θ − θ₀) of the target hyperplane, tested at every step with no bridge, as brute
/// force tests it; time is in optimizer steps.
public struct IterationChainND<L: LandscapeND, N: GradientNoiseND, O: OptimizerIteration1D, R: RandomSource>: SplittableChain {
    public typealias Random = R
    public typealias State = IterationChainStateND<O>

    /// The gradient and its noise (no preconditioner: the optimizer is the iteration itself).
    public let diffusion: DiffusionND<L, N, SGDPreconditioner>
    public let optimizer: O
    public let plane: EscapePlane
    public let start: [Double]

    public init(diffusion: DiffusionND<L, N, SGDPreconditioner>, optimizer: O, plane: EscapePlane, start: [Double]) {
        self.diffusion = diffusion; self.optimizer = optimizer; self.plane = plane; self.start = start
    }

    /// θ at the start minimum with every coordinate's optimizer as before its first step.
    public var initialState: State {
        IterationChainStateND(theta: start, optimizers: diffusion.resetOptimizers(optimizer), level: plane.signedDistance(start), steps: 0)
    }

    @inlinable public func level(_ state: State) -> Double { state.level }

    @inlinable public func time(_ state: State) -> Double { state.steps }

    public func makeStep() -> (State, R) -> State {
        let ws = diffusion.makeWorkspace()
        let diffusion = self.diffusion, plane = self.plane
        return { state, random in
            for i in 0..<state.theta.count { ws.theta[i] = state.theta[i] }
            var optimizers = state.optimizers
            diffusion.iterate(ws, &optimizers, random)
            return IterationChainStateND(theta: Array(ws.theta), optimizers: optimizers, level: plane.signedDistance(ws.theta),
                                         steps: state.steps + 1)
        }
    }
}

/// The state of ``IterationChainND``: θ, each coordinate's optimizer, the escape coordinate s, the steps taken.
public struct IterationChainStateND<O: OptimizerIteration1D>: Sendable {
    public var theta: [Double]
    public var optimizers: [O]
    public var level: Double
    public var steps: Double

    public init(theta: [Double], optimizers: [O], level: Double, steps: Double) {
        self.theta = theta; self.optimizers = optimizers; self.level = level; self.steps = steps
    }
}
