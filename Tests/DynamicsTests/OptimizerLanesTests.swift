import Landscapes
import NumericKit
import Testing
@testable import Dynamics

/// Every optimizer's SIMD lanes (OptimizerLanes) step exactly as eight scalar states do: the
/// same θ bit for bit, lane by lane, with lanes reset at different steps (so their step
/// counters, bias corrections and, for DualAdam, blends differ), through DualAdam's switch to
/// Adam (ξ = 0.05: r < ξ from t = 20).
@Suite("Optimizer lanes equal the scalar rules")
struct OptimizerLanesTests {
    @Test(arguments: OptimizerKind.allCases)
    func lanesEqualScalarStates(optimizer: OptimizerKind) throws {
        let settings = OptimizerSettings(switchRate: 0.05)
        try optimizer.withIteration(learningRate: 0.3, settings: settings, LanesAgainstScalar())
    }

    /// The lane loop's default for an optimizer without lanes of its own: eight scalar states.
    @Test func perLaneDefaultEqualsScalarStates() {
        LanesAgainstScalar().compare(PerLaneIterations(AdamIteration(learningRate: 0.3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8)),
                                     AdamIteration(learningRate: 0.3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8))
    }
}

struct LanesAgainstScalar: OptimizerIterationVisitor {
    func visit<O: OptimizerIteration1D>(_ iteration: O) throws {
        compare(O.Lanes(iteration), iteration)
    }

    func compare<Lanes: OptimizerLanes>(_ lanes: Lanes, _ iteration: Lanes.Iteration) {
        var lanes = lanes
        var fresh = iteration
        fresh.reset()
        var scalars = [Lanes.Iteration](repeating: fresh, count: NormalLanes.width)
        var theta = NormalLanes.Values(repeating: 0.25)
        let random = FastRandomStream(runSeed: 3, stream: 0)
        for step in 1...60 {
            var g = NormalLanes.Values()
            for k in 0..<NormalLanes.width { g[k] = 3 * random.gaussian() }
            // Lane k restarts at step 5k (lane 0 never): different step counters per lane.
            for k in 1..<NormalLanes.width where step == 5 * k {
                lanes.reset(lane: k)
                scalars[k] = fresh
            }
            let next = lanes.step(theta, gradient: g)
            for k in 0..<NormalLanes.width {
                let expected = scalars[k].step(theta[k], gradient: g[k])
                #expect(next[k].bitPattern == expected.bitPattern, "\(iteration.name) lane \(k) step \(step): \(next[k]) vs \(expected)")
            }
            theta = next
        }
    }
}
