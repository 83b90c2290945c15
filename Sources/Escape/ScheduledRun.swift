import Dynamics
import Ensembles
import NumericKit

/// What a reduced-SDE trajectory loop does between its steps about the learning rate: nothing
/// (``ConstantRate``, whose calls compile away, so the unscheduled loop is the loop without them),
/// or, under a schedule (``ScheduledRun``, docs/theory.md §14), move the optimizer-step clock by
/// every step's dt, rebuild the SDE and the scheme at the new η_k when the rate changes (the
/// SDE step takes the rate at its left end), stop once the rate is 0, and report each outcome on
/// the optimizer-step clock.
public protocol StepClock: Sendable {
    /// Moves the clock by one step's dt; whether η_k changed.
    mutating func advance(by dt: Double) -> Bool
    /// The rate has reached 0: the walker no longer moves.
    var ended: Bool { get }
    /// The outcome as the run reports it.
    func outcome(_ outcome: TrajectoryOutcome) -> TrajectoryOutcome
    /// The SDE and the scheme at the clock's η_k, built from those at η.
    func rebuild<S: ScalarSDE, I: SDEIntegrator>(_ sde: inout S, _ integrator: inout I, from base: S, _ baseIntegrator: I)
}

/// A constant learning rate: every call is a no-op the optimiser removes.
public struct ConstantRate: StepClock {
    @inlinable public init() {}
    @inlinable @inline(__always) public mutating func advance(by dt: Double) -> Bool { false }
    @inlinable public var ended: Bool { false }
    @inlinable @inline(__always) public func outcome(_ outcome: TrajectoryOutcome) -> TrajectoryOutcome { outcome }
    @inlinable public func rebuild<S: ScalarSDE, I: SDEIntegrator>(_ sde: inout S, _ integrator: inout I, from base: S, _ baseIntegrator: I) {}
}

/// A learning-rate schedule's clock in a trajectory loop. An outcome's duration becomes the
/// elapsed optimizer steps k(t) times η/dt₀, so that the estimate's time (duration·dt₀) is η·k(t)
/// and its steps (time/η) are optimizer steps, as for the discrete iteration.
public struct ScheduledRun: StepClock {
    public var clock: LearningRateClock
    /// η/dt₀: optimizer steps → the loop's duration units.
    public let stepsToDuration: Double

    public init(_ clock: LearningRateClock, timePerStep dt: Double) {
        self.clock = clock
        stepsToDuration = clock.initialRate / dt
    }

    @inlinable @inline(__always) public mutating func advance(by dt: Double) -> Bool { clock.advance(by: dt) }
    @inlinable public var ended: Bool { clock.ended }

    @inlinable public func outcome(_ outcome: TrajectoryOutcome) -> TrajectoryOutcome {
        TrajectoryOutcome(outcome.kind, steps: outcome.steps, duration: clock.elapsedSteps * stepsToDuration)
    }

    @inlinable
    public func rebuild<S: ScalarSDE, I: SDEIntegrator>(_ sde: inout S, _ integrator: inout I, from base: S, _ baseIntegrator: I) {
        sde = base.at(learningRate: clock.rate)
        integrator = baseIntegrator.scaled(noise: (clock.rate / clock.initialRate).squareRoot())
    }
}

/// A trajectory loop that runs under a ``StepClock``.
public protocol ClockedTrajectory: Sendable {
    /// Its nominal step dt₀ (the unit of its outcomes' durations).
    var nominalStep: Double { get }
    func run<R: RandomSource, C: StepClock>(_ stream: R, clock: C) -> TrajectoryOutcome
}

/// A trajectory under a learning-rate schedule: its loop with a ``ScheduledRun`` from t = 0.
/// Built over ``AnyScalarSDE``, so that the scheduled loops compile once per scheme.
public struct ScheduledTrajectory<T: ClockedTrajectory>: TrajectorySimulator {
    public let trajectory: T
    public let clock: LearningRateClock

    public init(_ trajectory: T, clock: LearningRateClock) { self.trajectory = trajectory; self.clock = clock }

    public func run<R: RandomSource>(_ stream: R) -> TrajectoryOutcome {
        trajectory.run(stream, clock: ScheduledRun(clock, timePerStep: trajectory.nominalStep))
    }
}
