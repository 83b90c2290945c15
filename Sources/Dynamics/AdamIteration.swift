/// Adam (Kingma & Ba 2015): θ ← θ − η·m̂/(√v̂ + ε), with the moments of ``AdamMoments``.
/// Its reduced SDE (β1 = 0, β2 → 1) has P = 1/(√C + ε) (docs/theory.md §0).
public struct AdamIteration: OptimizerIteration1D {
    public let learningRate: Double
    public var moments: AdamMoments

    public init(learningRate: Double, beta1: Double, beta2: Double, epsilon: Double) {
        self.learningRate = learningRate
        moments = AdamMoments(beta1: beta1, beta2: beta2, epsilon: epsilon)
    }

    @inlinable public mutating func reset() { moments.reset() }

    @inlinable public mutating func direction(gradient g: Double) -> Double {
        let (mHat, n) = moments.update(g)
        return mHat / n
    }

    public var name: String { "adam" }
}
