import Landscapes

/// The step a 1-D problem's simulation takes, without running anything: the requested dt, the
/// default (0.01 over the fastest relaxation rate; for momentum, its underdamped SDE's), or η
/// for the discrete iteration. Brute force (Escape) and splitting (RareEvents) both use it.
public struct TimeStepVisitor: ReducedSDEVisitor {
    public let problem: EscapeProblem

    public init(problem: EscapeProblem) { self.problem = problem }

    public func visit<L: Landscape1D, N: GradientNoise1D, P: Preconditioner1D>(_ sde: ReducedSDE<L, N, P>) throws -> Double {
        guard case .sde(_, let requested) = problem.model else { return problem.learningRate }
        if let requested { return requested }
        if problem.optimizer.dynamics == .underdamped { return Self.langevin(sde, problem).defaultTimeStep(problem.geometry) }
        return sde.defaultTimeStep(problem.geometry)
    }

    /// Momentum's underdamped SDE (mass η, friction 1 − β).
    public static func langevin<L, N, P>(_ sde: ReducedSDE<L, N, P>, _ problem: EscapeProblem) -> UnderdampedLangevin<L, N> {
        UnderdampedLangevin(landscape: sde.landscape, noise: sde.noise, learningRate: problem.learningRate,
                            beta: problem.settings.momentum)
    }
}
