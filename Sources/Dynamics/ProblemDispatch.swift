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
        switch problem.noise {
        case .isotropic(let sigma2):
            try withPreconditioner(landscape, IsotropicNoise(sigma2: sigma2))
        case .hessian(let batch, let floor):
            try withPreconditioner(landscape, HessianNoise(landscape: landscape, batch: batch, floor: floor))
        case .frozen(let batch):
            try withPreconditioner(landscape, try FrozenNoise(landscape: landscape, batch: batch))
        }
    }

    @inlinable
    func withPreconditioner<L: Landscape1D, N: GradientNoise1D>(_ landscape: L, _ noise: N) throws -> V.Output {
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

extension FrozenNoise {
    /// The frozen noise of `landscape`: on each region between sign changes of L″ the
    /// variance is |L″|/B at the critical point inside that region.
    public init<L: Landscape1D>(landscape: L, batch: Double) throws(InvalidParameter) {
        let switches = landscape.curvatureSignChanges
        let bounds = [-Double.infinity] + switches + [Double.infinity]
        var levels: [Double] = []
        for k in 0..<(bounds.count - 1) {
            guard let point = landscape.criticalPoints.first(where: { $0.x > bounds[k] && $0.x < bounds[k + 1] }) else {
                throw InvalidParameter("noise", given: "frozen", allowed: "a landscape with one critical point between consecutive sign changes of L″")
            }
            levels.append(abs(point.curvature) / batch)
        }
        self.init(switches: switches, levels: levels)
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
