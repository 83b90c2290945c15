import NumericKit

/// Eight copies of an optimizer's state side by side, one per SIMD lane, stepped at once: the
/// state of the fast engine's interleaved discrete trajectories (``IterationTrajectory``'s
/// lane worker, docs/performance.md).
///
/// An implementation keeps each state variable as one `SIMD8<Double>` (structure of arrays),
/// so that a step is a handful of vector operations — Adam's square root and divisions on
/// eight lanes in one instruction each — and lane k computes exactly the floating-point
/// operations of the scalar ``OptimizerIteration1D/step(_:gradient:)`` on its own state, in
/// the same order: the lanes' trajectories equal the scalar loop's bit for bit
/// (FastEngineTests). An optimizer without its own lanes gets ``PerLaneIterations``: eight
/// scalar states stepped one after the other.
public protocol OptimizerLanes {
    associatedtype Iteration: OptimizerIteration1D
    /// Every lane in `iteration`'s state before its first step.
    init(_ iteration: Iteration)
    /// Lane k back to the state before the first step (a new trajectory).
    mutating func reset(lane k: Int)
    /// θ − η·u(g) on every lane, each with its own state.
    mutating func step(_ theta: NormalLanes.Values, gradient g: NormalLanes.Values) -> NormalLanes.Values
}

/// The lanes of any optimizer: eight scalar states, stepped one lane after the other.
///
/// The result is written lane by lane into a 64-byte block and read as one vector
/// (``LaneValues``' reason: writing one lane of a SIMD value where the compiler does not
/// vectorise the loop is a store-forwarding stall per lane).
public final class PerLaneIterations<O: OptimizerIteration1D>: OptimizerLanes {
    @usableFromInline let states: UnsafeMutablePointer<O>
    @usableFromInline let fresh: O
    @usableFromInline let next: UnsafeMutableRawPointer

    public init(_ iteration: O) {
        var fresh = iteration
        fresh.reset()
        self.fresh = fresh
        states = .allocate(capacity: NormalLanes.width)
        states.initialize(repeating: fresh, count: NormalLanes.width)
        next = .allocate(byteCount: NormalLanes.width * 8, alignment: 64)
    }

    deinit {
        states.deinitialize(count: NormalLanes.width)
        states.deallocate()
        next.deallocate()
    }

    @inlinable public func reset(lane k: Int) { states[k] = fresh }

    @inlinable @inline(__always)
    public func step(_ theta: NormalLanes.Values, gradient g: NormalLanes.Values) -> NormalLanes.Values {
        for k in 0..<NormalLanes.width {
            next.storeBytes(of: states[k].step(theta[k], gradient: g[k]), toByteOffset: 8 * k, as: Double.self)
        }
        return next.load(as: NormalLanes.Values.self)
    }
}

/// SGD's lanes: θ − η·g (no state).
public struct SGDLanes: OptimizerLanes {
    public let learningRate: Double
    public init(_ iteration: SGDIteration) { learningRate = iteration.learningRate }
    @inlinable public mutating func reset(lane k: Int) {}
    @inlinable @inline(__always)
    public mutating func step(_ theta: NormalLanes.Values, gradient g: NormalLanes.Values) -> NormalLanes.Values {
        theta - learningRate * g
    }
}

/// The heavy ball's lanes: m ← β·m + g, θ − η·m.
public struct HeavyBallLanes: OptimizerLanes {
    public let learningRate: Double
    public let beta: Double
    public var momentum = NormalLanes.Values()
    public init(_ iteration: HeavyBallIteration) { learningRate = iteration.learningRate; beta = iteration.beta }
    @inlinable public mutating func reset(lane k: Int) { momentum[k] = 0 }
    @inlinable @inline(__always)
    public mutating func step(_ theta: NormalLanes.Values, gradient g: NormalLanes.Values) -> NormalLanes.Values {
        momentum = beta * momentum + g
        return theta - learningRate * momentum
    }
}

/// RMSprop's lanes: v ← α·v + (1 − α)·g², θ − η·g/(√v + ε).
public struct RMSpropLanes: OptimizerLanes {
    public let learningRate: Double
    public let alpha: Double
    public let epsilon: Double
    public var v = NormalLanes.Values()
    public init(_ iteration: RMSpropIteration) {
        learningRate = iteration.learningRate; alpha = iteration.alpha; epsilon = iteration.epsilon
    }
    @inlinable public mutating func reset(lane k: Int) { v[k] = 0 }
    @inlinable @inline(__always)
    public mutating func step(_ theta: NormalLanes.Values, gradient g: NormalLanes.Values) -> NormalLanes.Values {
        v = alpha * v + (1 - alpha) * g * g
        return theta - learningRate * (g / (LaneMath.squareRoot(v) + epsilon))
    }
}

/// ``AdamMoments`` on eight lanes: m, v, β1ᵗ, β2ᵗ and t per lane (lanes begin their
/// trajectories at different steps).
public struct AdamMomentLanes: Sendable {
    public typealias Values = NormalLanes.Values
    public let beta1: Double
    public let beta2: Double
    public let epsilon: Double
    /// t per lane, counted in a Double (exact to 2⁵³).
    public var step = Values()
    public var m = Values()
    public var v = Values()
    @usableFromInline var beta1Power = Values(repeating: 1)
    @usableFromInline var beta2Power = Values(repeating: 1)

    public init(_ moments: AdamMoments) {
        beta1 = moments.beta1; beta2 = moments.beta2; epsilon = moments.epsilon
    }

    @inlinable public mutating func reset(lane k: Int) {
        step[k] = 0; m[k] = 0; v[k] = 0; beta1Power[k] = 1; beta2Power[k] = 1
    }

    /// ``AdamMoments/update(_:)`` on every lane: (m̂, n = √v̂ + ε).
    @inlinable @inline(__always)
    public mutating func update(_ g: Values) -> (mHat: Values, n: Values) {
        step += 1
        beta1Power *= beta1
        beta2Power *= beta2
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g * g
        let mHat = m / (1 - beta1Power)
        let vHat = v / (1 - beta2Power)
        return (mHat, LaneMath.squareRoot(vHat) + epsilon)
    }
}

/// Adam's lanes: θ − η·m̂/n.
public struct AdamLanes: OptimizerLanes {
    public let learningRate: Double
    public var moments: AdamMomentLanes
    public init(_ iteration: AdamIteration) { learningRate = iteration.learningRate; moments = AdamMomentLanes(iteration.moments) }
    @inlinable public mutating func reset(lane k: Int) { moments.reset(lane: k) }
    @inlinable @inline(__always)
    public mutating func step(_ theta: NormalLanes.Values, gradient g: NormalLanes.Values) -> NormalLanes.Values {
        let (mHat, n) = moments.update(g)
        return theta - learningRate * (mHat / n)
    }
}

/// DualAdam's (and InvAdam's, r held at 1) lanes: the blend (1 − r)·m̂/n + r·m̂·n while
/// r ≥ ξ, Adam's m̂/n after, r = max(0, 1 − t·ξ) per lane (``DualAdamIteration``).
public struct DualAdamLanes: OptimizerLanes {
    public typealias Values = NormalLanes.Values
    public let learningRate: Double
    /// r held fixed (InvAdam: 1), or nil for the annealed schedule with switch rate ξ.
    public let heldBlend: Double?
    public let switchRate: Double
    public var moments: AdamMomentLanes

    public init(_ iteration: DualAdamIteration) {
        learningRate = iteration.learningRate
        moments = AdamMomentLanes(iteration.moments)
        switch iteration.schedule {
        case .held(let r): heldBlend = r; switchRate = 0
        case .annealed(let xi): heldBlend = nil; switchRate = xi
        }
    }

    @inlinable public mutating func reset(lane k: Int) { moments.reset(lane: k) }

    @inlinable @inline(__always)
    public mutating func step(_ theta: Values, gradient g: Values) -> Values {
        let (mHat, n) = moments.update(g)
        if let r = heldBlend { return theta - learningRate * ((1 - r) * (mHat / n) + r * (mHat * n)) }
        // max(0, 1 − t·ξ) as the standard library's max computes it: y ≥ x ? y : x.
        let raw = 1 - moments.step * switchRate
        let r = Values().replacing(with: raw, where: raw .>= 0)
        let blended = (1 - r) * (mHat / n) + r * (mHat * n)
        let direction = (mHat / n).replacing(with: blended, where: r .>= switchRate)
        return theta - learningRate * direction
    }
}

extension SGDIteration { public typealias Lanes = SGDLanes }
extension HeavyBallIteration { public typealias Lanes = HeavyBallLanes }
extension RMSpropIteration { public typealias Lanes = RMSpropLanes }
extension AdamIteration { public typealias Lanes = AdamLanes }
extension DualAdamIteration { public typealias Lanes = DualAdamLanes }
