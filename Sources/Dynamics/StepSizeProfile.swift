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
        /// The step r·dt₀.
        public init(ratio r: Double, nominal dt: Double) {
            self.dt = r * dt; root = (r * dt).squareRoot(); ratio = r
        }
    }

    /// The constants of one integrator's rule: f, κ and the largest step r_max.
    public struct Rule: Sendable, Equatable {
        /// f: the noise step's largest share of the local scale.
        public let fraction: Double
        /// κ: the slope of the Lipschitz envelope.
        public let envelopeSlope: Double
        /// r_max: the largest step, as a multiple of dt₀.
        public let largestRatio: Double

        public init(fraction: Double, envelopeSlope: Double, largestRatio: Double) {
            self.fraction = fraction; self.envelopeSlope = envelopeSlope; self.largestRatio = largestRatio
        }

        /// Euler–Maruyama and the skew-Euler step: f = 0.3, κ = ½, steps up to dt₀.
        public static let eulerMaruyama = Rule(fraction: 0.3, envelopeSlope: 0.5, largestRatio: 1)
        /// ``PlatenWeakTwo``: f = ½ (its weak error falls faster with the step: docs/integrators.md
        /// §4); κ = 1, so a step may reach up to f·(ℓ_min + distance) toward a dip — half the
        /// distance at f = ½, never over it (κ = 1 against ½ took 14% fewer steps at the same
        /// measured τ in a prototype); r_max = 4: where D is smooth its weak error is
        /// O((λ·dt)²) against Euler–Maruyama's O(λ·dt), λ·dt₀ = 0.01, so 4·dt₀ leaves (0.04)²
        /// — a sixth of Euler–Maruyama's at dt₀. Measured (docs/integrators.md §4): 4× within
        /// 2% of exact on the floored quartics, 8× biased low by 1–3%.
        public static let weakOrderTwo = Rule(fraction: 0.5, envelopeSlope: 1, largestRatio: 4)
    }

    /// The smallest step, as a share of dt₀.
    public static let minimumRatio = 1.0 / 64

    public let nominal: Double
    public let lower: Double
    public let inverseSpacing: Double
    public let table: [Step]
    /// The smallest r(x) on the table.
    public let smallestRatio: Double

    /// The largest r(x) allowed: 1 for Euler–Maruyama and skew-Euler, 4 for Platen (``Rule``).
    public let largestRatio: Double
    /// No refinement anywhere: every step is the largest, `largestRatio`·dt₀.
    public var isUniform: Bool { smallestRatio >= largestRatio }
    /// Whether the refinement wanted a step below `minimumRatio`·dt₀ somewhere (and was held there).
    public let isCapped: Bool
    /// g at the centres of the first and the last cell.
    public let endCoefficients: [Double]

    /// A uniform profile: every step dt₀.
    public init(uniform dt: Double) {
        nominal = dt; lower = 0; inverseSpacing = 0
        table = [Step(ratio: 1, nominal: dt)]
        smallestRatio = 1; largestRatio = 1; isCapped = false
        endCoefficients = [1, 1]
    }

    /// The profile of `sde` on [from, to] with nominal step dt₀ under `rule`.
    public init<L: Landscape1D, N: GradientNoise1D, P: Preconditioner1D>(
        _ sde: ReducedSDE<L, N, P>, from a: Double, to b: Double, nominal dt: Double, rule: Rule = .eulerMaruyama,
        cells: Int = 8192
    ) {
        self.init(from: a, to: b, nominal: dt, rule: rule, cells: cells, coefficient: sde.diffusion, slope: sde.diffusionSlope)
    }

    /// The profile of a scalar diffusion coefficient g(x) with slope g′(x) on [from, to] (the
    /// 1-D SDE's, or one decoupled coordinate's in d dimensions: ``AxisStepControl``).
    public init(from a: Double, to b: Double, nominal dt: Double, rule: Rule, cells: Int = 8192,
                coefficient g: (Double) -> Double, slope gPrime: (Double) -> Double) {
        let fraction = rule.fraction, slope = rule.envelopeSlope, largest = rule.largestRatio
        let spacing = (b - a) / Double(cells)
        var scale = [Double](repeating: .infinity, count: cells)
        let coefficient = (0..<cells).map { g(a + (Double($0) + 0.5) * spacing) }     // g at the cell centres
        for i in 0..<cells {
            let x = a + (Double(i) + 0.5) * spacing
            let gSlope = abs(gPrime(x))
            scale[i] = gSlope > 0 ? coefficient[i] / (2 * gSlope) : .infinity      // D/|D′| = g/(2|g′|)
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
            table.append(Step(ratio: r, nominal: dt))
        }
        nominal = dt; lower = a; inverseSpacing = 1 / spacing
        self.table = table; smallestRatio = smallest; largestRatio = largest; isCapped = capped
        endCoefficients = [coefficient[0], coefficient[cells - 1]]
    }

    /// The step taken from x: the table's cell inside [from, to]. Outside, the end cell's
    /// noise step is held, never its step exceeded:
    ///
    ///     dt(x) = dt_end·min(1, (g_end/g(x))²),    at least `minimumRatio`·dt₀,
    ///
    /// because where the coefficients keep growing past the table (hessian noise on a quartic:
    /// g ∝ x² for InvAdam) the end cell's dt lets one noise step jump across the whole well —
    /// measured: InvAdam, δ = 0.1, 0.93 ± 0.02 of exact with the end cell's dt, 0.97 with a
    /// table four times wider (docs/integrators.md §4). `g` is called only outside the table.
    @inlinable @inline(__always)
    public func step(at x: Double, coefficient g: (Double) -> Double) -> Step {
        let position = (x - lower) * inverseSpacing
        if position >= 0 && position < Double(table.count) { return table[Int(position)] }
        let end = position < 0 ? 0 : table.count - 1
        let noiseRatio = endCoefficients[end == 0 ? 0 : 1] / g(x)
        guard noiseRatio < 1 else { return table[end] }
        return Step(ratio: max(Self.minimumRatio, table[end].ratio * noiseRatio * noiseRatio), nominal: nominal)
    }
}
