/// DualAdam exactly as the authors' code does it (github.com/LongJin-lab/DualAdam,
/// DualAdam.py; docs/theory.md §7), with the moments of ``AdamMoments`` and n = √v̂ + ε:
///
///     r = max(0, 1 − t·ξ)                               (t the global step, from 1)
///     r ≥ ξ:  θ ← θ − η·((1 − r)·m̂/n + r·m̂·n)          (blend of Adam and InvAdam)
///     r < ξ:  θ ← θ − η·m̂/n                             (hard switch to Adam)
///
/// With ``BlendSchedule/held(_:)`` r is fixed and there is no switch: r = 1 is InvAdam
/// (the DualAdam paper's m̂·(√v̂ + ε)), r = 0 is the blend formula's Adam end.
public struct DualAdamIteration: OptimizerIteration1D {
    /// How r evolves.
    public enum BlendSchedule: Sendable, Equatable {
        /// The authors' schedule with switch rate ξ.
        case annealed(switchRate: Double)
        /// r held fixed, no switch.
        case held(Double)
    }

    public let learningRate: Double
    public let schedule: BlendSchedule
    public var moments: AdamMoments

    public init(learningRate: Double, beta1: Double, beta2: Double, epsilon: Double, schedule: BlendSchedule) {
        self.learningRate = learningRate
        self.schedule = schedule
        moments = AdamMoments(beta1: beta1, beta2: beta2, epsilon: epsilon)
    }

    @inlinable public mutating func reset() { moments.reset() }

    @inlinable public mutating func direction(gradient g: Double) -> Double {
        let (mHat, n) = moments.update(g)
        switch schedule {
        case .held(let r):
            return (1 - r) * (mHat / n) + r * (mHat * n)
        case .annealed(let xi):
            let r = Self.blend(atStep: moments.step, switchRate: xi)
            if r >= xi { return (1 - r) * (mHat / n) + r * (mHat * n) }
            return mHat / n
        }
    }

    /// r = max(0, 1 − t·ξ) at global step t.
    @inlinable public static func blend(atStep t: Int, switchRate xi: Double) -> Double {
        max(0, 1 - Double(t) * xi)
    }

    /// The first step t at which r < ξ, from which DualAdam is Adam.
    public static func switchStep(switchRate xi: Double) -> Int {
        // r(t) decreases in t, so the first t with r < ξ is found by a short search from the estimate.
        var t = max(1, Int(min((1 - xi) / xi, 1e15).rounded(.down)))
        while t > 1 && blend(atStep: t - 1, switchRate: xi) < xi { t -= 1 }
        while blend(atStep: t, switchRate: xi) >= xi { t += 1 }
        return t
    }

    public var name: String {
        switch schedule {
        case .held(1): "invadam"
        default: "dualadam"
        }
    }
}
