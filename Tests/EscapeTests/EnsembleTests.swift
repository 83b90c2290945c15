import Dynamics
import Ensembles
import Foundation
import NumericKit
import Testing
@testable import Escape

@Suite("Ensembles: determinism, censoring, divergence, statistics")
struct EnsembleTests {
    /// Same spec and seed → identical outcomes, trajectory by trajectory, on 1, 2 and 3 threads.
    @Test(arguments: [DynamicsModel.sde(integrator: .eulerMaruyama, dt: 0.005), .discrete])
    func identicalForAnyThreadCount(model: DynamicsModel) throws {
        let problem = try makeProblem("pq:ha=4,hb=2,barrier=0.3", noise: .hessian(batch: 1, floor: 0), lr: 0.05, model: model)
        let runs = try [1, 2, 3].map { threads in
            try EscapeSimulation.run(problem, try EnsembleOptions(trajectories: 300, seed: 11, threads: threads))
        }
        #expect(runs[0].estimate == runs[1].estimate && runs[1].estimate == runs[2].estimate)
        let outcomes = try [1, 2].map { threads in
            EnsembleRunner.run(SDETrajectory(sde: BrownianMotion(), integrator: EulerMaruyama(), start: 0, target: 1,
                                             dt: 0.01, maxSteps: 10_000, radius: 1e9),
                               try EnsembleOptions(trajectories: 257, seed: 5, threads: threads))
        }
        #expect(outcomes[0] == outcomes[1])
        let otherSeed = try EscapeSimulation.run(problem, try EnsembleOptions(trajectories: 300, seed: 12, threads: 2))
        #expect(otherSeed.estimate != runs[0].estimate)
    }

    /// A step cap far below the escape time censors trajectories; the censoring-aware
    /// estimate appears with a warning, and its interval is above the naive mean.
    @Test func censoring() throws {
        let problem = try makeProblem("quartic:barrier=1", noise: .isotropic(sigma2: 0.5), lr: 1,
                                      model: .sde(integrator: .eulerMaruyama, dt: 0.01), maxSteps: 3000)
        let e = try EscapeSimulation.run(problem, try EnsembleOptions(trajectories: 400, seed: 2)).estimate
        #expect(e.censored > 0 && e.escaped > 0 && e.escaped + e.censored == 400)
        let c = try #require(e.censoredEstimate)
        #expect(c.meanTime! > e.meanTime!)
        #expect(c.ci95[0]! < c.meanTime! && c.meanTime! < c.ci95[1]!)
        #expect(e.warnings.contains { $0.contains("censored") })
        #expect(e.integratorSteps <= 400 * 3000)
    }

    /// Discrete SGD with η·|L″| = 8 at the minimum (stability needs < 2) and large noise blows
    /// up on the quartic: those trajectories are diverged, never escaped.
    @Test func divergenceIsCountedSeparately() throws {
        let problem = try makeProblem("quartic:barrier=1", noise: .isotropic(sigma2: 50), lr: 1, model: .discrete)
        let e = try EscapeSimulation.run(problem, try EnsembleOptions(trajectories: 200, seed: 4)).estimate
        #expect(e.diverged > 0)
        #expect(e.escaped + e.censored + e.diverged == 200)
        #expect(abs(e.divergedFraction - Double(e.diverged) / 200) < 1e-15)
        #expect(e.warnings.contains { $0.contains("diverged") })
    }

    /// The estimator on hand-made outcomes: mean, SE, t-interval; χ² interval when censored.
    @Test func statisticsOnKnownOutcomes() {
        let outcomes = [1, 2, 3, 4, 5].map { TrajectoryOutcome(.escaped, steps: $0 * 10) }
            + [TrajectoryOutcome(.diverged, steps: 7)]
        let e = EscapeEstimate(outcomes: outcomes, timePerStep: 0.1, learningRate: 0.5)
        #expect(e.meanTime == 3 && e.meanSteps == 6)
        #expect(abs(e.standardError! - (2.5 / 5).squareRoot()) < 1e-12)
        let t = Distributions.studentTQuantile(0.975, degreesOfFreedom: 4)
        #expect(abs(e.ci95![1] - (3 + t * e.standardError!)) < 1e-12)
        #expect(e.diverged == 1 && e.integratorSteps == 157 && e.censoredEstimate == nil)

        let censored = EscapeEstimate(outcomes: [TrajectoryOutcome(.escaped, steps: 10), TrajectoryOutcome(.censored, steps: 30)],
                                      timePerStep: 1, learningRate: 1)
        let c = censored.censoredEstimate!
        #expect(c.meanTime == 40 && c.totalTime == 40)
        #expect(abs(c.ci95[0]! - 80 / Distributions.chiSquaredQuantile(0.975, degreesOfFreedom: 2)) < 1e-9)
        let none = EscapeEstimate(outcomes: [TrajectoryOutcome(.censored, steps: 30), TrajectoryOutcome(.censored, steps: 30)],
                                  timePerStep: 1, learningRate: 1)
        #expect(none.meanTime == nil && none.censoredEstimate!.meanTime == nil && none.censoredEstimate!.ci95[1] == nil)
    }

    @Test func rejectsTooFewTrajectories() {
        #expect(throws: InvalidParameter.self) { _ = try EnsembleOptions(trajectories: 1, seed: 1) }
        #expect(throws: InvalidParameter.self) { _ = try EnsembleOptions(trajectories: 10, seed: 1, threads: 0) }
    }
}
