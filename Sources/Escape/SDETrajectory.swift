import Dynamics
import Ensembles
import Foundation
import NumericKit

/// One trajectory of a scalar SDE from the start minimum to the escape point y, with
/// Brownian-bridge crossing detection between grid points (``BrownianBridge``).
///
/// The loop is generic over the SDE and the integrator, so each problem runs a
/// specialised loop with no existentials, allocations or locks per step. Per step: one
/// normal draw, one integrator step, two comparisons, and — only within a few noise
/// widths of y — one uniform draw for the bridge.
public struct SDETrajectory<S: ScalarSDE, I: SDEIntegrator>: TrajectorySimulator, ClockedTrajectory, IncrementDrivenTrajectory {
    public let sde: S
    public let integrator: I
    public let start: Double
    public let target: Double
    public let dt: Double
    public let maxSteps: Int
    /// Diverged below `start − radius` or above `target + radius`.
    public let radius: Double
    public let bridge: Bool

    public init(sde: S, integrator: I, start: Double, target: Double, dt: Double,
                maxSteps: Int, radius: Double, bridge: Bool = true) {
        self.sde = sde; self.integrator = integrator; self.start = start; self.target = target
        self.dt = dt; self.maxSteps = maxSteps; self.radius = radius; self.bridge = bridge
    }

    public var nominalStep: Double { dt }

    @inlinable
    public func run<R: RandomSource, Z: NoiseIncrement>(_ stream: R, increment: Z) -> TrajectoryOutcome {
        run(stream, clock: ConstantRate(), increment: increment)
    }

    @inlinable
    public func run<R: RandomSource>(_ stream: R) -> TrajectoryOutcome { run(stream, clock: ConstantRate()) }

    /// The loop under `clock` (``StepClock``: a constant rate, or a schedule's ``ScheduledRun``).
    @inlinable
    public func run<R: RandomSource, C: StepClock>(_ stream: R, clock: C) -> TrajectoryOutcome {
        run(stream, clock: clock, increment: StandardNormalIncrement())
    }

    /// The loop driven by `increment` (``NoiseIncrement``): Brownian — the loop above — or
    /// α-stable Lévy motion, whose increment over dt is dt^{1/α}·S and whose jumps cross the
    /// escape point where they land (the Brownian bridge is for continuous paths only).
    @inlinable
    public func run<R: RandomSource, C: StepClock, Z: NoiseIncrement>(_ stream: R, clock: C, increment: Z) -> TrajectoryOutcome {
        // Local copies: the GSL calls are opaque, so fields read through `self` would be
        // reloaded (and √(ηC) recomputed) every step; locals let the optimiser hoist them.
        // (`sde` and `integrator` change only under a schedule: ConstantRate never rebuilds.)
        var sde = self.sde, integrator = self.integrator, run = clock
        let dt = self.dt, target = self.target
        let bridge = self.bridge && increment.isContinuous, maxSteps = self.maxSteps
        let sqrtDt = increment.timeScale(dt)
        let lower = start - radius
        let upper = target + radius
        let bridgeCutoff = 0.5 * BrownianBridge.negligibleExponent * dt
        var x = start
        var n = 0
        while n < maxSteps {
            let next = integrator.advance(x, sde: sde, dt: dt, sqrtDt: sqrtDt, normal: increment.draw(stream))
            n += 1
            let rateChanged = run.advance(by: dt)
            if let outcome = TrajectoryOutcome.afterStep(to: next, target: target, lower: lower, upper: upper, steps: n) {
                return run.outcome(outcome)
            }
            if bridge {
                let g = sde.diffusion(x)
                let gap = (target - x) * (target - next)
                if gap < bridgeCutoff * g * g,
                   stream.uniform() < BrownianBridge.crossingProbability(from: x, to: next, target: target,
                                                                         variancePerStep: g * g * dt) {
                    return run.outcome(TrajectoryOutcome(.escaped, steps: n))
                }
            }
            if rateChanged {
                if run.ended { break }
                run.rebuild(&sde, &integrator, from: self.sde, self.integrator)
            }
            x = next
        }
        return run.outcome(TrajectoryOutcome(.censored, steps: n))
    }
}
