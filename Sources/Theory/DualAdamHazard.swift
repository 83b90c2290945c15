import Dynamics
import Foundation

/// The quasi-static hazard prediction for scheduled DualAdam (docs/theory.md §7).
///
/// At step j the blend is r_j = max(0, 1 − jξ), and Adam (r = 0) from the switch step K, the
/// first j with r_j < ξ. Treating r as frozen over each step, the walker escapes at step j
/// with probability h_j = η/τ(r_j), τ(r) the mean escape time (SDE time) of the frozen-r
/// reduced SDE with P_r = (1 − r)·P_Adam + r·P_Inv, so
///
///     P(escaped by step k) ≈ 1 − exp(−Σ_{j≤k} η/τ(r_j)),
///     E[T] = Σ_{k≥0} S(k),  S(k) = exp(−Σ_{j≤k} h_j)   (optimizer steps).
///
/// Valid when r changes slowly against the relaxation time 1/(η·P·H_a). τ(r) is the exact
/// MFPT (§3) — what generalized Kramers approximates — on 33 equally spaced r, with ln τ
/// interpolated linearly between them.
///
/// The inverse (InvAdam) term of the blend dominates the Adam term only while
/// r·n² > 1 − r, n = √v̂ + ε ≈ √C_a + ε at the minimum: for small gradients that is a few
/// steps, after which DualAdam behaves as Adam long before the hard switch.
public struct DualAdamHazard: Sendable, Equatable, Codable {
    public let switchRate: Double
    /// K: the first step with r < ξ, from which the update is Adam's.
    public let switchStep: Int
    /// The last step at which r·n² > 1 − r (0 if none), n = √C_a + ε.
    public let inverseDominatesThroughStep: Int
    /// n = √C_a + ε at the start minimum.
    public let denominatorAtMinimum: Double
    /// The r nodes and ln τ(r) (SDE time) at them.
    public let blendNodes: [Double]
    public let logTimes: [Double]
    /// τ(1) (InvAdam) and τ(0) (Adam), SDE time.
    public let inverseTime: Double
    public let adamTime: Double
    public let learningRate: Double
    /// E[T] under the hazard, optimizer steps and SDE time; nil if the sum did not converge
    /// within 2·10⁸ terms.
    public let meanSteps: Double?
    public let meanTime: Double?

    static let nodeCount = 33
    static let maxTerms = 200_000_000

    init(switchRate xi: Double, learningRate eta: Double, denominatorAtMinimum n: Double,
         timeAtBlend: (Double) throws -> Double) throws {
        switchRate = xi
        learningRate = eta
        denominatorAtMinimum = n
        let k = DualAdamIteration.switchStep(switchRate: xi)
        switchStep = k
        var last = 0
        let dominates = { (j: Int) -> Bool in
            let r = DualAdamIteration.blend(atStep: j, switchRate: xi)
            return r * n * n > 1 - r
        }
        if dominates(1) {
            // r_j·n² > 1 − r_j ⟺ j < n²/((1 + n²)·ξ); refine the estimate with the predicate itself.
            last = min(k - 1, max(1, Int(min(n * n / ((1 + n * n) * xi), 1e15))))
            while last > 1 && !dominates(last) { last -= 1 }
            while last + 1 < k && dominates(last + 1) { last += 1 }
        }
        inverseDominatesThroughStep = last
        blendNodes = (0..<Self.nodeCount).map { Double($0) / Double(Self.nodeCount - 1) }
        logTimes = try blendNodes.map { log(try timeAtBlend($0)) }
        adamTime = exp(logTimes.first!)
        inverseTime = exp(logTimes.last!)
        // E[T] = Σ_{k≥0} S(k): S(0) = 1, then blended steps j < K, then the Adam tail in closed form.
        var total = 1.0, lambda = 0.0, j = 1
        let adamHazard = eta / adamTime
        var converged = true
        while j < k {
            lambda += eta / Self.time(at: DualAdamIteration.blend(atStep: j, switchRate: xi), blendNodes, logTimes)
            let s = exp(-lambda)
            total += s
            if s < 1e-300 { break }
            j += 1
            if j > Self.maxTerms { converged = false; break }
        }
        if j >= k { // the sum reached the switch: add S(K−1)·Σ_{m≥1} e^{−m·h_A}
            total += exp(-lambda) * exp(-adamHazard) / -expm1(-adamHazard)
        }
        meanSteps = converged && total.isFinite ? total : nil
        meanTime = meanSteps.map { $0 * eta }
    }

    /// τ(r) by linear interpolation of ln τ between the nodes.
    static func time(at r: Double, _ nodes: [Double], _ logs: [Double]) -> Double {
        let h = nodes[1] - nodes[0]
        let i = min(nodes.count - 2, Int(r / h))
        let w = (r - nodes[i]) / h
        return exp(logs[i] + w * (logs[i + 1] - logs[i]))
    }

    /// The per-step escape probability h_j = η/τ(r_j) at step j ≥ 1.
    public func hazard(atStep j: Int) -> Double {
        guard j < switchStep else { return learningRate / adamTime }
        return learningRate / Self.time(at: DualAdamIteration.blend(atStep: j, switchRate: switchRate), blendNodes, logTimes)
    }

    // S(k): ``QuasiStaticHazard/survival(atSteps:)``.
}
