/// The optimizer-step clock of a reduced SDE run under a learning-rate schedule (docs/theory.md
/// §14): optimizer step k covers SDE time η_k, so SDE time t lies in step k when
/// s_{k−1} ≤ t < s_k, s_k = η_1 + … + η_k, and the SDE's diffusion over it is the one at η_k.
///
/// An SDE step from t to t + dt takes the rate at t (the coefficient frozen at the step's left
/// end, as Euler–Maruyama freezes every coefficient); ``advance(by:)`` then moves the clock.
/// Stretches of constant rate (``LearningRateSchedule/lastStepAtSameRate(from:)``) are crossed
/// in one jump, so the clock's cost does not grow with the number of optimizer steps an SDE
/// step spans. Where the rate reaches 0 the walker stops moving and the clock ``ended``.
/// (Its state is public so that the per-step fast path inlines into the trajectory loops; only
/// ``advance(by:)`` changes it.)
public struct LearningRateClock: Sendable, Equatable {
    public let schedule: LearningRateSchedule
    /// η = η_1.
    public let initialRate: Double
    /// k: the optimizer step the SDE time lies in.
    public var step = 1
    /// η_k.
    public var rate: Double
    /// s_k: the SDE time at which step k ends.
    public var stepEnd: Double
    /// The SDE time t.
    public var time = 0.0
    /// The rate has fallen to 0: the walker no longer moves.
    public var ended = false

    /// 10¹⁵ optimizer steps: a rate so small that the clock would pass them has stopped the walker.
    @usableFromInline static let stepLimit = 1e15

    public init(schedule: LearningRateSchedule, initialRate eta: Double) {
        self.schedule = schedule
        initialRate = eta
        rate = schedule.rate(atStep: 1, initial: eta)
        stepEnd = rate
        ended = rate == 0
    }

    /// Moves SDE time on by dt; returns whether η_k changed (the SDE's coefficients must be rebuilt).
    @inlinable @inline(__always)
    public mutating func advance(by dt: Double) -> Bool {
        time += dt
        guard time >= stepEnd, !ended else { return false }
        return crossSteps()
    }

    /// Moves k on to the step that contains t; whether η_k changed.
    @usableFromInline
    mutating func crossSteps() -> Bool {
        let before = rate
        while time >= stepEnd {
            let last = schedule.lastStepAtSameRate(from: step)
            if last > step {
                // Steps k + 1 … last share η_k: take as many of them as t has passed at once.
                let whole = min(Double(last - step), ((time - stepEnd) / rate).rounded(.down) + 1, Self.stepLimit)
                step += Int(whole)
                stepEnd += whole * rate
                if step >= Int(Self.stepLimit) { ended = true; break }
            } else {
                step += 1
                rate = schedule.rate(atStep: step, initial: initialRate)
                if rate == 0 { ended = true; break }
                stepEnd += rate
            }
        }
        return rate != before
    }

    /// Optimizer steps elapsed at SDE time t: k − 1 + (t − s_{k−1})/η_k (k − 1 once the clock ended).
    public var elapsedSteps: Double {
        ended ? Double(step - 1) : Double(step - 1) + (time - (stepEnd - rate)) / rate
    }
}
