import Landscapes
import NumericKit

extension DiffusionND where P == SGDPreconditioner {
    /// The optimizer's state for each of the d coordinates, as before the first step.
    public func resetOptimizers<O: OptimizerIteration1D>(_ optimizer: O) -> [O] {
        var optimizers = Array(repeating: optimizer, count: dimension)
        for i in 0..<dimension { optimizers[i].reset() }
        return optimizers
    }

    /// One step of a discrete optimizer in d dimensions, exactly as PyTorch's elementwise
    /// optimizers take it: the stochastic gradient g = ∇L(θ) + C(θ)^{1/2}·z at ws.theta (z from
    /// `stream`), then every coordinate's update θᵢ ← stepᵢ(θᵢ, gᵢ) with its own state
    /// (`optimizers[i]`: Adam's m, v; momentum's velocity) and the shared step count. Brute
    /// force and splitting both step through here.
    @inlinable
    public func iterate<O: OptimizerIteration1D, R: RandomSource>(_ ws: WorkspaceND, _ optimizers: inout [O], _ stream: R) {
        prepare(ws)
        ws.drawNormals(stream)
        sampleNoise(ws)
        for i in 0..<ws.d { ws.theta[i] = optimizers[i].step(ws.theta[i], gradient: ws.grad[i] + ws.kick[i]) }
    }
}
