import Landscapes

/// Local step-size control for a 1-D SDE: the step dt(x) = r(x)·dt₀ taken from x, r ≤ 1,
/// chosen so that one step never crosses more than a set fraction of the local length
/// scale on which the coefficients change.
///
/// The scale is ℓ(x) = D/|D′| of the diffusivity D = g²/2 (a P/|P′| criterion for Adam's
/// dips of the drift, where D is constant, was tried and made the measured τ *worse*,
/// 1.00 → 0.95–0.97 of exact: docs/integrators.md §4), smoothed by a Lipschitz envelope ℓ*(x) = min_{x′}(ℓ(x′) + κ·|x − x′|), so that the
/// step allowed at x already knows of a thin feature a few steps away and no step jumps
/// over it. Then
///
///     r(x) = min(1, (f·ℓ*(x) / (g(x)·√dt₀))²),    bounded below by `minimumRatio`,
///
/// i.e. the noise step g·√dt ≤ f·ℓ*. Jumps of g are not scales (ℓ is taken from the
/// analytic slopes on each piece): ``SkewEuler`` crosses them exactly.
///
/// The step depends on the current state only (an adapted grid, no rejection), so the
/// scheme stays a Markov chain consistent with the SDE and each trajectory is a pure
/// function of its random stream: bit-identical for any thread count. The table covers
/// [start − span, target] on `cells` cells; outside it the end cells apply.
/// docs/integrators.md §4 gives the rule's measured effect and cost.
public struct StepSizeProfile: Sendable {
    /// One cell's step: dt, √dt and dt/dt₀.
    public struct Step: Sendable, Equatable {
        public let dt: Double
        public let root: Double
        public let ratio: Double
    }

    /// f: the noise step's largest share of the local scale.
    public static let scaleFraction = 0.3
    /// κ: the slope of the Lipschitz envelope.
    public static let envelopeSlope = 0.5
    /// The smallest step, as a share of dt₀.
    public static let minimumRatio = 1.0 / 64

    public let nominal: Double
    public let lower: Double
    public let inverseSpacing: Double
    public let table: [Step]
    /// The smallest r(x) on the table.
    public let smallestRatio: Double

    /// No refinement anywhere: every step is dt₀.
    public var isUniform: Bool { smallestRatio >= 1 }
    /// Whether the refinement wanted a step below `minimumRatio`·dt₀ somewhere (and was held there).
    public let isCapped: Bool

    /// A uniform profile: every step dt₀.
    public init(uniform dt: Double) {
        nominal = dt; lower = 0; inverseSpacing = 0
        table = [Step(dt: dt, root: dt.squareRoot(), ratio: 1)]
        smallestRatio = 1; isCapped = false
    }

    /// The profile of `sde` on [from, to] with nominal step dt₀.
    public init<L: Landscape1D, N: GradientNoise1D, P: Preconditioner1D>(
        _ sde: ReducedSDE<L, N, P>, from a: Double, to b: Double, nominal dt: Double, cells: Int = 8192
    ) {
        let spacing = (b - a) / Double(cells)
        var scale = [Double](repeating: .infinity, count: cells)
        for i in 0..<cells {
            let x = a + (Double(i) + 0.5) * spacing
            let g = sde.diffusion(x)
            let gSlope = abs(sde.diffusionSlope(x))
            scale[i] = gSlope > 0 ? g / (2 * gSlope) : .infinity      // D/|D′| = g/(2|g′|)
        }
        let rise = Self.envelopeSlope * spacing
        for i in 1..<cells { scale[i] = min(scale[i], scale[i - 1] + rise) }
        for i in stride(from: cells - 2, through: 0, by: -1) { scale[i] = min(scale[i], scale[i + 1] + rise) }
        var table: [Step] = []
        table.reserveCapacity(cells)
        var smallest = 1.0, capped = false
        for i in 0..<cells {
            let x = a + (Double(i) + 0.5) * spacing
            let noiseStep = sde.diffusion(x) * dt.squareRoot()
            let wanted = scale[i].isFinite ? Self.scaleFraction * scale[i] / noiseStep : .infinity
            var r = min(1, wanted * wanted)
            if r < Self.minimumRatio { r = Self.minimumRatio; capped = true }
            smallest = min(smallest, r)
            let h = r * dt
            table.append(Step(dt: h, root: h.squareRoot(), ratio: r))
        }
        nominal = dt; lower = a; inverseSpacing = 1 / spacing
        self.table = table; smallestRatio = smallest; isCapped = capped
    }

    /// The step taken from x.
    @inlinable @inline(__always)
    public func step(at x: Double) -> Step {
        let position = (x - lower) * inverseSpacing
        let last = table.count - 1
        let i = position > 0 ? (position < Double(last) ? Int(position) : last) : 0
        return table[i]
    }
}
