import Dynamics
import Ensembles
import NumericKit

/// A trajectory loop whose noise draw is a ``NoiseIncrement``: the standard normal of its
/// Gaussian run, or another law in its place.
public protocol IncrementDrivenTrajectory: Sendable {
    func run<R: RandomSource, Z: NoiseIncrement>(_ stream: R, increment: Z) -> TrajectoryOutcome
}

/// A trajectory driven by α-stable noise (docs/theory.md §15): its loop with a
/// ``StableIncrement`` in place of the normal — the discrete rule with g = L′ + c·S, or the
/// reduced SDE driven by Lévy motion. The scalar loop (the SIMD lanes draw normals).
public struct JumpDrivenTrajectory<T: IncrementDrivenTrajectory>: TrajectorySimulator {
    public let trajectory: T
    public let increment: StableIncrement

    public init(_ trajectory: T, increment: StableIncrement) { self.trajectory = trajectory; self.increment = increment }

    @inlinable
    public func run<R: RandomSource>(_ stream: R) -> TrajectoryOutcome { trajectory.run(stream, increment: increment) }
}
