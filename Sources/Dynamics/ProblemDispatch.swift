import Landscapes
import NumericKit

/// Receives an escape problem's reduced SDE with every type concrete — landscape (already
/// oriented), noise model and preconditioner — so that what it runs is specialised.
///
/// For `momentum` the preconditioner is the overdamped limit P = 1/(1 − β) (the simulated
/// SDE is built from the same landscape and noise); for scheduled `dualadam` it is the
/// blend at r = 0, the dynamics after the switch.
public protocol ReducedSDEVisitor {
    associatedtype Output
    func visit<L: Landscape1D, N: GradientNoise1D, P: Preconditioner1D>(_ sde: ReducedSDE<L, N, P>) throws -> Output
}

extension EscapeProblem {
    /// Builds the problem's reduced SDE on the oriented landscape and hands it to `visitor`.
    /// The only place where the problem's enums become types: one switch per run, none per step.
    @inlinable
    public func withReducedSDE<V: ReducedSDEVisitor>(_ visitor: V) throws -> V.Output {
        try landscape.accept(NoiseStage(problem: self, visitor: visitor), mirrored: geometry.mirrored)
    }
}

@usableFromInline
struct NoiseStage<V: ReducedSDEVisitor>: Landscape1DVisitor {
    @usableFromInline let problem: EscapeProblem
    @usableFromInline let visitor: V

    @usableFromInline init(problem: EscapeProblem, visitor: V) { self.problem = problem; self.visitor = visitor }

    @inlinable
    func visit<L: Landscape1D>(_ landscape: L) throws -> V.Output {
        try problem.noise.withNoise1D(on: landscape, NoisePreconditionerStage(landscape: landscape, problem: problem, visitor: visitor))
    }
}

@usableFromInline
struct NoisePreconditionerStage<L: Landscape1D, V: ReducedSDEVisitor>: GradientNoise1DVisitor {
    @usableFromInline let landscape: L
    @usableFromInline let problem: EscapeProblem
    @usableFromInline let visitor: V

    @usableFromInline init(landscape: L, problem: EscapeProblem, visitor: V) {
        self.landscape = landscape; self.problem = problem; self.visitor = visitor
    }

    @inlinable
    func visit<N: GradientNoise1D>(_ noise: N) throws -> V.Output {
        try problem.optimizer.withPreconditioner(settings: problem.settings,
                                                 SDEStage(landscape: landscape, noise: noise, problem: problem, visitor: visitor))
    }
}

@usableFromInline
struct SDEStage<L: Landscape1D, N: GradientNoise1D, V: ReducedSDEVisitor>: PreconditionerVisitor {
    @usableFromInline let landscape: L
    @usableFromInline let noise: N
    @usableFromInline let problem: EscapeProblem
    @usableFromInline let visitor: V

    @usableFromInline init(landscape: L, noise: N, problem: EscapeProblem, visitor: V) {
        self.landscape = landscape; self.noise = noise; self.problem = problem; self.visitor = visitor
    }

    @inlinable
    func visit<P: Preconditioner1D>(_ preconditioner: P) throws -> V.Output {
        try visitor.visit(ReducedSDE(landscape: landscape, noise: noise, preconditioner: preconditioner,
                                     learningRate: problem.learningRate))
    }
}

extension ReducedSDE {
    /// The relaxation rate |dμ/dx| = P·|L″| at x, exact at critical points (where L′ = 0).
    public func relaxationRate(at x: Double) -> Double {
        preconditioning(x) * abs(landscape.secondDerivative(x))
    }

    /// The default SDE step: 0.01 over the fastest relaxation rate at the start minimum,
    /// the saddle and the next minimum.
    public func defaultTimeStep(_ geometry: EscapeGeometry) -> Double {
        let rates = [geometry.start.x, geometry.saddle.x, geometry.nextMinimum.x].map(relaxationRate(at:))
        return 0.01 / rates.max()!
    }
}

/// Receives a d-dimensional problem's diffusion with every type concrete — landscape family,
/// noise model and preconditioner — so that what it runs is specialised.
public protocol DiffusionNDVisitor {
    associatedtype Output
    func visit<L: LandscapeND, N: GradientNoiseND, P: Preconditioner1D>(_ diffusion: DiffusionND<L, N, P>) throws -> Output
}

extension EscapeProblemND {
    /// Builds the problem's ``DiffusionND`` with `preconditioner` and hands it to `visitor`: the
    /// only place where the d-dimensional problem's landscape and noise become types — one
    /// dispatch per run, none per step.
    @inlinable
    public func withDiffusion<P: Preconditioner1D, V: DiffusionNDVisitor>(preconditioner: P, _ visitor: V) throws -> V.Output {
        try landscape.accept(DiffusionLandscapeStage(problem: self, preconditioner: preconditioner, visitor: visitor))
    }
}

@usableFromInline
struct DiffusionLandscapeStage<P: Preconditioner1D, V: DiffusionNDVisitor>: LandscapeNDVisitor {
    @usableFromInline let problem: EscapeProblemND
    @usableFromInline let preconditioner: P
    @usableFromInline let visitor: V

    @usableFromInline init(problem: EscapeProblemND, preconditioner: P, visitor: V) {
        self.problem = problem; self.preconditioner = preconditioner; self.visitor = visitor
    }

    @inlinable
    func visit<L: LandscapeND>(_ landscape: L) throws -> V.Output {
        try problem.noise.withNoiseND(DiffusionNoiseStage(landscape: landscape, stage: self))
    }
}

@usableFromInline
struct DiffusionNoiseStage<L: LandscapeND, P: Preconditioner1D, V: DiffusionNDVisitor>: GradientNoiseNDVisitor {
    @usableFromInline let landscape: L
    @usableFromInline let stage: DiffusionLandscapeStage<P, V>

    @usableFromInline init(landscape: L, stage: DiffusionLandscapeStage<P, V>) { self.landscape = landscape; self.stage = stage }

    @inlinable
    func visit<N: GradientNoiseND>(_ noise: N) throws -> V.Output {
        let problem = stage.problem
        return try stage.visitor.visit(DiffusionND(landscape: landscape, noise: noise, preconditioner: stage.preconditioner,
                                                   form: problem.form, learningRate: problem.learningRate))
    }
}
