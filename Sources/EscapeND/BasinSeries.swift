import Dynamics
import Ensembles
import Landscapes
import NumericKit

/// A long in-basin trajectory of an optimizer's reduced iteration (docs/theory.md §1, §8): the
/// Euler–Maruyama step of the reduced SDE at dt = η,
///
///     θ_{k+1} = θ_k − η·P(θ_k)·(∇L(θ_k) + ξ_k),   ξ_k ~ N(0, C(θ_k)),
///
/// started at a minimum, recorded as the projections (θ_k − θ*)·u_i on the Hessian's
/// eigenvectors u_i at the minimum, after a burn-in. For SGD this is the optimizer itself;
/// for Adam and InvAdam it is the reduced rule (β1 = 0, β2 → 1: P from the noise at θ).
/// Also returned: P and C at the minimum as matrices (for the predictions), the measured
/// covariance of θ, and how often the walker stood beyond the saddle's plane — the hyperplane
/// through the saddle normal to its unstable direction, (θ − θ_saddle)·n ≥ 0 — where it has left
/// the basin and the in-basin formulas stop describing the series.
public struct BasinSeries: Sendable {
    public let minimum: [Double]
    /// Hessian eigenvalues h_i at the minimum, ascending, and their unit eigenvectors u_i.
    public let curvatures: [Double]
    public let directions: [[Double]]
    /// P and C at the minimum, d×d row-major.
    public let preconditioner: [Double]
    public let noiseCovariance: [Double]
    public let learningRate: Double
    /// `projections[i][k]` = (θ_k − θ*)·u_i.
    public let projections: [[Double]]
    /// The sample covariance of θ (d×d row-major).
    public let covariance: [Double]
    /// L(θ_k) − L(θ*), k = 1…steps: the excess loss.
    public let excessLoss: [Double]
    /// Recorded steps with θ_k beyond the saddle's plane, and the first such step (1-based,
    /// counting the burn-in; nil when the walker never crossed).
    public let stepsBeyondSaddle: Int
    public let firstStepBeyondSaddle: Int?

    /// Steps between updates of a progress counter.
    static let progressStride = 1 << 16

    /// Runs `steps` recorded steps after `burnIn` from the start minimum of `problem`.
    /// `progress`, when given, counts the steps walked (burn-in included) of the total.
    public static func run(_ problem: EscapeProblemND, steps: Int, burnIn: Int, seed: UInt64,
                           generator: RandomGenerator = .mt19937, progress: EnsembleProgress? = nil) throws -> BasinSeries {
        guard steps >= 16 else { throw InvalidParameter("steps", given: "\(steps)", allowed: "a whole number ≥ 16") }
        guard burnIn >= 0 else { throw InvalidParameter("burn-in", given: "\(burnIn)", allowed: "a whole number ≥ 0") }
        return try problem.optimizer.withPreconditioner(
            settings: problem.settings, BasinStage(problem: problem, steps: steps, burnIn: burnIn, seed: seed, generator: generator, progress: progress))
    }
}

struct BasinStage: PreconditionerVisitor {
    let problem: EscapeProblemND
    let steps: Int, burnIn: Int
    let seed: UInt64
    let generator: RandomGenerator
    let progress: EnsembleProgress?

    func visit<P: Preconditioner1D>(_ preconditioner: P) throws -> BasinSeries {
        try problem.withDiffusion(preconditioner: preconditioner, BasinVisitor(stage: self))
    }
}

struct BasinVisitor: DiffusionNDVisitor {
    let stage: BasinStage

    func visit<L: LandscapeND, N: GradientNoiseND, P: Preconditioner1D>(_ diffusion: DiffusionND<L, N, P>) throws -> BasinSeries {
        let problem = stage.problem
        let eta = problem.learningRate
        let landscape = diffusion.landscape
        let ws = diffusion.makeWorkspace()
        let d = ws.d
        let start = problem.start
        for i in 0..<d { ws.theta[i] = start.x[i] }
        // P and C at the minimum, as matrices.
        diffusion.prepare(ws)
        var pMatrix = [Double](repeating: 0, count: d * d), cMatrix = [Double](repeating: 0, count: d * d)
        if diffusion.needsEigen {
            for i in 0..<d {
                for j in 0..<d {
                    var c = 0.0, p = 0.0
                    for k in 0..<d {
                        let v = ws.vectors[i * d + k] * ws.vectors[j * d + k]
                        c += v * ws.noiseEigen[k]
                        p += v * ws.factor[k]
                    }
                    cMatrix[i * d + j] = c
                    if problem.form == .full { pMatrix[i * d + j] = p }
                }
            }
            if problem.form == .elementwise { for i in 0..<d { pMatrix[i * d + i] = ws.factor[i] } }
        } else {
            for i in 0..<d { cMatrix[i * d + i] = ws.diagC[i]; pMatrix[i * d + i] = ws.factor[i] }
        }
        let stream = stage.generator.makeSource(seed: stage.seed)
        var projections = [[Double]](repeating: [], count: d)
        for i in 0..<d { projections[i].reserveCapacity(stage.steps) }
        var sum = [Double](repeating: 0, count: d), cross = [Double](repeating: 0, count: d * d)
        var excess: [Double] = []
        excess.reserveCapacity(stage.steps)
        let floor = start.value
        let u = start.eigenvectors
        let saddle = problem.saddle.x, normal = problem.normal
        var beyond = 0
        var firstBeyond: Int?
        let total = stage.burnIn + stage.steps
        stage.progress?.begin(total)
        for k in 0..<total {
            if k % BasinSeries.progressStride == 0 { stage.progress?.handOut(min(BasinSeries.progressStride, total - k)) }
            diffusion.prepare(ws)
            ws.drawNormals(stream)
            diffusion.driftAndKick(ws)
            for i in 0..<d { ws.theta[i] += (ws.drift[i] + ws.kick[i]) * eta }
            guard (0..<d).allSatisfy({ ws.theta[$0].isFinite }) else {
                throw InvalidParameter("lr", given: "\(eta) (the iteration diverged at step \(k + 1))",
                                       allowed: "a stable iteration: η·p·h < 2 in every direction (docs/theory.md §8)")
            }
            var side = 0.0
            for j in 0..<d { side += (ws.theta[j] - saddle[j]) * normal[j] }
            if side >= 0 { if firstBeyond == nil { firstBeyond = k + 1 }; if k >= stage.burnIn { beyond += 1 } }
            if k < stage.burnIn { continue }
            excess.append(landscape.value(UnsafeBufferPointer(ws.theta)) - floor)
            for i in 0..<d {
                sum[i] += ws.theta[i]
                for j in 0..<d { cross[i * d + j] += ws.theta[i] * ws.theta[j] }
                var s = 0.0
                for j in 0..<d { s += (ws.theta[j] - start.x[j]) * u[i][j] }
                projections[i].append(s)
            }
        }
        let n = Double(stage.steps)
        var covariance = [Double](repeating: 0, count: d * d)
        for i in 0..<d { for j in 0..<d { covariance[i * d + j] = cross[i * d + j] / n - (sum[i] / n) * (sum[j] / n) } }
        return BasinSeries(minimum: start.x, curvatures: start.eigenvalues, directions: u, preconditioner: pMatrix,
                           noiseCovariance: cMatrix, learningRate: eta, projections: projections, covariance: covariance,
                           excessLoss: excess, stepsBeyondSaddle: beyond, firstStepBeyondSaddle: firstBeyond)
    }
}
