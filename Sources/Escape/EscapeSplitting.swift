import Dynamics
import Landscapes
import NumericKit

/// The mean escape time of a 1-D problem's reduced SDE by adaptive multilevel splitting and
/// the loop decomposition (``SplittingEscapeTime``; docs/rare-events.md): the same SDE, scheme,
/// step-size profile, escape point and Brownian-bridge test as brute force
/// (``EscapeSimulation``), with levels in units of the well's width w = √(g²/(2k)) at the
/// start minimum (k = −μ′ there: the local Ornstein–Uhlenbeck standard deviation).
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
        public let dt: Double
        public let integrator: String
        /// The well width w and the levels in the landscape's coordinate (home, entrance, target).
        public let wellWidth: Double
        public let levels: [Double]
    }

    /// The SDE's integrator; refuses what splitting does not run yet: the discrete iterations
    /// and the underdamped SDE.
    @discardableResult
    public static func check(_ problem: EscapeProblem) throws(InvalidParameter) -> IntegratorKind {
        guard case .sde(let kind, _) = problem.model else {
            throw InvalidParameter("method", given: "ams with --model discrete",
                                   allowed: "brute for the optimizer's own iteration (splitting runs the reduced SDE for now)")
        }
        guard problem.optimizer.dynamics == .overdamped else {
            throw InvalidParameter("method", given: "ams with --optimizer \(problem.optimizer.rawValue)",
                                   allowed: "brute for underdamped dynamics (splitting runs overdamped reduced SDEs for now)")
        }
        return kind
    }

    public static func run(_ problem: EscapeProblem, _ options: Options) throws -> Result {
        try options.validate()
        try check(problem)
        return try problem.withReducedSDE(SplittingVisitor(problem: problem, options: options))
    }
}

struct SplittingVisitor: ReducedSDEVisitor {
    let problem: EscapeProblem
    let options: EscapeSplitting.Options

    func visit<L: Landscape1D, N: GradientNoise1D, P: Preconditioner1D>(_ sde: ReducedSDE<L, N, P>) throws -> EscapeSplitting.Result {
        let kind = try EscapeSplitting.check(problem)
        let dt = try TimeStepVisitor(problem: problem).visit(sde)
        return try SchemeChoice.with(sde, kind: kind, span: problem.geometry.pathSpan, dt: dt, SplittingScheme(problem: problem, options: options, sde: sde, dt: dt))
    }
}

struct SplittingScheme<L: Landscape1D, N: GradientNoise1D, P: Preconditioner1D>: SteppedSchemeVisitor {
    let problem: EscapeProblem
    let options: EscapeSplitting.Options
    let sde: ReducedSDE<L, N, P>
    let dt: Double

    func visit<I: SDEIntegrator>(_ integrator: I, profile: StepSizeProfile) throws -> EscapeSplitting.Result {
        let g = problem.geometry
        let x = g.start.x
        // The local Ornstein–Uhlenbeck width: k = −μ′(x*) by a central difference, g(x*)².
        let h = 1e-5 * max(1, abs(x))
        let k = -(sde.drift(x + h) - sde.drift(x - h)) / (2 * h)
        let noise = sde.diffusion(x)
        guard k > 0, noise > 0, k.isFinite, noise.isFinite else {
            throw InvalidParameter("method", given: "ams at a start with drift slope \(k) and noise \(noise)", allowed: "a minimum with curvature and noise")
        }
        let width = (noise * noise / (2 * k)).squareRoot()
        var settings = SplittingEscapeTime.Settings(home: x + options.home * width, entrance: x + options.entrance * width, target: g.target)
        settings.replicas = options.replicas
        settings.killed = options.killed
        settings.runs = options.runs
        settings.loops = options.loops
        settings.threads = options.threads
        guard settings.entrance < g.target else {
            throw InvalidParameter("entrance-width", given: "\(options.entrance) (past the escape point)", allowed: "fewer well widths: a level below the escape point")
        }
        let chain = SteppedSDEChain(sde: sde, integrator: integrator, profile: profile, target: g.target)
        let start = SteppedSDEChain<ReducedSDE<L, N, P>, I>.State(x: x)
        let estimate = options.generator.isGSL
            ? try SplittingEscapeTime.estimate(chain, from: start, settings: settings, seed: options.seed) { [generator = options.generator] in
                RandomStream(generator: generator, seed: $0)
            }
            : try SplittingEscapeTime.estimate(chain, from: start, settings: settings, seed: options.seed) { FastRandomStream(seed: $0) }
        let se = estimate.standardError * dt
        let tau = estimate.meanTime * dt
        return EscapeSplitting.Result(estimate: estimate, meanTime: tau, standardError: se, ci95: [tau - 1.96 * se, tau + 1.96 * se],
                                      dt: dt, integrator: I.name, wellWidth: width,
                                      levels: [settings.home, settings.entrance, settings.target].map(g.toLandscape))
    }
}
