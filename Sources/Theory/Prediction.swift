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

    /// Exact MFPT from the start minimum to the escape point (docs/theory.md §3); nil if it overflows.
    public let exactTime: Double?
    public let exactSteps: Double?
    public let logExactTime: Double
    /// The quadrature's relative error estimate for exactTime.
    public let exactRelativeError: Double
    /// Generalized Kramers (docs/theory.md §4); nil when the escape point lies before the saddle.
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
    /// The escape-time scaling law (p, s, ΔΦ by formula) when C = H/B and P = κC^α.
    public let exponent: ScalingExponent?
    /// Momentum only: the underdamped Kramers factor (|H_b|/γ)/λ_b ≥ 1 by which inertia
    /// lengthens the overdamped escape time (Kramers 1940, spatial-diffusion regime).
    public let underdampedFactor: Double?
    /// Scheduled DualAdam only: the quasi-static hazard prediction (docs/theory.md §7).
    public let hazard: DualAdamHazard?
    /// Discrete Adam-type rules only: the limit in which v̂ (memory 1/(1 − β2) steps) keeps
    /// its basin value while the walker crosses, P ≡ P(C_a).
    public let frozenPreconditioner: FrozenPreconditionerPrediction?
    /// The prediction a measurement is compared with, and what it is: the exact MFPT; for
    /// momentum the overdamped exact MFPT × ``underdampedFactor``; for scheduled DualAdam
    /// the hazard's mean.
    public internal(set) var referenceTime: Double?
    public internal(set) var referenceSteps: Double?
    /// ln referenceTime (finite where the time overflows a Double).
    public internal(set) var logReferenceTime: Double
    public internal(set) var reference: String
    /// §4's diagnostics of whether the SDE describes the discrete iteration.
    public let validity: ValidityDiagnostics
    public var notes: [String]
    /// Rough landscapes: Zwanzig's prediction on the smooth landscape's τ (docs/theory.md §9).
    public var zwanzig: ZwanzigPrediction? = nil
    /// Loss-proportional noise with a constant preconditioner: the power law in L_saddle/L_min
    /// and the Arrhenius form beside it (docs/theory.md §13).
    public var powerLaw: PowerLawPrediction? = nil
    /// A learning-rate schedule: its quasi-static hazard (docs/theory.md §14).
    public var scheduleHazard: LearningRateHazard? = nil
    /// α-stable noise with α < 2: Imkeller & Pavlyukevich's jump law, the reference (§15).
    public var jumpEscape: JumpEscapePrediction? = nil

    /// The hazard of a time-inhomogeneous run — scheduled DualAdam's or a learning-rate
    /// schedule's — against which the escaped fraction and the survival curve are checked.
    public var quasiStaticHazard: (any QuasiStaticHazard)? { hazard ?? scheduleHazard }
}

/// Zwanzig (PNAS 85, 2029, 1988): a Gaussian random field of SD ε on a landscape at effective
/// temperature T slows diffusion by ⟨e^{V/T}⟩⟨e^{−V/T}⟩ = e^{(ε/T)²}, so
///
///     τ_rough ≈ τ_smooth · e^{(ε/T)²},     T = D/P = ηPσ²/2 (isotropic noise, constant P),
///
/// valid when the correlation length ℓ is small against the widths of the well and the saddle
/// region (many independent wiggles are averaged) — a single realisation scatters around it by
/// roughly √(ℓ/width)·(e^{(ε/T)²} − 1)·τ_smooth.
public struct ZwanzigPrediction: Sendable, Equatable, Codable {
    public let amplitude: Double
    public let correlation: Double
    public let temperature: Double
    /// (ε/T)².
    public let exponent: Double
    public let factor: Double
    /// The exact MFPT of the smooth landscape, and × factor.
    public let smoothTime: Double?
    public let time: Double?
}

/// Computes the ``Prediction`` of an escape problem.
public enum Predictor {
    public static func predict(_ problem: EscapeProblem) throws -> Prediction {
        do {
            var prediction = try problem.withReducedSDE(PredictionVisitor(problem: problem))
            if let rough = problem.landscape.landscape as? RoughLandscape, let s2 = (problem.noise.model as? IsotropicNoiseModel)?.sigma2 {
                let smooth = try predict(try problem.with(landscape: rough.base))
                let temperature = problem.learningRate * prediction.preconditionerAtMinimum * s2 / 2
                let ratio = rough.field.amplitude / temperature
                let factor = exp(ratio * ratio)
                prediction.notes.append("rough landscape: exactTime is the exact MFPT of the rough potential itself; kramersTime uses the rough curvatures at the smooth landscape's critical points and is not meaningful here — compare zwanzig.time (Zwanzig's factor on the smooth τ)")
                prediction.zwanzig = ZwanzigPrediction(
                    amplitude: rough.field.amplitude, correlation: rough.field.correlation, temperature: temperature,
                    exponent: ratio * ratio, factor: factor, smoothTime: smooth.exactTime, time: smooth.exactTime.map { $0 * factor })
            }
            return prediction
        } catch let error as GSLError {
            // Extreme inputs (ε ≫ √C, a vanishing diffusion) make Φ′ = P·L′/D under- or
            // overflow; say so as bad input rather than as a numerical failure.
            throw InvalidParameter("problem", given: "\(problem.landscape.landscape.spec) with lr \(Validate.format(problem.learningRate)), noise \(problem.noise.name): the effective potential cannot be integrated (\(error))",
                                   allowed: "parameters for which Φ′ = P·L′/D is finite and does not vanish on the escape path (check extreme lr, noise level, eps or dt)")
        }
    }
}

struct PredictionVisitor: ReducedSDEVisitor {
    let problem: EscapeProblem

    func visit<L: Landscape1D, N: GradientNoise1D, P: Preconditioner1D>(_ sde: ReducedSDE<L, N, P>) throws -> Prediction {
        let g = problem.geometry
        let a = g.start, b = g.saddle, c = g.nextMinimum
        let eta = problem.learningRate, settings = problem.settings
        let times = try EscapeTimes(sde, g)
        let exact = times.exact
        let deltaPhi = times.effectiveBarrier
        var notes: [String] = []
        // Kramers is the time to get well past the saddle: halved at the saddle, void before it.
        var logKramers: Double?
        if g.target > b.x {
            logKramers = times.kramers.logTime
        } else if g.target == b.x {
            logKramers = times.kramers.logTime - log(2)
            notes.append("escape point is the saddle: Kramers time halved (half of the Laplace integral)")
        } else {
            notes.append("escape point lies before the saddle: Kramers does not apply; use exactTime")
        }
        if let known = sde.landscape.knownRange {
            let behind = exact.weightFraction(below: known.lowerBound)
            if behind > 1e-3 {
                notes.append("table: \(String(format: "%.2g", 100 * behind))% of the stationary weight behind the start lies beyond the table's rows, where L and C are extrapolated (L as a quadratic, C constant): exactTime depends on that extrapolation by up to about as much; extend the profile behind the start")
            }
            if g.target > known.upperBound {
                notes.append("table: the escape point lies beyond the table's rows, where L is extrapolated; extend the profile past the next minimum")
            }
        }
        if deltaPhi < 5 {
            notes.append("effective barrier ΔΦ = \(String(format: "%.3g", deltaPhi)) < 5: Kramers' relative error O(1/ΔΦ) is large")
        }
        var logReference = exact.logTime
        var reference = "exactTime"
        var underdampedFactor: Double?
        var hazard: DualAdamHazard?
        var scans = [ValidityDiagnostics.PathScan(sde, g)]
        if problem.optimizer.dynamics == .underdamped {
            let langevin = UnderdampedLangevin(landscape: sde.landscape, noise: sde.noise, learningRate: eta, beta: settings.momentum)
            let factor = langevin.underdampedFactor(curvature: b.curvature)
            underdampedFactor = factor
            logKramers = logKramers.map { $0 + log(factor) }
            logReference += log(factor)
            reference = "exactTime × underdampedFactor"
            notes.append("momentum: exactTime is the overdamped limit (SGD with η/(1 − β) = \(String(format: "%.4g", eta / langevin.friction))); kramersTime and the reference include the underdamped factor \(String(format: "%.4g", factor)) (mass η, friction 1 − β); for state-dependent noise the underdamped stationary law is not e^{−Φ} and the prediction is heuristic")
        } else if problem.optimizer.isScheduled(settings) {
            let epsilon = settings.epsilon
            let h = try DualAdamHazard(
                switchRate: settings.switchRate, learningRate: eta,
                denominatorAtMinimum: sde.noise.variance(at: a.x).squareRoot() + epsilon) { r in
                    let frozen = ReducedSDE(landscape: sde.landscape, noise: sde.noise,
                                            preconditioner: BlendPreconditioner(blend: r, epsilon: epsilon), learningRate: eta)
                    return try EscapeTimes(frozen, g).exact.time ?? .infinity
                }
            hazard = h
            if let t = h.meanTime { logReference = log(t) } else { logReference = .infinity }
            reference = "hazard.meanTime"
            scans.append(ValidityDiagnostics.PathScan(
                ReducedSDE(landscape: sde.landscape, noise: sde.noise,
                           preconditioner: BlendPreconditioner(blend: 1, epsilon: epsilon), learningRate: eta), g))
            notes.append("dualadam: exactTime and kramersTime are Adam's (r = 0, after the switch at step \(h.switchStep)); the reference is the quasi-static hazard's mean; the inverse term dominates through step \(h.inverseDominatesThroughStep)")
        }
        let validity = ValidityDiagnostics(scans, geometry: g, effectiveBarrier: deltaPhi)
        var frozen: FrozenPreconditionerPrediction?
        if case .discrete = problem.model, problem.optimizer.takes(.beta2), hazard == nil {
            frozen = try FrozenPreconditionerPrediction(sde, geometry: g, settings: settings)
        }
        if case .sde(let integrator, _) = problem.model, validity.maxDiffusivityJump > 1.5 {
            let jump = "D jumps ×\(String(format: "%.3g", validity.maxDiffusivityJump)) at a breakpoint on the path"
            if integrator.scheme?.crossesJumpsExactly ?? true {  // auto takes the skew-euler step there
                notes.append("\(jump): the skew-euler step crosses it exactly in law (docs/integrators.md §2)")
            } else {
                notes.append("\(jump): \(integrator.rawValue) is biased there by O(√dt) (\(DiffusionInterface.measuredEulerBias)); the default integrator (auto → skew-euler) is not")
            }
        }
        if case .discrete = problem.model {
            notes.append("discrete iteration: these are the predictions of its SDE limit (η → 0); it departs from them as η·P·|L″| and the per-step noise grow")
            notes += validity.warnings
            if problem.optimizer.takes(.beta2) {
                let memory = 1 / (1 - settings.beta2), relaxation = validity.relaxationSteps
                notes.append("discrete \(problem.optimizer.rawValue): the SDE takes β1 = 0 and v̂ = C(θ) locally; with β2 = \(settings.beta2) v̂ averages g² over ≈ \(String(format: "%.3g", memory)) steps against a relaxation time of \(String(format: "%.3g", relaxation)) steps" + (memory > relaxation ? ", so P stays near its basin value while the walker crosses: see frozenPreconditioner" : ""))
                let momentumScale = relaxation > 0 ? (1 / (1 - settings.beta1)) / relaxation : 0
                if problem.optimizer.takes(.beta1), momentumScale > ValidityDiagnostics.stepCurvatureLimit {
                    notes.append("β1 = \(settings.beta1) averages the gradient over \(String(format: "%.3g", 1 / (1 - settings.beta1))) steps, \(String(format: "%.2g", momentumScale)) of the relaxation time (> \(ValidityDiagnostics.stepCurvatureLimit)): the iteration is inertial and departs from the β1 = 0 SDE")
                }
            }
        }
        let exactTime = exact.time
        let kramersTime = logKramers.flatMap { $0 < 709 ? exp($0) : nil }
        let referenceTime = logReference < 709 ? exp(logReference) : nil
        func point(_ p: CriticalPoint1D) -> Prediction.Point {
            Prediction.Point(x: g.toLandscape(p.x), value: p.value, curvature: p.curvature)
        }
        var prediction = Prediction(
            exactTime: exactTime, exactSteps: exactTime.map { $0 / eta }, logExactTime: exact.logTime,
            exactRelativeError: exact.relativeError,
            kramersTime: kramersTime, kramersSteps: kramersTime.map { $0 / eta }, logKramersTime: logKramers,
            kramersOverExact: logKramers.map { exp($0 - exact.logTime) },
            effectiveBarrier: deltaPhi, barrier: g.barrier,
            minimum: point(a), saddle: point(b), nextMinimum: point(c),
            escapePoint: g.toLandscape(g.target), escapeTarget: g.targetRule.description,
            diffusivityAtMinimum: times.diffusivityAtMinimum, diffusivityAtSaddle: times.diffusivityAtSaddle,
            preconditionerAtMinimum: times.preconditionerAtMinimum, preconditionerAtSaddle: times.preconditionerAtSaddle,
            interpretation: type(of: sde).interpretation, exponent: ScalingExponent(sde, noise: problem.noise, geometry: g),
            underdampedFactor: underdampedFactor, hazard: hazard, frozenPreconditioner: frozen,
            referenceTime: referenceTime, referenceSteps: referenceTime.map { $0 / eta }, logReferenceTime: logReference,
            reference: reference,
            validity: validity, notes: notes)
        if let loss = problem.noise.model as? LossNoiseModel, problem.optimizer.hasConstantPreconditioner,
           problem.optimizer.dynamics == .overdamped, g.target >= b.x {
            prediction.powerLaw = PowerLawPrediction(
                batch: loss.batch, preconditioner: times.preconditionerAtMinimum, learningRate: eta, lossAtMinimum: a.value,
                lossAtSaddle: b.value, curvatureAtMinimum: a.curvature, curvatureAtSaddle: b.curvature,
                escapeAtSaddle: g.target == b.x)
        }
        if let stable = problem.stableNoise {
            let c2 = Validate.format(2 * stable.scale * stable.scale)
            if stable.alpha < 2 {
                // The heavy ball's buffer spreads a kick while the well pulls back: its threshold from the rule itself.
                let kick: Double? = problem.optimizer == .momentum
                    ? JumpEscapePrediction.smallestEscapingKick(landscape: sde.landscape, rule: HeavyBallIteration(learningRate: eta, beta: settings.momentum),
                                                                start: a.x, target: g.target, horizon: 1000 + Int(100 * validity.relaxationSteps))
                    : nil
                let jump = try JumpEscapePrediction(
                    alpha: stable.alpha, scale: stable.scale, learningRate: eta, preconditioner: times.preconditionerAtMinimum,
                    width: min(b.x, g.target) - a.x, relaxationSteps: validity.relaxationSteps, barrier: g.barrier, kick: kick,
                    memorySteps: problem.optimizer == .momentum ? 1 / (1 - settings.momentum) : nil) { sigma2 in
                        try EscapeTimes(ReducedSDE(landscape: sde.landscape, noise: IsotropicNoise(sigma2: sigma2),
                                                   preconditioner: sde.preconditioner, learningRate: eta), g).exact.logTime
                    }
                prediction.jumpEscape = jump
                prediction.logReferenceTime = log(jump.meanTime)
                prediction.referenceTime = jump.meanTime
                prediction.referenceSteps = jump.meanSteps
                prediction.reference = "jumpEscape.meanTime"
                prediction.notes.append("alpha-stable α = \(Validate.format(stable.alpha)): exactTime and kramersTime are those of its Gaussian member (σ² = 2c² = \(c2), what α = 2 is); the reference is Imkeller & Pavlyukevich's law for the first jump past the saddle, independent of ΔL"
                    + (problem.optimizer == .momentum ? " (for the heavy ball: the smallest kick whose noise-free continuation escapes; the underdamped factor does not enter it)" : "")
                    + (jump.isValid ? "" : "; its validity condition FAILS: \(jump.condition)"))
            } else {
                prediction.notes.append("alpha-stable at α = 2 is isotropic Gaussian noise of σ² = 2c² = \(c2): the exact MFPT applies")
            }
        }
        if !problem.schedule.isConstant {
            let h = try LearningRateHazard(schedule: problem.schedule, learningRate: eta,
                                           relaxationSteps: validity.relaxationSteps) { rate in
                try EscapeTimes(sde.at(learningRate: rate), g).exact.logTime
            }
            prediction.scheduleHazard = h
            let logMean = h.meanTime.map(log) ?? .infinity
            prediction.logReferenceTime = logMean
            prediction.referenceTime = logMean < 709 ? exp(logMean) : nil
            prediction.referenceSteps = prediction.referenceTime.map { $0 / eta }
            prediction.reference = "scheduleHazard.meanTime"
            var note = "lr-schedule \(problem.schedule): exactTime and kramersTime are at the first rate η = \(Validate.format(eta)); the reference is the quasi-static hazard's mean over the schedule (steps, times η)"
            if let never = h.neverEscapes {
                note += "; the rate falls so far that a fraction \(String(format: "%.3g", never)) never escapes, so the mean is infinite: compare the escaped fraction by step \(h.horizonStep)"
            }
            if h.adiabaticity > 0.1 {
                note += "; the relaxation time is \(String(format: "%.2g", h.adiabaticity)) of the steps over which η changes (> 0.1): the quasi-static hazard is approximate"
            }
            prediction.notes.append(note)
        }
        return prediction
    }
}
