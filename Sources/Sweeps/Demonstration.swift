import Dynamics
import Escape
import Foundation
import Landscapes
import NumericKit
import Theory

/// The built-in 1-D demonstration that `escape reproduce` runs: SGD escaping a quartic
/// and a piecewise-quadratic well, simulated (reduced SDE with the bridge correction, and
/// the discrete iteration) and held against the exact MFPT and Kramers.
///
/// It shows, on problems anyone can rerun with `escape simulate`, (1) Monte Carlo
/// agreeing with the exact integral within 4 SE + the discretisation allowance,
/// (2) Kramers/exact → 1 as the effective barrier ΔΦ grows, and (3) a time-step study
/// where the noise variance jumps (hessian noise on a sharp `pq` well: C = ha/B in the
/// well, hb/B on the barrier): Euler–Maruyama is biased there by O(√dt·jump), and the
/// ratio to the exact MFPT approaches 1 only as dt shrinks. The escape-time theorem
/// fits (p = 1, 1/2, 3/2) arrive with the sweep machinery.
public enum Demonstration {
    public struct Point: Sendable {
        public let label: String
        public let problem: EscapeProblem
        public let trajectories: Int
        /// The stated discretisation allowance (relative) for the agreement verdict.
        public let allowance: Double
        public let purpose: Purpose
    }

    /// What a point is for.
    public enum Purpose: String, Sendable, Codable {
        /// Expected to agree with the exact MFPT within 4 SE + allowance.
        case agreement
        /// One step of a time-step convergence study: expected to approach exact as dt → 0.
        case timeStepStudy = "dt-study"
    }

    /// The points; `quick` uses fewer trajectories and lower barriers (for CI).
    public static func points(quick: Bool) throws -> [Point] {
        let scale = quick ? 4 : 1
        var points: [Point] = []
        // ΔΦ = 4ΔL here and τ ∝ e^{ΔΦ}: the highest barrier gets fewer trajectories.
        let barriers: [(Double, Int)] = quick ? [(0.5, 4000), (1, 4000), (1.5, 4000)]
                                              : [(0.5, 4000), (1, 4000), (1.5, 4000), (2, 1000)]
        for (barrier, trajectories) in barriers {
            let problem = try EscapeProblem(
                landscape: LandscapeSpec.parse("quartic:barrier=\(barrier)"), noise: .isotropic(sigma2: 0.5), learningRate: 1,
                model: .sde(integrator: .eulerMaruyama, dt: 0.002))
            points.append(Point(label: "quartic SGD isotropic, barrier \(barrier)", problem: problem,
                                trajectories: trajectories / scale, allowance: 0.02, purpose: .agreement))
        }
        for (ha, dt) in [(2.0, 0.002), (4.0, 0.001)] {
            let problem = try EscapeProblem(
                landscape: LandscapeSpec.parse("pq:ha=\(ha),hb=2,barrier=0.5"), noise: .hessian(batch: 1, floor: 0),
                learningRate: 0.1, model: .sde(integrator: .eulerMaruyama, dt: dt))
            points.append(Point(label: "pq SGD hessian noise, ha \(ha), dt \(dt)", problem: problem,
                                trajectories: 4000 / scale, allowance: 0.02, purpose: .agreement))
        }
        for dt in quick ? [0.002, 0.0005] : [0.002, 0.0005, 0.000125] {
            let problem = try EscapeProblem(
                landscape: LandscapeSpec.parse("pq:ha=8,hb=2,barrier=0.5"), noise: .hessian(batch: 1, floor: 0),
                learningRate: 0.1, model: .sde(integrator: .eulerMaruyama, dt: dt))
            points.append(Point(label: "pq SGD hessian noise, ha 8 (C jumps 4x), dt \(dt)", problem: problem,
                                trajectories: 2000 / scale, allowance: 0.02, purpose: .timeStepStudy))
        }
        let discrete = try EscapeProblem(
            landscape: LandscapeSpec.parse("quartic:barrier=1"), noise: .isotropic(sigma2: 500), learningRate: 0.001,
            model: .discrete)
        points.append(Point(label: "quartic SGD discrete iteration, lr 0.001", problem: discrete,
                            trajectories: 2000 / scale, allowance: 0.03, purpose: .agreement))
        return points
    }

    /// Runs every point (seed = run seed + point index) and returns the rows.
    public static func run(quick: Bool, seed: UInt64, threads: Int?,
                           progress: (Int, Int, String) -> Void = { _, _, _ in }) throws -> [ComparisonRow] {
        let points = try points(quick: quick)
        var rows: [ComparisonRow] = []
        for (index, point) in points.enumerated() {
            progress(index, points.count, point.label)
            let options = try EnsembleOptions(trajectories: point.trajectories,
                                              seed: StreamSeeding.streamSeed(run: seed, stream: UInt64(index)), threads: threads)
            let prediction = try Predictor.predict(point.problem)
            let result = try EscapeSimulation.run(point.problem, options)
            rows.append(ComparisonRow(label: point.label, problem: point.problem, result: result,
                                      prediction: prediction, allowance: point.allowance, purpose: point.purpose.rawValue))
        }
        return rows
    }
}
