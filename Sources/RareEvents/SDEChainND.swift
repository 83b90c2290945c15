import Dynamics
import Landscapes
import NumericKit

/// The d-dimensional reduced SDE as a chain adaptive multilevel splitting can branch: one step
/// of ``SDEStepND`` — the problem's scheme, exactly as brute force (``SDETrajectoryND``) takes
/// it — with the escape coordinate s = n·(θ − θ₀) of the target hyperplane as the reaction
/// coordinate (``EscapePlane``). A crossing of the plane between grid points, found by the
/// Brownian bridge of s, sets `crossed`, whose level is +∞. Time is in nominal steps dt₀.
/// Each run's step owns a workspace (``SDEStepND/makeWorkspaces()``); a state is an array.
public struct SDEChainND<L: LandscapeND, N: GradientNoiseND, P: Preconditioner1D, R: RandomSource>: SplittableChain {
    public typealias Random = R
    public typealias State = VectorChainState

    public let step: SDEStepND<L, N, P>
    public let plane: EscapePlane
    /// The start minimum.
    public let start: [Double]

    public init(step: SDEStepND<L, N, P>, plane: EscapePlane, start: [Double]) {
        self.step = step; self.plane = plane; self.start = start
    }

    /// θ at the start minimum, at time 0.
    public var initialState: State { VectorChainState(theta: start, level: plane.signedDistance(start)) }

    @inlinable public func level(_ state: State) -> Double { state.crossed ? .infinity : state.level }

    @inlinable public func time(_ state: State) -> Double { state.time }

    public func makeStep() -> (State, R) -> State {
        let (ws, probe) = step.makeWorkspaces()
        for i in 0..<start.count { probe.theta[i] = start[i] }
        let step = self.step, plane = self.plane
        return { state, random in
            for i in 0..<state.theta.count { ws.theta[i] = state.theta[i] }
            let taken = step.advance(ws, probe: probe, random)
            let s = plane.signedDistance(ws.theta)
            let crossed = s >= 0 || plane.crossedBetween(state.level, s, variance: taken.variance, random)
            return VectorChainState(theta: Array(ws.theta), level: s, time: state.time + taken.ratio, crossed: crossed)
        }
    }
}

/// A d-dimensional SDE's state as a splittable chain: θ, its escape coordinate s (kept, so that
/// a level is read, not recomputed), the time in nominal steps, and whether the Brownian bridge
/// found a crossing of the target plane during the last step.
public struct VectorChainState: Sendable {
    public var theta: [Double]
    public var level: Double
    public var time: Double
    public var crossed: Bool

    public init(theta: [Double], level: Double, time: Double = 0, crossed: Bool = false) {
        self.theta = theta; self.level = level; self.time = time; self.crossed = crossed
    }
}
