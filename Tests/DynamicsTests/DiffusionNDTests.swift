import Foundation
import Landscapes
import NumericKit
import Testing
@testable import Dynamics

/// The d-dimensional noise and preconditioners against explicit matrices.
@Suite("d-dimensional diffusion")
struct DiffusionNDTests {
    let wells = try! LandscapeSpec.parseND("rotated:seed=5,of=gaussian-wells:d=3,sharp=0.7,flat=1.2,separation=3")
    let theta = [0.3, -0.2, 0.5]

    /// C = V·√(Λ² + δ²)·Vᵀ/B from an independent decomposition of ∇²L.
    func noiseMatrix(batch: Double, floor: Double) throws -> [Double] {
        let e = try SymmetricEigen(symmetric: wells.hessian(theta), dimension: 3)
        var c = Array(repeating: 0.0, count: 9)
        for i in 0..<3 { for j in 0..<3 { for k in 0..<3 {
            c[i * 3 + j] += e.vectors[k][i] * e.vectors[k][j] * (e.values[k] * e.values[k] + floor * floor).squareRoot() / batch
        } } }
        return c
    }

    func workspace<N: GradientNoiseND, P: Preconditioner1D>(_ diffusion: DiffusionND<LandscapeNDModel, N, P>) -> WorkspaceND {
        let ws = diffusion.makeWorkspace()
        for i in 0..<3 { ws.theta[i] = theta[i] }
        diffusion.prepare(ws)
        return ws
    }

    /// The sampled gradient noise has covariance C: 40 000 draws, each entry within 4 SE.
    @Test func hessianNoiseCovariance() throws {
        let diffusion = DiffusionND(landscape: wells, noise: HessianNoiseND(batch: 2, floor: 0.3), preconditioner: SGDPreconditioner(),
                                    form: .elementwise, learningRate: 0.1)
        let ws = workspace(diffusion)
        let c = try noiseMatrix(batch: 2, floor: 0.3)
        for i in 0..<3 { #expect(abs(ws.diagC[i] - c[i * 3 + i]) < 1e-12) }
        let stream = RandomStream(seed: 8)
        let n = 40_000
        var sums = Array(repeating: 0.0, count: 9)
        for _ in 0..<n {
            for i in 0..<3 { ws.z[i] = stream.gaussian() }
            diffusion.sampleNoise(ws)
            for i in 0..<3 { for j in 0..<3 { sums[i * 3 + j] += ws.kick[i] * ws.kick[j] } }
        }
        for i in 0..<3 { for j in 0..<3 {
            let estimate = sums[i * 3 + j] / Double(n)
            let se = ((c[i * 3 + i] * c[j * 3 + j] + c[i * 3 + j] * c[i * 3 + j]) / Double(n)).squareRoot()
            #expect(abs(estimate - c[i * 3 + j]) < 4 * se, "C[\(i),\(j)]")
        } }
    }

    /// Elementwise Adam: pᵢ = 1/(√Cᵢᵢ + ε); full Adam: drift = −C^{−1/2}∇L and the noise
    /// P·C^{1/2}·z = z (unit covariance), both against explicit matrices.
    @Test func adamPreconditionerForms() throws {
        let c = try noiseMatrix(batch: 1, floor: 0.5)
        let elementwise = DiffusionND(landscape: wells, noise: HessianNoiseND(batch: 1, floor: 0.5), preconditioner: AdamPreconditioner(epsilon: 0),
                                      form: .elementwise, learningRate: 0.1)
        let we = workspace(elementwise)
        for i in 0..<3 { #expect(abs(we.factor[i] - 1 / c[i * 3 + i].squareRoot()) < 1e-12) }

        let full = DiffusionND(landscape: wells, noise: HessianNoiseND(batch: 1, floor: 0.5), preconditioner: AdamPreconditioner(epsilon: 0),
                               form: .full, learningRate: 0.1)
        let wf = workspace(full)
        let ce = try SymmetricEigen(symmetric: c, dimension: 3)
        var inverseRoot = Array(repeating: 0.0, count: 9)
        for i in 0..<3 { for j in 0..<3 { for k in 0..<3 {
            inverseRoot[i * 3 + j] += ce.vectors[k][i] * ce.vectors[k][j] / ce.values[k].squareRoot()
        } } }
        var g = [0.0, 0, 0]
        wells.gradient(theta, into: &g)
        for i in 0..<3 { wf.z[i] = [0.7, -1.1, 0.4][i] }
        full.driftAndKick(wf)
        for i in 0..<3 {
            let expected = -(0..<3).reduce(0.0) { $0 + inverseRoot[i * 3 + $1] * g[$1] }
            #expect(abs(wf.drift[i] - expected) < 1e-10)
            #expect(abs(wf.kick[i] - wf.z[i]) < 1e-10)
        }
        // The bridge variance nᵀPCPn = |n|² for full Adam.
        let n = [0.6, 0.0, 0.8]
        #expect(abs(n.withUnsafeBufferPointer { full.normalVariance($0, wf) } - 1) < 1e-10)
    }

    /// A diagonal family needs no eigen-decomposition and gives the same C as the general path.
    @Test func diagonalFastPathAgrees() throws {
        let st = try LandscapeSpec.parseND("styblinski-tang:d=3,k=1")
        let fast = DiffusionND(landscape: st, noise: HessianNoiseND(batch: 1, floor: 1), preconditioner: InvAdamPreconditioner(epsilon: 0),
                               form: .elementwise, learningRate: 0.1)
        #expect(fast.needsEigen == false)
        let ws = fast.makeWorkspace()
        let x = [0.4, -1.3, 2.2]
        for i in 0..<3 { ws.theta[i] = x[i] }
        fast.prepare(ws)
        for i in 0..<3 {
            let h = 0.5 * (12 * x[i] * x[i] - 32)
            #expect(abs(ws.diagC[i] - (h * h + 1).squareRoot()) < 1e-12)
            #expect(abs(ws.factor[i] - ws.diagC[i].squareRoot()) < 1e-12)
        }
    }
}
