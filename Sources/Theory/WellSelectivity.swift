import Dynamics
import Foundation

/// Which minimum an optimizer prefers (docs/theory.md §4): the escape time out of each of the two
/// minima, and
///
///     ln(τ_flat/τ_sharp) ≈ (2ΔL/η)·[(B/H_flat)^p − (B/H_sharp)^p]   (equal ΔL and s),
///
/// positive when the optimizer stays longer in the flat minimum. This — not absolute speed —
/// is what "InvAdam prefers flat minima" means quantitatively. Each τ is the prediction's
/// reference time (the exact MFPT, or its momentum / DualAdam counterpart).
public struct WellSelectivity: Sendable, Codable {
    public struct Row: Sendable, Codable {
        public let optimizer: String
        /// Reference escape times (SDE time) out of the left and the right minimum.
        public let leftTime: Double?
        public let rightTime: Double?
        public let leftSteps: Double?
        public let rightSteps: Double?
        /// ΔΦ out of each minimum.
        public let leftBarrier: Double
        public let rightBarrier: Double
        /// ln(τ_flat/τ_sharp), from the reference times' logarithms.
        public let logFlatOverSharp: Double
        /// ΔΦ_flat − ΔΦ_sharp: the exponential part of the above.
        public let barrierDifference: Double
        /// The same difference from the scaling-law formula, when it applies.
        public let formulaDifference: Double?
        /// p, when P is a power of C.
        public let p: Double?
    }

    /// The minimum with the smaller curvature (left on a tie).
    public let flatSide: StartSide
    public let flatCurvature: Double
    public let sharpCurvature: Double
    public let rows: [Row]

    /// The optimizers compared by default: every one whose prediction applies to `problem`.
    public static func optimizers(for problem: EscapeProblem) -> [OptimizerKind] {
        OptimizerKind.allCases.filter { kind in
            (!kind.isScheduled(problem.settings) || problem.model == .discrete)
                && (problem.stableNoise == nil
                    || (try? EscapeProblem.checkJumpDriven(optimizer: kind, model: problem.model, schedule: problem.schedule)) != nil)
        }
    }

    public init(problem: EscapeProblem, optimizers: [OptimizerKind]) throws {
        let left = try problem.with(side: .left), right = try problem.with(side: .right)
        let hl = left.geometry.start.curvature, hr = right.geometry.start.curvature
        let flatSide: StartSide = hr < hl ? .right : .left
        self.flatSide = flatSide
        flatCurvature = min(hl, hr)
        sharpCurvature = flatSide == .left ? hr : hl
        rows = try optimizers.map { kind in
            let pl = try Predictor.predict(try left.with(optimizer: kind))
            let pr = try Predictor.predict(try right.with(optimizer: kind))
            let (flat, sharp) = flatSide == .left ? (pl, pr) : (pr, pl)
            let formula: Double? = if let f = flat.exponent?.formulaBarrier, let s = sharp.exponent?.formulaBarrier { f - s } else { nil }
            return Row(optimizer: kind.rawValue, leftTime: pl.referenceTime, rightTime: pr.referenceTime,
                       leftSteps: pl.referenceSteps, rightSteps: pr.referenceSteps,
                       leftBarrier: pl.effectiveBarrier, rightBarrier: pr.effectiveBarrier,
                       logFlatOverSharp: flat.logReferenceTime - sharp.logReferenceTime,
                       barrierDifference: flat.effectiveBarrier - sharp.effectiveBarrier,
                       formulaDifference: formula, p: pl.exponent?.p)
        }
    }
}
