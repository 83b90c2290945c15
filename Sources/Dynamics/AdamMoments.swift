/// The state Adam, InvAdam and DualAdam share: the exponential moving averages of the
/// gradient and its square with their bias corrections (Kingma & Ba 2015, Algorithm 1; the
/// DualAdam authors' code, docs/theory.md §7). Per step t = 1, 2, …:
///
///     m ← β1·m + (1 − β1)·g,   v ← β2·v + (1 − β2)·g²,
///     m̂ = m/(1 − β1ᵗ),        v̂ = v/(1 − β2ᵗ),        n = √v̂ + ε   (ε outside the root).
///
/// β1ᵗ and β2ᵗ are kept as running products (one multiplication per step instead of pow).
public struct AdamMoments: Sendable, Equatable {
    public let beta1: Double
    public let beta2: Double
    public let epsilon: Double
    /// The global step counter t: 0 before the first step, then 1, 2, …
    public var step = 0
    public var m = 0.0
    public var v = 0.0
    @usableFromInline var beta1Power = 1.0
    @usableFromInline var beta2Power = 1.0

    public init(beta1: Double, beta2: Double, epsilon: Double) {
        self.beta1 = beta1; self.beta2 = beta2; self.epsilon = epsilon
    }

    @inlinable public mutating func reset() {
        step = 0; m = 0; v = 0; beta1Power = 1; beta2Power = 1
    }

    /// Advances t and the moments with gradient g; returns (m̂, n = √v̂ + ε).
    @inlinable public mutating func update(_ g: Double) -> (mHat: Double, n: Double) {
        step += 1
        beta1Power *= beta1
        beta2Power *= beta2
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g * g
        let mHat = m / (1 - beta1Power)
        let vHat = v / (1 - beta2Power)
        return (mHat, vHat.squareRoot() + epsilon)
    }
}
