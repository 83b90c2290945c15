import Landscapes
import NumericKit
import Testing
@testable import Dynamics

/// The piecewise-affine form of a reduced SDE (what the fast engine's branch-free lanes
/// select) gives its drift and diffusion bit for bit, wherever it exists, and exists only where
/// the noise is constant on pieces of an affine gradient.
@Suite("Piecewise-affine reduced SDEs")
struct PiecewiseAffineSDETests {
    static let pq = "pq:ha=4,hb=2,barrier=0.5,hc=3"

    @Test(arguments: [
        (NoiseSpec.hessian(batch: 1, floor: 0), OptimizerKind.sgd, StartSide.left),
        (.hessian(batch: 2, floor: 0.5), .adam, .left),
        (.frozen(batch: 1), .invadam, .left),
        (.isotropic(sigma2: 0.7), .rmsprop, .right),
        (.hessian(batch: 1, floor: 0), .invadam, .right),
    ])
    func formReproducesTheSDE(noise: NoiseSpec, optimizer: OptimizerKind, side: StartSide) throws {
        let problem = try EscapeProblem(landscape: LandscapeSpec.parse(Self.pq), side: side, optimizer: optimizer, noise: noise,
                                        learningRate: 0.1, model: .sde(integrator: .eulerMaruyama, dt: 0.01))
        try problem.withReducedSDE(FormAgainstSDE(expectForm: true))
    }

    /// Noise that varies inside a piece (loss noise), or a smooth landscape: no form.
    @Test func noFormWhereCoefficientsVaryInsidePieces() throws {
        let loss = try EscapeProblem(landscape: LandscapeSpec.parse(Self.pq + ",floor=0.5"), noise: NoiseSpec(LossNoiseModel(batch: 1)), learningRate: 0.1)
        try loss.withReducedSDE(FormAgainstSDE(expectForm: false))
        let quartic = try EscapeProblem(landscape: LandscapeSpec.parse("quartic:barrier=1"), noise: .hessian(batch: 1, floor: 0.1),
                                        learningRate: 0.1)
        try quartic.withReducedSDE(FormAgainstSDE(expectForm: false))
    }
}

struct FormAgainstSDE: ReducedSDEVisitor {
    let expectForm: Bool
    func visit<L: Landscape1D, N: GradientNoise1D, P: Preconditioner1D>(_ sde: ReducedSDE<L, N, P>) throws {
        guard expectForm else { #expect(sde.piecewiseAffineForm == nil); return }
        let form = try #require(sde.piecewiseAffineForm)
        var points = stride(from: -3.0, through: 3.0, by: 0.0173).map { $0 }
        for t in form.thresholds { points += [t.position, t.position.nextUp, t.position.nextDown] }
        for x in points {
            #expect(form.drift(x).bitPattern == sde.drift(x).bitPattern, "μ(\(x)): \(form.drift(x)) vs \(sde.drift(x))")
            #expect(form.diffusion(x).bitPattern == sde.diffusion(x).bitPattern, "g(\(x))")
        }
    }
}
