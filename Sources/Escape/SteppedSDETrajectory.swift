import Dynamics
import Ensembles
import Foundation
import NumericKit

/// One trajectory of a scalar SDE under local step-size control (``StepSizeProfile``) and
/// an integrator that may draw more than one number per step (``SkewEuler``), from the
/// start minimum to the escape point y, with the Brownian-bridge crossing test between
/// grid points.
///
/// The step taken from x is the profile's dt(x); the trajectory's duration is Σ dtₖ/dt₀, in
/// units of the nominal step dt₀. ``SDETrajectory`` is the same loop on a uniform grid
/// (and the one the fast engine interleaves in SIMD lanes).
public struct SteppedSDETrajectory<S: ScalarSDE, I: SDEIntegrator>: TrajectorySimulator, ClockedTrajectory {
    public let sde: S
    public let integrator: I
    public let profile: StepSizeProfile
    public let start: Double
    public let target: Double
    public let maxSteps: Int
    /// Diverged below `start − radius` or above `target + radius`.
    public let radius: Double

    public init(sde: S, integrator: I, profile: StepSizeProfile, start: Double, target: Double,
                maxSteps: Int, radius: Double) {
        self.sde = sde; self.integrator = integrator; self.profile = profile
        self.start = start; self.target = target; self.maxSteps = maxSteps; self.radius = radius
    }

    public var nominalStep: Double { profile.nominal }

    @inlinable
    public func run<R: RandomSource>(_ stream: R) -> TrajectoryOutcome { run(stream, clock: ConstantRate()) }

    /// The loop under `clock` (``StepClock``). Under a schedule the profile is the one at η: the
    /// schedule only lowers g, so its steps stay within the rule.
    @inlinable
    public func run<R: RandomSource, C: StepClock>(_ stream: R, clock: C) -> TrajectoryOutcome {
        var sde = self.sde, integrator = self.integrator, run = clock
        let profile = self.profile, target = self.target, maxSteps = self.maxSteps
        let lower = start - radius
        let upper = target + radius
        var x = start
        var n = 0
        var duration = 0.0
        while n < maxSteps {
            let step = profile.step(at: x) { sde.diffusion($0) }
            let next = integrator.advance(x, sde: sde, dt: step.dt, sqrtDt: step.root, normal: stream.gaussian(), random: stream)
            n += 1
            duration += step.ratio
            let rateChanged = run.advance(by: step.dt)
            if let outcome = TrajectoryOutcome.afterStep(to: next, target: target, lower: lower, upper: upper, steps: n) {
                return run.outcome(TrajectoryOutcome(outcome.kind, steps: n, duration: duration))
            }
            if BrownianBridge.crossed(from: x, to: next, target: target, g: sde.diffusion(x), dt: step.dt, random: stream) {
                return run.outcome(TrajectoryOutcome(.escaped, steps: n, duration: duration))
            }
            if rateChanged {
                if run.ended { break }
                run.rebuild(&sde, &integrator, from: self.sde, self.integrator)
            }
            x = next
        }
        return run.outcome(TrajectoryOutcome(.censored, steps: n, duration: duration))
    }
}
