import Dynamics
import Landscapes
import NumericKit
@testable import Escape

/// Builds a problem from a spec string (test helper).
func makeProblem(_ spec: String, noise: NoiseSpec, lr: Double, model: DynamicsModel = .sde(integrator: .eulerMaruyama, dt: nil),
                 target: EscapeTarget = .midpoint, side: StartSide = .left, maxSteps: Int = 100_000_000,
                 radius: Double? = nil) throws -> EscapeProblem {
    try EscapeProblem(landscape: LandscapeSpec.parse(spec), side: side, target: target, noise: noise, learningRate: lr,
                      model: model, maxSteps: maxSteps, divergenceRadius: radius)
}

/// Standard Brownian motion dX = dW (for bridge checks).
struct BrownianMotion: ScalarSDE {
    func drift(_ x: Double) -> Double { 0 }
    func diffusion(_ x: Double) -> Double { 1 }
    func diffusionSlope(_ x: Double) -> Double { 0 }
}
