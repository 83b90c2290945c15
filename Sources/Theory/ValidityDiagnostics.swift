import Dynamics
import Foundation
import Landscapes

/// Whether the reduced SDE is a faithful model of the discrete optimizer (docs/theory.md §4):
///
/// - η·P·|L″| ≪ 1 wherever the walker goes (the iteration is unstable at ≥ 2);
/// - the per-step noise η·√(P²C) small against the scale on which P and C vary, taken as
///   the distance ℓ from the minimum to the saddle;
/// - ΔΦ ≳ 5, so that escape is a rare, memoryless event;
/// - the clock starts at the minimum, ≈ 1/(η·P_a·H_a) steps before the walker has relaxed.
///
/// "Along the path" is the interval from one minimum-to-saddle distance left of the start
/// minimum to the escape point, sampled at 401 points and on both sides of every breakpoint.
public struct ValidityDiagnostics: Sendable, Equatable, Codable {
    /// max η·P·|L″| along the path.
    public let maxStepCurvature: Double
    /// max η·P·√C / ℓ along the path.
    public let maxStepNoiseOverScale: Double
    /// ℓ = saddle − minimum.
    public let landscapeScale: Double
    /// 1/(η·P_a·H_a): optimizer steps to relax into the basin.
    public let relaxationSteps: Double
    /// The largest factor by which D = ηP²C/2 jumps at a breakpoint on the path (1: none).
    /// Euler–Maruyama's error near a jump is O(√dt), not O(dt) (docs/validation.md).
    public let maxDiffusivityJump: Double
    public let effectiveBarrier: Double
    /// One line per diagnostic out of range.
    public let warnings: [String]

    /// Thresholds: η·P·|L″| ≤ 0.2 ("≪ 1"), noise/scale ≤ 0.1, ΔΦ ≥ 5.
    public static let stepCurvatureLimit = 0.2, stepNoiseLimit = 0.1, barrierLimit = 5.0

    /// The path maxima of one reduced SDE.
    struct PathScan {
        let stepCurvature: Double
        let stepNoiseOverScale: Double
        let relaxationSteps: Double
        let diffusivityJump: Double

        init<L, N, P>(_ sde: ReducedSDE<L, N, P>, _ g: EscapeGeometry) {
            let scale = g.saddle.x - g.start.x
            let left = g.start.x - scale
            var points = (0...400).map { left + (g.target - left) * Double($0) / 400 }
            for x in sde.breakpoints where x > left && x < g.target { points += [x.nextDown, x.nextUp] }
            let eta = sde.learningRate
            var curvature = 0.0, noise = 0.0
            for x in points {
                let p = sde.preconditioning(x)
                curvature = max(curvature, eta * p * abs(sde.landscape.secondDerivative(x)))
                noise = max(noise, eta * p * sde.noise.variance(at: x).squareRoot() / scale)
            }
            var jump = 1.0
            for x in sde.breakpoints where x > left && x < g.target {
                let ratio = sde.diffusivity(x.nextDown) / sde.diffusivity(x.nextUp)
                jump = max(jump, ratio, 1 / ratio)
            }
            diffusivityJump = jump
            stepCurvature = curvature
            stepNoiseOverScale = noise
            relaxationSteps = 1 / (eta * sde.relaxationRate(at: g.start.x))
        }
    }

    /// The diagnostics over every scanned SDE (for scheduled DualAdam: r = 0 and r = 1).
    init(_ scans: [PathScan], geometry g: EscapeGeometry, effectiveBarrier: Double) {
        let curvature = scans.map(\.stepCurvature).max()!
        let noise = scans.map(\.stepNoiseOverScale).max()!
        let scale = g.saddle.x - g.start.x
        let relaxation = scans.map(\.relaxationSteps).max()!
        maxDiffusivityJump = scans.map(\.diffusivityJump).max()!
        maxStepCurvature = curvature
        maxStepNoiseOverScale = noise
        landscapeScale = scale
        relaxationSteps = relaxation
        self.effectiveBarrier = effectiveBarrier
        var warnings: [String] = []
        if curvature >= 2 {
            warnings.append("max η·P·|L″| = \(Self.format(curvature)) ≥ 2: the iteration is unstable somewhere on the path; the SDE prediction does not describe it")
        } else if curvature > Self.stepCurvatureLimit {
            warnings.append("max η·P·|L″| = \(Self.format(curvature)) is not ≪ 1 (> \(Self.stepCurvatureLimit)): expect O(η·P·|L″|) departures from the SDE prediction")
        }
        if noise > Self.stepNoiseLimit {
            warnings.append("per-step noise η·P·√C = \(Self.format(noise)) of the minimum-to-saddle distance (> \(Self.stepNoiseLimit)): the iteration can jump across regions where P and C change; the SDE limit may be far off")
        }
        if effectiveBarrier < Self.barrierLimit {
            warnings.append("ΔΦ = \(Self.format(effectiveBarrier)) < \(Self.barrierLimit): escape is not a rare event; times need not be exponential")
        }
        self.warnings = warnings
    }

    private static func format(_ x: Double) -> String { String(format: "%.3g", x) }
}
