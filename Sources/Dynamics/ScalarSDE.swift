/// A scalar Itô SDE dX = μ(X) dt + g(X) dW, as integrators see it.
public protocol ScalarSDE: Sendable {
    func drift(_ x: Double) -> Double
    func diffusion(_ x: Double) -> Double
    func diffusionSlope(_ x: Double) -> Double
    /// The same SDE at learning rate η (a schedule's η_k, docs/theory.md §14): in SDE time the
    /// drift does not depend on η and g ∝ √η. Only an SDE with a learning rate takes a schedule.
    func at(learningRate eta: Double) -> Self
    /// The SDE as pieces with an affine drift and a constant g (``PiecewiseAffineSDE``), or nil.
    var piecewiseAffineForm: PiecewiseAffineSDE? { get }
}

extension ScalarSDE {
    /// A process without a learning rate (the tests' Brownian motions) takes no schedule.
    public func at(learningRate eta: Double) -> Self {
        preconditionFailure("\(Self.self) has no learning rate: a learning-rate schedule needs an optimizer's reduced SDE")
    }

    /// The calculus in which μ and g are read: Itô for every scalar SDE here — the reduced SDE
    /// is written in Itô form (docs/theory.md §0), the exact MFPT's generator D f″ + μ f′ is
    /// Itô's (§3), and every ``SDEIntegrator`` must converge to it (a test holds their
    /// `interpretation` to this value).
    public static var interpretation: String { "Itô" }
}

extension ReducedSDE: ScalarSDE {}
