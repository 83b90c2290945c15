import Dynamics
import Ensembles
import Landscapes
import NumericKit

/// One trajectory of a discrete optimizer iteration from the start minimum until θ ≥ y.
/// A genuinely discrete process: escape is tested at every step, with no bridge.
public struct IterationTrajectory<L: Landscape1D, N: GradientNoise1D, O: OptimizerIteration1D>: TrajectorySimulator {
    public let iteration: NoisyIteration<L, N, O>
    public let start: Double
    public let target: Double
    public let maxSteps: Int
    public let radius: Double

    public init(iteration: NoisyIteration<L, N, O>, start: Double, target: Double, maxSteps: Int, radius: Double) {
        self.iteration = iteration; self.start = start; self.target = target
        self.maxSteps = maxSteps; self.radius = radius
    }

    @inlinable
    public func run<R: RandomSource>(_ stream: R) -> TrajectoryOutcome {
        var iteration = self.iteration
        iteration.optimizer.reset()
        let target = self.target, maxSteps = self.maxSteps
        let lower = start - radius
        let upper = target + radius
        var theta = start
        var k = 0
        while k < maxSteps {
            theta = iteration.advance(theta, normal: stream.gaussian())
            k += 1
            if let outcome = TrajectoryOutcome.afterStep(to: theta, target: target, lower: lower, upper: upper, steps: k) {
                return outcome
            }
        }
        return TrajectoryOutcome(.censored, steps: k)
    }
}
