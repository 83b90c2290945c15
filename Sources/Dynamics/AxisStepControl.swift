import Landscapes
import NumericKit

/// Local step-size control in d dimensions where the coordinates decouple: ∇²L diagonal, so
/// coordinate i's drift −pᵢ·∂ᵢL and diffusion coefficient gᵢ = pᵢ·√(η·cᵢ) depend on θᵢ alone
/// and the SDE is d independent scalar SDEs (docs/integrators.md §4). Each coordinate whose gᵢ
/// changes within a few noise steps has the 1-D ``StepSizeProfile`` of gᵢ on its span, and
/// the step taken from θ is the smallest of the coordinates' steps,
///
///     dt(θ) = min_i dtᵢ(θᵢ)        (r_max·dt₀ when no coordinate refines there),
///
/// so every coordinate steps at most as far as its own 1-D rule allows. The step depends on
/// the current state only, as in 1-D: the scheme stays a Markov chain consistent with the
/// SDE, and each trajectory is a pure function of its random stream.
///
/// gᵢ′ is a central difference with h = ε^{1/3}·max(1, |x|) (``FiniteDifference``), one-sided
/// where a jump of gᵢ (``LandscapeND/axisBreakpoints``) lies within h: jumps are not scales —
/// the skew-Euler step crosses them (as in 1-D, where g′ is analytic on each piece).
public struct AxisStepControl: Sendable {
    /// dt₀.
    public let nominal: Double
    /// The coordinates whose profile refines somewhere, and their profiles.
    public let refinedCoordinates: [Int]
    public let profiles: [StepSizeProfile]
    /// The step where no coordinate refines: r_max·dt₀ of the rules.
    public let largest: StepSizeProfile.Step
    /// The smallest r over every profile's table.
    public let smallestRatio: Double
    /// Whether some coordinate wanted a step below ``StepSizeProfile/minimumRatio``·dt₀.
    public let isCapped: Bool
    /// No coordinate refines anywhere on its span.
    public var isUniform: Bool { refinedCoordinates.isEmpty }

    /// The profiles of `diffusion`'s coordinates, coordinate i on `spans[i]` under `rules[i]`,
    /// with the other coordinates at `base` (any value: they do not enter gᵢ).
    public init<L: LandscapeND, N: GradientNoiseND, P: Preconditioner1D>(
        _ diffusion: DiffusionND<L, N, P>, base: [Double], spans: [ClosedRange<Double>], nominal dt: Double,
        rules: [StepSizeProfile.Rule], cells: Int = 8192
    ) {
        precondition(!diffusion.needsEigen, "the coordinates decouple only where ∇²L is diagonal")
        let ws = diffusion.makeWorkspace()
        let breakpoints = diffusion.landscape.axisBreakpoints
        var refined: [Int] = [], profiles: [StepSizeProfile] = []
        var smallest = rules.map(\.largestRatio).min() ?? 1, capped = false
        if !diffusion.hasConstantNoise {
            for i in 0..<diffusion.dimension {
                let g = { (x: Double) in diffusion.axisCoefficient(i, at: x, base: base, ws) }
                let jumps = breakpoints[i]
                let slope = { (x: Double) -> Double in
                    let h = FiniteDifference.step(x)
                    let below = jumps.contains { $0 > x - h && $0 <= x }, above = jumps.contains { $0 > x && $0 < x + h }
                    switch (below, above) {
                    case (false, false): return (g(x + h) - g(x - h)) / (2 * h)
                    case (true, false): return (g(x + h) - g(x)) / h
                    case (false, true): return (g(x) - g(x - h)) / h
                    case (true, true): return 0
                    }
                }
                let profile = StepSizeProfile(from: spans[i].lowerBound, to: spans[i].upperBound, nominal: dt,
                                              rule: rules[i], cells: cells, coefficient: g, slope: slope)
                guard !profile.isUniform else { continue }
                refined.append(i); profiles.append(profile)
                smallest = min(smallest, profile.smallestRatio)
                capped = capped || profile.isCapped
            }
        }
        nominal = dt
        refinedCoordinates = refined; self.profiles = profiles
        largest = StepSizeProfile.Step(ratio: rules.map(\.largestRatio).min() ?? 1, nominal: dt)
        smallestRatio = smallest; isCapped = capped
    }

    /// The step taken from θ: the smallest of the refined coordinates' steps
    /// (``StepSizeProfile/step(at:coefficient:)``; `coefficient(i, x)` = gᵢ(x) is called only
    /// for a coordinate outside its span).
    @inlinable @inline(__always)
    public func step(at theta: UnsafeMutableBufferPointer<Double>, coefficient: (Int, Double) -> Double) -> StepSizeProfile.Step {
        var chosen = largest
        for k in 0..<refinedCoordinates.count {
            let i = refinedCoordinates[k]
            let s = profiles[k].step(at: theta[i]) { coefficient(i, $0) }
            if s.ratio < chosen.ratio { chosen = s }
        }
        return chosen
    }

    /// Each coordinate's span for its profile: the range of θᵢ over `points` (the minima,
    /// saddle and target of the problem) widened by its own width on both sides; a coordinate
    /// on which the points agree gets the widest coordinate's width (a length of the problem).
    public static func spans(covering points: [[Double]]) -> [ClosedRange<Double>] {
        let d = points[0].count
        let ranges = (0..<d).map { i in (points.map { $0[i] }.min()!, points.map { $0[i] }.max()!) }
        let widest = max(ranges.map { $0.1 - $0.0 }.max()!, 1e-3)
        return ranges.map { lo, hi in
            let w = hi > lo ? hi - lo : widest
            return (lo - w)...(hi + w)
        }
    }
}
