import Dynamics
import Landscapes
import NumericKit

/// Heavy-ball momentum's underdamped SDE in d dimensions as a chain adaptive multilevel
/// splitting can branch: one step of ``DiffusionND/underdampedStep(_:beta:dt:noiseScale:_:)``,
/// the symplectic Euler–Maruyama step brute force (`UnderdampedTrajectoryND`) takes. The state
/// is (θ, u) with every coordinate's velocity, so a replica copied at any step keeps its
/// momentum; the reaction coordinate is the escape coordinate s = n·(θ − θ₀) of the target
/// hyperplane (``EscapePlane``), tested at every step with no bridge as brute force tests it
/// (θ is differentiable in time; ``UnderdampedChain`` is the 1-D form). Time is in steps of dt.
public struct UnderdampedChainND<L: LandscapeND, N: GradientNoiseND, R: RandomSource>: SplittableChain {
    public typealias Random = R
    public typealias State = UnderdampedChainStateND

    /// The gradient and its noise (no preconditioner: the velocity integrates them).
    public let diffusion: DiffusionND<L, N, SGDPreconditioner>
    public let beta: Double
    public let dt: Double
    public let plane: EscapePlane
    public let start: [Double]

    public init(diffusion: DiffusionND<L, N, SGDPreconditioner>, beta: Double, dt: Double, plane: EscapePlane, start: [Double]) {
        self.diffusion = diffusion; self.beta = beta; self.dt = dt; self.plane = plane; self.start = start
    }

    /// At rest at the start minimum (where brute force starts), at time 0.
    public var initialState: State {
        UnderdampedChainStateND(theta: start, velocity: [Double](repeating: 0, count: start.count),
                                level: plane.signedDistance(start), time: 0)
    }

    @inlinable public func level(_ state: State) -> Double { state.level }

    @inlinable public func time(_ state: State) -> Double { state.time }

    public func makeStep() -> (State, R) -> State {
        let ws = diffusion.makeWorkspace()
        let diffusion = self.diffusion, plane = self.plane, beta = self.beta, dt = self.dt
        let noiseScale = (diffusion.learningRate * dt).squareRoot()
        return { state, random in
            for i in 0..<state.theta.count { ws.theta[i] = state.theta[i]; ws.velocity[i] = state.velocity[i] }
            diffusion.underdampedStep(ws, beta: beta, dt: dt, noiseScale: noiseScale, random)
            return UnderdampedChainStateND(theta: Array(ws.theta), velocity: Array(ws.velocity),
                                           level: plane.signedDistance(ws.theta), time: state.time + 1)
        }
    }
}

/// The state of ``UnderdampedChainND``: θ, the velocity u = dθ/dt, the escape coordinate s, the steps taken.
public struct UnderdampedChainStateND: Sendable {
    public var theta: [Double]
    public var velocity: [Double]
    public var level: Double
    public var time: Double

    public init(theta: [Double], velocity: [Double], level: Double, time: Double) {
        self.theta = theta; self.velocity = velocity; self.level = level; self.time = time
    }
}
