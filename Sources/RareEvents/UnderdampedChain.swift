import Dynamics
import Landscapes
import NumericKit

/// Heavy-ball momentum's underdamped SDE (``UnderdampedLangevin``) as a chain adaptive
/// multilevel splitting can branch: one symplectic Euler–Maruyama step, as brute force
/// (``UnderdampedTrajectory``) takes it. The state is (θ, u), so a replica copied at any step
/// keeps its velocity; the reaction coordinate is θ, tested at every step with no bridge
/// (θ is differentiable in time: a crossing between grid points is missed by O(dt), as in
/// brute force). Time is in steps of dt.
public struct UnderdampedChain<L: Landscape1D, N: GradientNoise1D, R: RandomSource>: StorageFreeChain {
    public typealias Random = R
    public typealias State = UnderdampedChainState

    public let sde: UnderdampedLangevin<L, N>
    public let dt: Double
    @usableFromInline let sqrtDt: Double

    public init(sde: UnderdampedLangevin<L, N>, dt: Double) {
        self.sde = sde; self.dt = dt; sqrtDt = dt.squareRoot()
    }

    @inlinable public func level(_ state: State) -> Double { state.theta }

    @inlinable public func time(_ state: State) -> Double { state.time }

    @inlinable
    public func step(_ state: State, random: R) -> State {
        let (theta, u) = sde.advance(state.theta, state.velocity, dt: dt, sqrtDt: sqrtDt, normal: random.gaussian())
        return State(theta: theta, velocity: u, time: state.time + 1)
    }
}

/// The state of ``UnderdampedChain``: position, velocity u = dθ/dt, and the steps taken.
public struct UnderdampedChainState: Sendable {
    public var theta: Double
    public var velocity: Double
    public var time: Double

    /// At rest at `theta` (where brute force starts), at time 0.
    public init(theta: Double, velocity: Double = 0, time: Double = 0) {
        self.theta = theta; self.velocity = velocity; self.time = time
    }
}
