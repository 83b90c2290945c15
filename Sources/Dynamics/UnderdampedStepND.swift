import NumericKit

extension DiffusionND where P == SGDPreconditioner {
    /// One symplectic Euler–Maruyama step of heavy-ball momentum's underdamped SDE in d
    /// dimensions (docs/theory.md §7; ``UnderdampedLangevin`` is the 1-D form): with the noise
    /// kick ξ = C^{1/2}z drawn at θ, per coordinate
    ///
    ///     u ← u + ((−∂ᵢL − (1 − β)·u)·dt + ξ·√(η·dt))/η,   θ ← θ + u·dt,
    ///
    /// on `ws.theta` and `ws.velocity` (u = dθ/dt). Brute force (`UnderdampedTrajectoryND`) and
    /// splitting (`UnderdampedChainND`) take this one step, so the two simulate the same chain.
    @inlinable @inline(__always)
    public func underdampedStep<R: RandomSource>(_ ws: WorkspaceND, beta: Double, dt: Double, noiseScale: Double, _ stream: R) {
        prepare(ws)
        ws.drawNormals(stream)
        sampleNoise(ws)
        let eta = learningRate, gamma = 1 - beta
        for i in 0..<ws.d {
            ws.velocity[i] += ((-ws.grad[i] - gamma * ws.velocity[i]) * dt + ws.kick[i] * noiseScale) / eta
            ws.theta[i] += ws.velocity[i] * dt
        }
    }
}
