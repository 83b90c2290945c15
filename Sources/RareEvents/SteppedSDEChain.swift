import Dynamics
import NumericKit

/// A scalar SDE under step-size control as a chain adaptive multilevel splitting can branch:
/// one step of ``SteppedSDETrajectory`` — the profile's dt(x), the integrator's advance, and the
/// Brownian-bridge test for a crossing of the escape point y between grid points. A crossing
/// found by the bridge sets `crossed`, whose level is +∞ (the walker has escaped). Time is in
/// nominal steps dt₀, as the trajectory's duration.
public struct SteppedSDEChain<S: ScalarSDE, I: SDEIntegrator, R: RandomSource>: StorageFreeChain {
    public typealias Random = R
    public typealias State = ScalarChainState

    public let sde: S
    public let integrator: I
    public let profile: StepSizeProfile
    /// The escape point y (walkers move towards larger x).
    public let target: Double

    public init(sde: S, integrator: I, profile: StepSizeProfile, target: Double) {
        self.sde = sde; self.integrator = integrator; self.profile = profile; self.target = target
    }

    @inlinable
    public func level(_ state: State) -> Double { state.crossed ? .infinity : state.x }

    @inlinable
    public func time(_ state: State) -> Double { state.time }

    @inlinable
    public func step(_ state: State, random: R) -> State {
        let x = state.x
        let step = profile.step(at: x) { sde.diffusion($0) }
        let next = integrator.advance(x, sde: sde, dt: step.dt, sqrtDt: step.root, normal: random.gaussian(), random: random)
        let crossed = next >= target
            || BrownianBridge.crossed(from: x, to: next, target: target, g: sde.diffusion(x), dt: step.dt, random: random)
        return State(x: next, time: state.time + step.ratio, crossed: crossed)
    }
}

/// A scalar SDE's state as a splittable chain: the position, the time in nominal steps, and
/// whether the Brownian bridge found a crossing of the escape point during the last step. One
/// type for every scalar SDE, so that ``AnySplittableChain`` erases them all to one chain type.
public struct ScalarChainState: Sendable {
    public var x: Double
    public var time: Double
    public var crossed: Bool
    public init(x: Double, time: Double = 0, crossed: Bool = false) { self.x = x; self.time = time; self.crossed = crossed }
}
