import NumericKit

/// How one trajectory ended. Non-escape is data, not failure (docs/architecture.md).
public struct TrajectoryOutcome: Sendable, Equatable {
    public enum Kind: UInt8, Sendable, Codable {
        /// Reached the escape target.
        case escaped
        /// Hit the step cap without escaping: its time is a lower bound on the escape time.
        case censored
        /// Became non-finite or left the divergence radius: excluded from escape statistics.
        case diverged
    }

    public let kind: Kind
    /// Integrator steps taken (optimizer steps for the discrete model): the cost.
    public let steps: Int
    /// The time the trajectory covered, in units of the run's nominal step (dt, or η for the
    /// discrete model): `steps` for a uniform grid, Σ dtₖ/dt under local step control
    /// (``StepSizeProfile``), where a step may be a fraction of the nominal one.
    public let duration: Double

    @inlinable public init(_ kind: Kind, steps: Int) { self.init(kind, steps: steps, duration: Double(steps)) }
    @inlinable public init(_ kind: Kind, steps: Int, duration: Double) {
        self.kind = kind; self.steps = steps; self.duration = duration
    }

    /// The 1-D grid-point test after a step to `position`: escaped at or past `target`
    /// (diverged if also at or beyond `upper`), diverged at or below `lower` or non-finite,
    /// else nil (the trajectory goes on).
    @inlinable @inline(__always)
    public static func afterStep(to position: Double, target: Double, lower: Double, upper: Double,
                                 steps: Int) -> TrajectoryOutcome? {
        if position >= target { return TrajectoryOutcome(position < upper ? .escaped : .diverged, steps: steps) }
        if !(position > lower) { return TrajectoryOutcome(.diverged, steps: steps) }
        return nil
    }
}

/// Simulates one trajectory from a stream already positioned for it.
public protocol TrajectorySimulator: Sendable {
    func run<R: RandomSource>(_ stream: R) -> TrajectoryOutcome
}
