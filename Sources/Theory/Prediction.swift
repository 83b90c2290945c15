import Dynamics
import Foundation
import Landscapes
import NumericKit

/// Every prediction that applies to an ``EscapeProblem``, with its assumptions.
/// Times are SDE time t; steps are optimizer steps t/η.
public struct Prediction: Sendable, Equatable, Codable {
    /// A critical point, in the landscape's own coordinates.
    public struct Point: Sendable, Equatable, Codable {
        public let x: Double
        public let value: Double
        public let curvature: Double
    }

    /// Exact MFPT from the start minimum to the escape point (THEORY.md §3); nil if it overflows.
    public let exactTime: Double?
    public let exactSteps: Double?
    public let logExactTime: Double
    /// The quadrature's relative error estimate for exactTime.
    public let exactRelativeError: Double
    /// Generalized Kramers (THEORY.md §4); nil when the escape point lies before the saddle.
    public let kramersTime: Double?
    public let kramersSteps: Double?
    public let logKramersTime: Double?
    /// kramersTime / exactTime.
    public let kramersOverExact: Double?
    /// ΔΦ = Φ(saddle) − Φ(minimum).
    public let effectiveBarrier: Double
    /// ΔL = L(saddle) − L(minimum).
    public let barrier: Double
    public let minimum: Point
    public let saddle: Point
    public let nextMinimum: Point
    /// The escape point, in the landscape's coordinates, and the rule that chose it.
    public let escapePoint: Double
    public let escapeTarget: String
    /// Noise and preconditioner at the minimum and the saddle.
    public let diffusivityAtMinimum: Double
    public let diffusivityAtSaddle: Double
    public let preconditionerAtMinimum: Double
    public let preconditionerAtSaddle: Double
    public let interpretation: String
    public let notes: [String]
}

/// Computes the ``Prediction`` of an escape problem.
public enum Predictor {
    public static func predict(_ problem: EscapeProblem) throws -> Prediction {
        try problem.withReducedSDE(PredictionVisitor(problem: problem))
    }
}

struct PredictionVisitor: ReducedSDEVisitor {
    let problem: EscapeProblem

    func visit<L: Landscape1D, N: GradientNoise1D, P: Preconditioner1D>(_ sde: ReducedSDE<L, N, P>) throws -> Prediction {
        let g = problem.geometry
        let a = g.start, b = g.saddle, c = g.nextMinimum
        let eta = problem.learningRate
        let exact = try ExactMFPT(sde: sde, from: a.x, to: g.target, breakpoints: sde.breakpoints,
                                  criticalPoints: [a.x, b.x, c.x])
        let deltaPhi = try EffectivePotential(sde: sde, nodes: [a.x] + sde.breakpoints.filter { $0 > a.x && $0 < b.x } + [b.x]).values.last!
        let da = sde.diffusivity(a.x), db = sde.diffusivity(b.x)
        let kramersFull = KramersTime(effectiveBarrier: deltaPhi, diffusivityAtMinimum: da, diffusivityAtSaddle: db,
                                      rateAtMinimum: sde.relaxationRate(at: a.x), rateAtSaddle: sde.relaxationRate(at: b.x))
        var notes: [String] = []
        let logKramers: Double?
        if g.target > b.x {
            logKramers = kramersFull.logTime
        } else if g.target == b.x {
            logKramers = kramersFull.logTime - log(2)
            notes.append("escape point is the saddle: Kramers time halved (half of the Laplace integral)")
        } else {
            logKramers = nil
            notes.append("escape point lies before the saddle: Kramers does not apply; use exactTime")
        }
        if deltaPhi < 5 {
            notes.append("effective barrier ΔΦ = \(String(format: "%.3g", deltaPhi)) < 5: Kramers' relative error O(1/ΔΦ) is large")
        }
        if case .discrete = problem.model {
            notes.append("discrete iteration: these are the predictions of its SDE limit (η → 0); the iteration departs from them as η·P·|L″| grows")
        }
        let exactTime = exact.time
        let kramersTime = logKramers.flatMap { $0 < 709 ? exp($0) : nil }
        func point(_ p: CriticalPoint1D) -> Prediction.Point {
            Prediction.Point(x: g.toLandscape(p.x), value: p.value, curvature: p.curvature)
        }
        return Prediction(
            exactTime: exactTime, exactSteps: exactTime.map { $0 / eta }, logExactTime: exact.logTime,
            exactRelativeError: exact.relativeError,
            kramersTime: kramersTime, kramersSteps: kramersTime.map { $0 / eta }, logKramersTime: logKramers,
            kramersOverExact: logKramers.map { exp($0 - exact.logTime) },
            effectiveBarrier: deltaPhi, barrier: g.barrier,
            minimum: point(a), saddle: point(b), nextMinimum: point(c),
            escapePoint: g.toLandscape(g.target), escapeTarget: g.targetRule.description,
            diffusivityAtMinimum: da, diffusivityAtSaddle: db,
            preconditionerAtMinimum: sde.preconditioning(a.x), preconditionerAtSaddle: sde.preconditioning(b.x),
            interpretation: "Itô", notes: notes)
    }
}
