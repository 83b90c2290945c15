import Dynamics
import Landscapes
import NumericKit

/// The mean escape time of a 1-D problem by adaptive multilevel splitting and the loop
/// decomposition (``SplittingEscapeTime``; docs/rare-events.md): the reduced SDE with the same
/// scheme, step-size profile, escape point and Brownian-bridge test as brute force
/// (``EscapeSimulation``), momentum's underdamped SDE with its velocity (``UnderdampedChain``),
/// or the optimizer's own iteration with its moments (``IterationChain``);
/// levels in units of the well's width w = √(g²/(2k)) at the start minimum (k = −μ′ there: the
/// local Ornstein–Uhlenbeck standard deviation).
public enum EscapeSplitting {
    public struct Options: Sendable, Equatable {
        /// N, k, runs and loops per run of ``SplittingEscapeTime/Settings``.
        public var replicas = 100
        public var killed = 1
        public var runs = 100
        public var loops = 200
        /// Home A and the entrance Σ, in well widths above the minimum.
        public var home = 0.5
        public var entrance = 2.0
        public var seed: UInt64 = 1
        public var threads: Int?
        public var generator: RandomGenerator = .mt19937

        public init() {}

        /// Refuses sizes and levels out of range, naming the option.
        public func validate() throws(InvalidParameter) {
            guard (2...100_000).contains(replicas) else { throw InvalidParameter("replicas", given: "\(replicas)", allowed: "a whole number in 2…100000") }
            guard killed >= 1, killed < replicas else {
                throw InvalidParameter("killed", given: "\(killed)", allowed: "a whole number in 1…\(replicas - 1) (below --replicas)")
            }
            guard (2...100_000).contains(runs) else { throw InvalidParameter("splitting-runs", given: "\(runs)", allowed: "a whole number in 2…100000") }
            guard (1...1_000_000).contains(loops) else { throw InvalidParameter("loops", given: "\(loops)", allowed: "a whole number in 1…1000000") }
            guard home.isFinite, home >= 0 else { throw InvalidParameter("home-width", given: "\(home)", allowed: "a number of well widths ≥ 0") }
            guard entrance.isFinite, entrance > home else {
                throw InvalidParameter("entrance-width", given: "\(entrance)", allowed: "a number of well widths above --home-width (\(home))")
            }
            if let threads, threads < 1 { throw InvalidParameter("threads", given: "\(threads)", allowed: "a whole number ≥ 1") }
        }
    }

    /// The estimate in SDE time (the chain's nominal steps × dt), with what it ran on.
    public struct Result: Sendable, Codable {
        public let estimate: SplittingEscapeTime
        /// τ, its SE and 95% CI in SDE time (t = steps·dt for the SDE).
        public let meanTime: Double
        public let standardError: Double
        public let ci95: [Double]
        /// SDE time per chain step: the SDE's nominal dt, or η for the discrete iteration.
        public let dt: Double
        /// The SDE's scheme, or "discrete".
        public let integrator: String
        /// The well width w and the levels in the landscape's coordinate (home, entrance, target).
        public let wellWidth: Double
        public let levels: [Double]
    }

    /// The SDE's integrator (nil for the discrete iteration); refuses what splitting does not
    /// run (``checkDynamics(optimizer:settings:model:)``). Momentum's underdamped SDE runs as
    /// ``UnderdampedChain``.
    @discardableResult
    public static func check(_ problem: EscapeProblem) throws(InvalidParameter) -> IntegratorKind? {
        guard problem.schedule.isConstant else {
            throw InvalidParameter("method", given: "ams with --lr-schedule \(problem.schedule)",
                                   allowed: "brute for a schedule (escape is time-inhomogeneous; the loop decomposition needs a chain that renews in the basin), or a constant learning rate")
        }
        guard problem.stableNoise == nil else {
            throw InvalidParameter("method", given: "ams with --noise alpha-stable",
                                   allowed: "brute for α-stable noise (the splitting chains step with Gaussian increments)")
        }
        return try checkDynamics(optimizer: problem.optimizer, settings: problem.settings, model: problem.model)
    }

    /// The SDE's integrator (nil for the discrete iteration), in 1-D and d dimensions; refuses
    /// scheduled DualAdam, whose schedule makes escape time-inhomogeneous (the loop
    /// decomposition needs a chain that renews in the basin).
    public static func checkDynamics(optimizer: OptimizerKind, settings: OptimizerSettings,
                                     model: DynamicsModel) throws(InvalidParameter) -> IntegratorKind? {
        switch model {
        case .discrete:
            guard !optimizer.isScheduled(settings) else {
                throw InvalidParameter("method", given: "ams with scheduled --optimizer \(optimizer.rawValue)",
                                       allowed: "brute for a schedule (escape is time-inhomogeneous; the loop decomposition needs a chain that renews in the basin), or a held --blend")
            }
            return nil
        case .sde(let kind, _):
            return kind
        }
    }

    public static func run(_ problem: EscapeProblem, _ options: Options) throws -> Result {
        try options.validate()
        let kind = try check(problem)
        return try problem.withReducedSDE(SplittingVisitor(problem: problem, options: options, kind: kind))
    }

    /// Runs splitting on `chain` from `start` with the levels of `levels`; times in SDE time
    /// (the chain's time × `timePerStep`). A run too small to see an escape (every run's p̂ = 0,
    /// so τ = ∞) is refused rather than reported.
    static func estimate<State>(_ chain: AnySplittableChain<State>, from start: State, levels: SplittingLevels, options: Options,
                                timePerStep dt: Double, integrator: String) throws -> Result {
        var settings = levels.settings
        settings.replicas = options.replicas
        settings.killed = options.killed
        settings.runs = options.runs
        settings.loops = options.loops
        settings.threads = options.threads
        let estimate = try SplittingEscapeTime.estimate(chain, from: start, settings: settings, seed: options.seed) {
            [generator = options.generator] in AnyRandomSource(generator: generator, seed: $0)
        }
        guard estimate.probability > 0 else {
            throw InvalidParameter("splitting-runs", given: "\(options.runs) runs of \(options.replicas) replicas, none of which reached the escape point (p = 0)",
                                   allowed: "more --replicas or --splitting-runs: τ cannot be measured from p = 0")
        }
        guard estimate.meanTime.isFinite, estimate.standardError.isFinite, estimate.bruteForceSteps.isFinite else {
            throw InvalidParameter("method", given: "ams where p = \(estimate.probability) makes τ or its error bar exceed double precision",
                                   allowed: "a lower barrier (a larger --sigma2, --lr or batch): τ beyond 10³⁰⁸ cannot be reported")
        }
        let se = estimate.standardError * dt
        let tau = estimate.meanTime * dt
        return Result(estimate: estimate, meanTime: tau, standardError: se, ci95: [tau - 1.96 * se, tau + 1.96 * se],
                      dt: dt, integrator: integrator, wellWidth: levels.width, levels: levels.inLandscape)
    }
}

/// Home, entrance and target of a problem in the coordinate the walkers move in (towards larger
/// x; in d dimensions the escape coordinate s), from the well width w = √(g²/(2k)) at the start
/// minimum, k = −μ′ there by a central difference: the local Ornstein–Uhlenbeck standard
/// deviation of the reduced SDE — of the discrete iteration too, whose fluctuations in the
/// basin it describes.
struct SplittingLevels {
    let width: Double
    let settings: SplittingEscapeTime.Settings
    /// home, entrance, target in the landscape's coordinate.
    let inLandscape: [Double]

    /// From the slope k of the drift and the noise coefficient g at the start `x`, in the
    /// walkers' coordinate; `toLandscape` maps a level back.
    init(slope k: Double, noise: Double, start x: Double, target: Double, options: EscapeSplitting.Options,
         toLandscape: (Double) -> Double) throws(InvalidParameter) {
        guard k > 0, noise > 0, k.isFinite, noise.isFinite else {
            throw InvalidParameter("method", given: "ams at a start with drift slope \(k) and noise \(noise)", allowed: "a minimum with curvature and noise")
        }
        width = (noise * noise / (2 * k)).squareRoot()
        settings = SplittingEscapeTime.Settings(home: x + options.home * width, entrance: x + options.entrance * width, target: target)
        guard settings.entrance < target else {
            throw InvalidParameter("entrance-width", given: "\(options.entrance) (past the escape point)", allowed: "fewer well widths: a level below the escape point")
        }
        inLandscape = [settings.home, settings.entrance, settings.target].map(toLandscape)
    }

    init<L: Landscape1D, N: GradientNoise1D, P: Preconditioner1D>(_ sde: ReducedSDE<L, N, P>, problem: EscapeProblem,
                                                                   options: EscapeSplitting.Options) throws {
        let g = problem.geometry
        let x = g.start.x
        let h = 1e-5 * max(1, abs(x))
        let k = -(sde.drift(x + h) - sde.drift(x - h)) / (2 * h)
        try self.init(slope: k, noise: sde.diffusion(x), start: x, target: g.target, options: options, toLandscape: g.toLandscape)
    }
}

/// Receives the problem's reduced SDE: the levels, then the SDE's scheme or the discrete iteration.
struct SplittingVisitor: ReducedSDEVisitor {
    let problem: EscapeProblem
    let options: EscapeSplitting.Options
    /// The SDE's integrator; nil: the discrete iteration.
    let kind: IntegratorKind?

    func visit<L: Landscape1D, N: GradientNoise1D, P: Preconditioner1D>(_ sde: ReducedSDE<L, N, P>) throws -> EscapeSplitting.Result {
        let levels = try SplittingLevels(sde, problem: problem, options: options)
        guard let kind else {
            return try problem.withIteration(IterationSplitting(problem: problem, options: options, levels: levels,
                                                                landscape: sde.landscape, noise: sde.noise))
        }
        let dt = try TimeStepVisitor(problem: problem).visit(sde)
        if problem.optimizer.dynamics == .underdamped {
            // Momentum's underdamped SDE: state (θ, u), from rest at the minimum as brute force starts.
            let chain = UnderdampedChain<L, N, AnyRandomSource>(sde: TimeStepVisitor.langevin(sde, problem), dt: dt)
            return try EscapeSplitting.estimate(AnySplittableChain(chain), from: UnderdampedChainState(theta: problem.geometry.start.x),
                                                levels: levels, options: options, timePerStep: dt, integrator: "symplectic-euler")
        }
        return try SchemeChoice.with(sde, kind: kind, span: problem.geometry.pathSpan, dt: dt,
                                     SplittingScheme(problem: problem, options: options, levels: levels, sde: sde, dt: dt))
    }
}

/// The reduced SDE with its scheme and step profile as one erased chain (``SteppedSDEChain``).
struct SplittingScheme<L: Landscape1D, N: GradientNoise1D, P: Preconditioner1D>: SteppedSchemeVisitor {
    let problem: EscapeProblem
    let options: EscapeSplitting.Options
    let levels: SplittingLevels
    let sde: ReducedSDE<L, N, P>
    let dt: Double

    /// The grid loop is the stepped chain on a uniform profile (splitting is not step-bound).
    func visitUniform<I: SDEIntegrator>(_ integrator: I, dt: Double) throws -> EscapeSplitting.Result {
        try visit(integrator, profile: StepSizeProfile(uniform: dt))
    }

    func visit<I: SDEIntegrator>(_ integrator: I, profile: StepSizeProfile) throws -> EscapeSplitting.Result {
        // One chain type for every SDE and scheme, drawing from either engine: the splitting
        // loop is compiled once (the step stays specialised inside the closure).
        let chain = AnySplittableChain(SteppedSDEChain<ReducedSDE<L, N, P>, I, AnyRandomSource>(
            sde: sde, integrator: integrator, profile: profile, target: problem.geometry.target))
        return try EscapeSplitting.estimate(chain, from: ScalarChainState(x: problem.geometry.start.x), levels: levels, options: options,
                                            timePerStep: dt, integrator: I.name)
    }
}

/// The optimizer's own iteration (``IterationChain``), its state reset at the start minimum;
/// one step is η of SDE time.
struct IterationSplitting<L: Landscape1D, N: GradientNoise1D>: OptimizerIterationVisitor {
    let problem: EscapeProblem
    let options: EscapeSplitting.Options
    let levels: SplittingLevels
    let landscape: L
    let noise: N

    func visit<O: OptimizerIteration1D>(_ optimizer: O) throws -> EscapeSplitting.Result {
        let chain = IterationChain<L, N, O, AnyRandomSource>(iteration: NoisyIteration(landscape: landscape, noise: noise, optimizer: optimizer))
        return try EscapeSplitting.estimate(AnySplittableChain(chain), from: chain.start(at: problem.geometry.start.x), levels: levels,
                                            options: options, timePerStep: problem.learningRate, integrator: "discrete")
    }
}
