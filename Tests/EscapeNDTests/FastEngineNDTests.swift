import Dynamics
import Ensembles
@testable import EscapeND
import Landscapes
import NumericKit
import Testing

/// The fast engine's d-dimensional SIMD-lane loop (SDELanesND.swift) equals its scalar loop
/// bit for bit at any thread count, and runs exactly where it claims to.
@Suite("Fast engine in d dimensions: SIMD lanes")
struct FastEngineNDTests {
    /// Outcomes of the lane loop and of the scalar fast loop are identical: escapes at grid
    /// points and through the bridge, censoring at a small step cap, divergence (a tiny
    /// radius), 203 trajectories (not a multiple of the 8 lanes), 1 and 2 threads. The cases
    /// cover the separable family's vector gradient (with SGD and with Adam's constant
    /// P = 1/(√σ² + ε) ≠ 1), the point-by-point default gradient of a rotated landscape, and
    /// the plane through the saddle.
    @Test(arguments: [
        ("separable:base=quartic,barrier=1,a=1,spectators=2;0.5", OptimizerKind.sgd, EscapeTargetND.midpoint, 3_000, nil as Double?),
        ("separable:base=quartic,barrier=1,a=1,spectators=2;0.5", .adam, .midpoint, 3_000, nil),
        ("separable:base=pq,ha=4,hb=2,barrier=0.5,spectators=3", .sgd, .saddle, 100_000, nil),
        ("rotated:seed=3,of=separable:base=quartic,barrier=1,a=1,spectators=2;0.5", .sgd, .midpoint, 3_000, nil),
        ("separable:base=quartic,barrier=1,a=1,spectators=2;0.5", .sgd, .saddle, 100_000, 1.2),
    ])
    func lanesEqualScalarLoop(spec: String, optimizer: OptimizerKind, target: EscapeTargetND, maxSteps: Int,
                              radius: Double?) throws {
        let problem = try EscapeProblemND(landscape: LandscapeSpec.parseND(spec), target: target, optimizer: optimizer,
                                          noise: .isotropic(sigma2: 0.5), learningRate: 1,
                                          model: .sde(integrator: .eulerMaruyama, dt: 0.01), maxSteps: maxSteps,
                                          divergenceRadius: radius)
        #expect(try Self.hasLaneLoop(problem))
        let reference = try EscapeSimulationND.run(problem, EnsembleOptions(trajectories: 203, seed: 5, threads: 1, generator: .fast),
                                                   lanes: false).outcomes
        for threads in [1, 2] {
            let lanes = try EscapeSimulationND.run(problem, EnsembleOptions(trajectories: 203, seed: 5, threads: threads,
                                                                            generator: .fast))
            #expect(lanes.outcomes == reference)
        }
        let kinds = Set(reference.map(\.kind))
        #expect(kinds.contains(.escaped))
        if maxSteps < 10_000 { #expect(kinds.contains(.censored)) }
        if radius != nil { #expect(kinds.contains(.diverged)) }
    }

    /// The lane loop runs only where its step is the scalar one: not with θ-dependent noise,
    /// not for a ball target, not under step control.
    @Test func laneLoopOnlyWhereItApplies() throws {
        let separable = try LandscapeSpec.parseND("separable:base=quartic,barrier=1,a=1,spectators=2")
        func problem(_ noise: NoiseSpec, target: EscapeTargetND = .midpoint, integrator: IntegratorKind = .eulerMaruyama) throws
            -> EscapeProblemND {
            try EscapeProblemND(landscape: separable, target: target, noise: noise, learningRate: 0.5,
                                model: .sde(integrator: integrator, dt: nil))
        }
        #expect(try Self.hasLaneLoop(problem(.isotropic(sigma2: 0.5))))
        #expect(try !Self.hasLaneLoop(problem(.hessian(batch: 1, floor: 0.1))))
        #expect(try !Self.hasLaneLoop(problem(.isotropic(sigma2: 0.5), target: .radius(0.3))))
        #expect(try !Self.hasLaneLoop(problem(.hessian(batch: 1, floor: 0.08), integrator: .automatic)))
    }

    /// Whether the problem's SDE trajectory takes the lane loop (as EnsembleVisitorND decides).
    static func hasLaneLoop(_ problem: EscapeProblemND) throws -> Bool {
        try problem.optimizer.withPreconditioner(settings: problem.settings, LaneLoopProbe(problem: problem))
    }

    struct LaneLoopProbe: PreconditionerVisitor {
        let problem: EscapeProblemND
        func visit<P: Preconditioner1D>(_ preconditioner: P) throws -> Bool {
            try problem.withDiffusion(preconditioner: preconditioner, DiffusionProbe(problem: problem))
        }
    }

    struct DiffusionProbe: DiffusionNDVisitor {
        let problem: EscapeProblemND
        func visit<L: LandscapeND, N: GradientNoiseND, P: Preconditioner1D>(_ diffusion: DiffusionND<L, N, P>) throws -> Bool {
            guard case .sde(let kind, let requested) = problem.model else { return false }
            let region = EscapeRegionND(problem)
            let step = problem.sdeStep(diffusion, kind: kind, dt: requested ?? problem.defaultTimeStep(diffusion),
                                       needsVariance: region.isHyperplane)
            return SDETrajectoryND(step: step, region: region, maxSteps: problem.maxSteps).hasLaneLoop
        }
    }
}
