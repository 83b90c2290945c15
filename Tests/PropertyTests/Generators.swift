import Dynamics
import Foundation
import Landscapes
import PropertyBased
import Testing
import Theory

/// A generated 1-D escape problem. Its test description is the `escape` command that
/// reproduces it, so a failing (shrunk) case prints as a command line. Every number is
/// rounded to 3 significant digits before use, so the printed command is the case exactly.
struct EscapeCase: Sendable, CustomTestStringConvertible, CustomStringConvertible, CustomDebugStringConvertible {
    enum Family: Int, Sendable, CaseIterable { case pq, quartic }
    var family: Family
    /// pq: ha, hb, barrier, hc; quartic: barrier, a, tilt.
    var parameters: [Double]
    var optimizer: OptimizerKind
    var noise: NoiseKind
    /// σ² (isotropic) or B (hessian, frozen).
    var noiseLevel: Double
    /// δ of hessian noise; with loss noise the landscape's `floor=` (L at the minima).
    var floor: Double
    var learningRate: Double
    var from: StartSide = .left
    /// `--lr-schedule`, nil for a constant rate.
    var lrSchedule: String? = nil

    var landscape: String {
        let p = parameters.map(EscapeCase.text)
        let lossFloor = noise == .loss ? ",floor=\(Self.text(floor))" : ""
        switch family {
        case .pq: return "pq:ha=\(p[0]),hb=\(p[1]),barrier=\(p[2]),hc=\(p[3])" + lossFloor
        case .quartic: return "quartic:barrier=\(p[0]),a=\(p[1]),tilt=\(p[2])" + lossFloor
        }
    }

    var options: [String] {
        var o = ["--optimizer", optimizer.rawValue, "--noise", noise.rawValue, "--lr", Self.text(learningRate)]
        // The noise level is the model's first parameter (σ² or B); δ its floor where it takes one.
        let parameters = noise.model.parameters
        o += ["--\(parameters[0].rawValue)", Self.text(noiseLevel)]
        if parameters.contains(.noiseFloor) { o += ["--noise-floor", Self.text(floor)] }
        if from == .right { o += ["--from", "right"] }
        if let lrSchedule { o += ["--lr-schedule", lrSchedule] }
        return o
    }

    var testDescription: String { "escape predict '\(landscape)' " + options.joined(separator: " ") }
    // Tuples of inputs print their elements' descriptions: the command again.
    var description: String { testDescription }
    var debugDescription: String { testDescription }

    static func text(_ x: Double) -> String { String(format: "%.6g", x) }

    /// 3 significant digits.
    static func round3(_ x: Double) -> Double {
        guard x != 0, x.isFinite else { return x }
        let scale = pow(10, 2 - Foundation.floor(log10(abs(x))))
        return (x * scale).rounded() / scale
    }

    var problemDescription: ProblemDescription {
        var d = ProblemDescription(landscape: landscape)
        d.optimizer = optimizer
        d.noise = noise
        d.learningRate = learningRate
        for parameter in noise.model.parameters {
            let value = parameter == .noiseFloor ? floor : noiseLevel
            switch parameter {
            case .sigma2: d.sigma2 = value
            case .batch: d.batch = value
            case .noiseFloor: d.noiseFloor = value
            case .alpha, .scale: break   // alpha-stable is not generated (its law is not C's)
            }
        }
        d.from = from
        d.lrSchedule = lrSchedule
        return d
    }

    func problem() throws -> EscapeProblem { try problemDescription.oneDimensional() }
    func prediction() throws -> Prediction { try Predictor.predict(try problem()) }

    /// The same case with the learning rate set so that ΔΦ = `target` (ΔΦ ∝ 1/η for every
    /// reduced SDE here: D ∝ η, drift independent of η), rounded to 3 digits.
    func withEffectiveBarrier(_ target: Double) throws -> EscapeCase {
        var c = self
        c.learningRate = Self.round3(learningRate * (try prediction().effectiveBarrier) / target)
        return c
    }
}

enum Generators {
    static func number(_ range: ClosedRange<Double>) -> Generator<Double, Shrink.Floating<Double>> {
        Gen<Double>.value(in: range).map(EscapeCase.round3)
    }

    static func pick<T: Sendable>(_ values: [T]) -> Generator<T, Shrink.Integer<Int>> {
        Gen<Int>.int(in: 0...(values.count - 1)).map { values[$0] }
    }

    /// Landscapes: pq with H_a, H_c in [1, 16], H_b in [0.5, 8], ΔL in [0.05, 0.5]; quartic with
    /// ΔL in [0.1, 2], a in [0.5, 2], tilt within half its two-minimum limit.
    static func landscape(_ families: [EscapeCase.Family] = EscapeCase.Family.allCases)
        -> Generator<(EscapeCase.Family, [Double]), AnySequence<Any>> {
        zip(pick(families), number(1...16), number(0.5...8), number(0.05...0.5), number(1...16), number(-0.5...0.5))
            .map { t -> (EscapeCase.Family, [Double]) in
                switch t.0 {
                case .pq: return (.pq, [t.1, t.2, t.3, t.4])
                case .quartic:
                    let barrier = EscapeCase.round3(t.3 * 4), a = EscapeCase.round3(t.2 / 4 + 0.375)
                    let tilt = EscapeCase.round3(t.5 * QuarticLandscape.tiltLimit(barrier: barrier, a: a))
                    return (.quartic, [barrier, a, tilt])
                }
            }.eraseToAny()
    }

    /// Every registered optimizer with an autonomous overdamped reduced SDE (the registry's;
    /// momentum's underdamped SDE and scheduled DualAdam have their own tests).
    static let overdampedOptimizers = OptimizerKind.allCases.filter {
        $0.dynamics == .overdamped && !$0.isScheduled(OptimizerSettings())
    }

    /// Every registered Gaussian noise model that applies to the analytic families (a measured C
    /// needs a `table:` landscape's column; α-stable noise has its own tests).
    static let analyticNoises = NoiseKind.allCases.filter { !$0.model.needsMeasuredVariance && $0.model.isGaussian }

    /// A case over the given families, optimizers and noise models. Hessian noise on a quartic
    /// gets a floor δ ∈ [0.05, 1] (L″ vanishes on the path), on pq δ = 0. Loss noise gets a
    /// landscape floor in [1.05, 2]·ΔL, which keeps L > 0 at both minima of every generated
    /// quartic (the tilt moves them by at most 0.77·ΔL).
    static func escapeCase(families: [EscapeCase.Family] = EscapeCase.Family.allCases,
                           optimizers: [OptimizerKind] = overdampedOptimizers,
                           noises: [NoiseKind] = analyticNoises) -> Generator<EscapeCase, AnySequence<Any>> {
        zip(landscape(families), pick(optimizers), pick(noises), number(0.25...4), number(0.05...1), number(0.01...0.5))
            .map { t in
                EscapeCase(family: t.0.0, parameters: t.0.1, optimizer: t.1, noise: t.2, noiseLevel: t.3,
                           floor: t.2 == .hessian && t.0.0 == .quartic ? t.4
                               : t.2 == .loss ? EscapeCase.round3((1 + t.4) * t.0.1[t.0.0 == .pq ? 2 : 0]) : 0,
                           learningRate: t.5)
            }.eraseToAny()
    }
}
