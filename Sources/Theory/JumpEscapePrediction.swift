import Dynamics
import Foundation
import Landscapes
import NumericKit

/// The escape time of α-stable gradient noise, α < 2 (docs/theory.md §15): Imkeller &
/// Pavlyukevich's leading-order law (Stoch. Proc. Appl. 116, 611–642, 2006, "First exit times
/// of SDEs driven by stable Lévy processes"; for SGD's discretisation Nguyen, Şimşekli et al.,
/// NeurIPS 2019).
///
/// With small noise the walker sits at the minimum a and leaves by one jump that carries it
/// past the saddle (or past the escape point, if that comes first) at distance d: the drift
/// cannot climb, the small jumps do not add up to d before the first big one. A gradient jump
/// ξ moves θ by ηP·ξ (P the constant preconditioner: 1 for SGD, 1/(1 − β) for the heavy ball,
/// whose buffer spreads the jump over 1/(1 − β) steps), so per optimizer step
///
///     P(escape) = P(ηP·ξ > d) ≈ K_α·c^α·(ηP)^α·d^{−α},   K_α = Γ(α)·sin(πα/2)/π,
///
/// and the mean escape time is its inverse, τ/η steps = d^α/(K_α·c^α·(ηP)^α): polynomial in the
/// noise scale and the width d, and independent of the barrier height ΔL. The Lévy-driven SDE
/// dθ = −P·L′ dt + P·c·η^{1−1/α} dL_α has the same rate in SDE time over η.
///
/// The law is the limit of small noise; the stated validity condition has three parts:
/// the walker's spread at the minimum over one relaxation time, ℓ = c·ηP·(t_rel/η)^{1/α}, is a
/// small fraction of d (the relative error is O(ℓ/d): measured −1% at ℓ/d = 0.03, −13% at 0.18,
/// docs/validation.md); escape is rare on the relaxation time; and the diffusion of the jumps
/// below d, whose variance rate is 2α·K_α·ε^α·d^{2−α}/(2 − α) (ε = P·c·η^{1−1/α}), escapes over
/// the barrier much more slowly than one jump does (near α = 2 that channel, Kramers', wins).
public struct JumpEscapePrediction: Sendable, Equatable, Codable {
    public let alpha: Double
    public let scale: Double
    /// d: from the minimum to the saddle, or to the escape point if that lies before it.
    public let width: Double
    /// K_α.
    public let tailConstant: Double
    /// J*: the smallest gradient kick, from rest at the minimum, whose noise-free continuation
    /// escapes — d/(ηP) for SGD (one step lands past the saddle).
    public let smallestKick: Double
    /// K_α·c^α·(ηP)^α·d^{−α}: the probability per optimizer step of the escaping jump.
    public let ratePerStep: Double
    /// 1/ratePerStep, and times η.
    public let meanSteps: Double
    public let meanTime: Double
    /// ℓ/d, the spread at the minimum over the width.
    public let spreadOverWidth: Double
    /// The relaxation time at the minimum, in steps, and meanSteps over it.
    public let relaxationSteps: Double
    /// The exact mean escape time of the diffusion of the jumps below d (SDE time), and its
    /// effective barrier ΔΦ = P·ΔL/D.
    public let smallJumpTime: Double?
    public let smallJumpEffectiveBarrier: Double
    /// smallJumpTime over meanTime.
    public let smallJumpRatio: Double
    /// Whether the three conditions hold: ℓ/d ≤ 0.1, meanSteps ≥ 10 relaxation times,
    /// smallJumpRatio ≥ 10.
    public let isValid: Bool
    public let condition: String

    /// Limits of the validity condition.
    public static let spreadLimit = 0.1
    public static let separationLimit = 10.0
    /// The heavy ball's memory 1/(1 − β) over the relaxation time: its kicks must be single. At
    /// η = 0.01–0.02, H = 4 the law agreed within 3% at 0.16 and 0.32 and was 25% long at 4
    /// (docs/validation.md).
    public static let inertiaLimit = 0.5

    /// - Parameters: α < 2 and c of the noise, the learning rate η and constant preconditioner P,
    ///   the width d, the relaxation time at the minimum (steps), the barrier ΔL, and the exact
    ///   log mean escape time (SDE time) of a diffusion with a given D = ηP²σ²/2, as a function
    ///   of the noise variance σ² (the small jumps' channel).
    /// `kick`: the smallest escaping gradient kick J* (``smallestEscapingKick(landscape:rule:start:target:horizon:)``)
    /// where it is not d/(ηP) — the heavy ball's; then the rate per step is K_α·(c/J*)^α.
    public init(alpha: Double, scale c: Double, learningRate eta: Double, preconditioner p: Double, width d: Double,
                relaxationSteps: Double, barrier: Double, kick: Double? = nil, memorySteps: Double? = nil,
                logExactTime: (_ sigma2: Double) throws -> Double) rethrows {
        self.alpha = alpha; self.scale = c; self.width = d
        let k = StableDistribution.tailConstant(alpha: alpha)
        tailConstant = k
        ratePerStep = k * pow(kick.map { c / $0 } ?? c * eta * p / d, alpha)
        smallestKick = kick ?? d / (eta * p)
        meanSteps = 1 / ratePerStep
        meanTime = eta * meanSteps
        spreadOverWidth = c * eta * p * pow(relaxationSteps, 1 / alpha) / d
        self.relaxationSteps = relaxationSteps
        // The jumps below d of ε·L_α, ε = P·c·η^{1−1/α}: variance rate v; as gradient noise of
        // variance σ² they give D = ηP²σ²/2 = v/2, so σ² = v/(ηP²).
        let epsilon = p * c * pow(eta, 1 - 1 / alpha)
        let v = StableDistribution.truncatedVariance(alpha: alpha, scale: epsilon, cutoff: d)
        smallJumpEffectiveBarrier = p * barrier / (v / 2)
        let logSmall = try logExactTime(v / (eta * p * p))
        smallJumpTime = logSmall < 709 ? exp(logSmall) : nil
        smallJumpRatio = exp(logSmall - log(meanTime))
        let rare = meanSteps / relaxationSteps
        let inertia = memorySteps.map { $0 / relaxationSteps }
        isValid = spreadOverWidth <= Self.spreadLimit && rare >= Self.separationLimit && smallJumpRatio >= Self.separationLimit
            && (inertia ?? 0) <= Self.inertiaLimit
        condition = String(format: "spread ℓ/d = %.3g (≤ %.2g: relative error O(ℓ/d)); τ = %.3g relaxation times (≥ %.3g); the small jumps' diffusion (ΔΦ = %.3g) escapes %.3g× more slowly (≥ %.3g)",
                           spreadOverWidth, Self.spreadLimit, rare, Self.separationLimit, smallJumpEffectiveBarrier,
                           smallJumpRatio, Self.separationLimit)
            + (inertia.map { String(format: "; the buffer's memory is %.3g relaxation times (≤ %.2g: beyond it kicks add up within the memory)", $0, Self.inertiaLimit) } ?? "")
            + (isValid ? ": holds" : ": FAILS, the law is not reliable here")
    }
}

extension JumpEscapePrediction {
    /// J*, the smallest gradient kick J (g = L′ − J on the first step, noise-free after it) that
    /// carries `rule` from rest at `start` to `target` within `horizon` steps, by bisection to
    /// 10⁻¹² relative. For SGD it is d/η, d the distance to the saddle. For the heavy ball it is
    /// larger than d(1 − β)/η: its buffer spreads the kick over about 1/(1 − β) steps, while the
    /// well pulls the walker back.
    public static func smallestEscapingKick<L: Landscape1D, O: OptimizerIteration1D>(
        landscape: L, rule: O, start: Double, target: Double, horizon: Int
    ) -> Double {
        func escapes(_ kick: Double) -> Bool {
            var rule = rule
            rule.reset()
            var theta = rule.step(start, gradient: landscape.derivative(start) - kick)
            var k = 1
            while theta < target && theta.isFinite && k < horizon {
                theta = rule.step(theta, gradient: landscape.derivative(theta))
                k += 1
            }
            return theta >= target && theta.isFinite
        }
        var low = 0.0, high = (target - start) / rule.learningRate
        while !escapes(high) { low = high; high *= 2 }
        while high - low > 1e-12 * high {
            let mid = 0.5 * (low + high)
            if escapes(mid) { high = mid } else { low = mid }
        }
        return high
    }
}
