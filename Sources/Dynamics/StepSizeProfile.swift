import Landscapes

/// Local step-size control for a 1-D SDE: the step dt(x) = r(x)·dt₀ taken from x, chosen
/// so that one step never crosses more than a set fraction of the local length scale on
/// which the coefficients change.
///
/// The scale is ℓ(x) = D/|D′| of the diffusivity D = g²/2 (a P/|P′| criterion for Adam's
/// dips of the drift, where D is constant, was tried and made the measured τ *worse*,
/// 1.00 → 0.95–0.97 of exact: docs/integrators.md §4), smoothed by a Lipschitz envelope
/// ℓ*(x) = min_{x′}(ℓ(x′) + κ·|x − x′|), so that the step allowed at x already knows of a
/// thin feature a few steps away and no step jumps over it. Then
///
///     r(x) = min(r_max, (f·ℓ*(x) / (g(x)·√dt₀))²),    bounded below by `minimumRatio`,
///
/// i.e. the noise step g·√dt ≤ f·ℓ*; r_max = 1 for Euler–Maruyama and skew-Euler, 4 for
/// ``PlatenWeakTwo``, whose weak error is second order where D is smooth. Jumps of g are not
/// scales (ℓ is taken from the analytic slopes on each piece): ``SkewEuler`` crosses them
/// exactly.
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

    /// f for Euler–Maruyama and the skew-Euler step: the noise step's largest share of the
    /// local scale.
    public static let scaleFraction = 0.3
    /// κ: the slope of the Lipschitz envelope.
    public static let envelopeSlope = 0.5
    /// f for ``PlatenWeakTwo`` (whose weak error falls faster with the step: docs/integrators.md §4).
    public static let weakOrderTwoFraction = 0.5
    /// κ for ``PlatenWeakTwo``: a step may reach up to f·(ℓ_min + distance) toward a dip —
    /// half the distance at f = ½, so it never jumps over one (κ = 1 against 0.5 took 14%
    /// fewer steps at the same measured τ in a prototype).
    public static let weakOrderTwoEnvelopeSlope = 1.0
    /// The largest step of ``PlatenWeakTwo``'s profile, as a multiple of the default dt₀:
    /// where D is smooth its weak error is O((λ·dt)²) against Euler–Maruyama's O(λ·dt),
    /// λ·dt₀ = 0.01, so 4·dt₀ leaves (0.04)² — a sixth of Euler–Maruyama's at dt₀. Measured
    /// (docs/integrators.md §4): 4× within 2% of exact on the floored quartics, 8× biased
    /// low by 1–3%.
    public static let weakOrderTwoLargestRatio = 4.0
    /// The smallest step, as a share of dt₀.
    public static let minimumRatio = 1.0 / 64

    public let nominal: Double
    public let lower: Double
    public let inverseSpacing: Double
    public let table: [Step]
    /// The smallest r(x) on the table.
    public let smallestRatio: Double

    /// The largest r(x) allowed: 1 for Euler–Maruyama and skew-Euler, `weakOrderTwoLargestRatio` for Platen.
    public let largestRatio: Double
    /// No refinement anywhere: every step is the largest, `largestRatio`·dt₀.
    public var isUniform: Bool { smallestRatio >= largestRatio }
    /// Whether the refinement wanted a step below `minimumRatio`·dt₀ somewhere (and was held there).
    public let isCapped: Bool

    /// A uniform profile: every step dt₀.
    public init(uniform dt: Double) {
        nominal = dt; lower = 0; inverseSpacing = 0
        table = [Step(dt: dt, root: dt.squareRoot(), ratio: 1)]
        smallestRatio = 1; largestRatio = 1; isCapped = false
    }

    /// The profile of `sde` on [from, to] with nominal step dt₀, scale fraction f, envelope
    /// slope κ and largest step `largest`·dt₀.
    public init<L: Landscape1D, N: GradientNoise1D, P: Preconditioner1D>(
        _ sde: ReducedSDE<L, N, P>, from a: Double, to b: Double, nominal dt: Double,
        fraction: Double = scaleFraction, envelopeSlope slope: Double = envelopeSlope, largest: Double = 1,
        cells: Int = 8192
    ) {
        let spacing = (b - a) / Double(cells)
        var scale = [Double](repeating: .infinity, count: cells)
        let coefficient = (0..<cells).map { sde.diffusion(a + (Double($0) + 0.5) * spacing) }     // g at the cell centres
        for i in 0..<cells {
            let x = a + (Double(i) + 0.5) * spacing
            let g = coefficient[i]
            let gSlope = abs(sde.diffusionSlope(x))
            scale[i] = gSlope > 0 ? g / (2 * gSlope) : .infinity      // D/|D′| = g/(2|g′|)
        }
        // ℓ*: the Lipschitz envelope of slope κ.
        let rise = slope * spacing
        for i in 1..<cells { scale[i] = min(scale[i], scale[i - 1] + rise) }
        for i in stride(from: cells - 2, through: 0, by: -1) { scale[i] = min(scale[i], scale[i + 1] + rise) }
        var table: [Step] = []
        table.reserveCapacity(cells)
        var smallest = largest, capped = false
        for i in 0..<cells {
            let noiseStep = coefficient[i] * dt.squareRoot()
            let wanted = scale[i].isFinite ? fraction * scale[i] / noiseStep : .infinity
            var r = min(largest, wanted * wanted)
            if r < Self.minimumRatio { r = Self.minimumRatio; capped = true }
            smallest = min(smallest, r)
            let h = r * dt
            table.append(Step(dt: h, root: h.squareRoot(), ratio: r))
        }
        nominal = dt; lower = a; inverseSpacing = 1 / spacing
        self.table = table; smallestRatio = smallest; largestRatio = largest; isCapped = capped
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
