import Dynamics
import Ensembles
import Landscapes
import NumericKit

/// One trajectory of a discrete optimizer iteration from the start minimum until θ ≥ y.
/// A genuinely discrete process: escape is tested at every step, with no bridge. Under a
/// learning-rate schedule step k is θ − η_k·u(g) (``OptimizerIteration1D``; docs/theory.md §14).
public struct IterationTrajectory<L: Landscape1D, N: GradientNoise1D, O: OptimizerIteration1D>: TrajectorySimulator, IncrementDrivenTrajectory {
    public let iteration: NoisyIteration<L, N, O>
    public let start: Double
    public let target: Double
    public let maxSteps: Int
    public let radius: Double
    /// η_k over the steps; `.constant` steps with the optimizer's own η.
    public let schedule: LearningRateSchedule

    public init(iteration: NoisyIteration<L, N, O>, start: Double, target: Double, maxSteps: Int, radius: Double,
                schedule: LearningRateSchedule = .constant) {
        self.iteration = iteration; self.start = start; self.target = target
        self.maxSteps = maxSteps; self.radius = radius; self.schedule = schedule
    }

    @inlinable
    public func run<R: RandomSource>(_ stream: R) -> TrajectoryOutcome { run(stream, increment: StandardNormalIncrement()) }

    /// The loop with the gradient noise drawn by `increment`: the standard normal z of
    /// g = L′ + √C·z above, or an α-stable draw (``StableIncrement``: g = L′ + c·S).
    @inlinable
    public func run<R: RandomSource, Z: NoiseIncrement>(_ stream: R, increment: Z) -> TrajectoryOutcome {
        var iteration = self.iteration
        iteration.optimizer.reset()
        let target = self.target, maxSteps = self.maxSteps, schedule = self.schedule
        let scheduled = !schedule.isConstant, eta = iteration.optimizer.learningRate
        let lower = start - radius
        let upper = target + radius
        var theta = start
        var k = 0
        while k < maxSteps {
            theta = scheduled ? iteration.advance(theta, normal: increment.draw(stream), learningRate: schedule.rate(atStep: k + 1, initial: eta))
                              : iteration.advance(theta, normal: increment.draw(stream))
            k += 1
            if let outcome = TrajectoryOutcome.afterStep(to: theta, target: target, lower: lower, upper: upper, steps: k) {
                return outcome
            }
        }
        return TrajectoryOutcome(.censored, steps: k)
    }
}
