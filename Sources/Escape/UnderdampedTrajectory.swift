import Dynamics
import Ensembles
import Landscapes
import NumericKit

/// One trajectory of heavy-ball momentum's underdamped SDE (``UnderdampedLangevin``) from
/// rest at the start minimum until θ ≥ y. θ(t) is differentiable (dθ = u dt), so a grid
/// crossing is missed by O(dt), not O(√dt): no bridge is needed.
public struct UnderdampedTrajectory<L: Landscape1D, N: GradientNoise1D>: TrajectorySimulator {
    public let sde: UnderdampedLangevin<L, N>
    public let start: Double
    public let target: Double
    public let dt: Double
    public let maxSteps: Int
    public let radius: Double

    public init(sde: UnderdampedLangevin<L, N>, start: Double, target: Double, dt: Double, maxSteps: Int, radius: Double) {
        self.sde = sde; self.start = start; self.target = target; self.dt = dt
        self.maxSteps = maxSteps; self.radius = radius
    }

    @inlinable
    public func run<R: RandomSource>(_ stream: R) -> TrajectoryOutcome {
        let sde = self.sde, dt = self.dt, target = self.target, maxSteps = self.maxSteps
        let sqrtDt = dt.squareRoot()
        let lower = start - radius, upper = target + radius
        var theta = start, u = 0.0
        var n = 0
        while n < maxSteps {
            (theta, u) = sde.advance(theta, u, dt: dt, sqrtDt: sqrtDt, normal: stream.gaussian())
            n += 1
            if let outcome = TrajectoryOutcome.afterStep(to: theta, target: target, lower: lower, upper: upper, steps: n) {
                return outcome
            }
        }
        return TrajectoryOutcome(.censored, steps: n)
    }
}
