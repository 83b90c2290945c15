/// A scalar Itô SDE dX = μ(X) dt + g(X) dW, as integrators see it.
public protocol ScalarSDE: Sendable {
    func drift(_ x: Double) -> Double
    func diffusion(_ x: Double) -> Double
    func diffusionSlope(_ x: Double) -> Double
}

extension ReducedSDE: ScalarSDE {}
