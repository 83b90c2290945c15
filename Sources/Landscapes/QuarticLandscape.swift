import NumericKit

/// The double well `L(x) = ΔL((x/a)² − 1)² + tilt·x + floor` (docs/theory.md §5).
///
/// `floor` ≥ 0 is the loss at the untilted minima: it moves no derivative, so it changes
/// nothing but the noise models that read L itself (`loss`, C = 2L/B; docs/theory.md §13).
///
/// Untilted: minima at ±a with L″ = 8ΔL/a², saddle at 0 with L″ = −4ΔL/a², barrier ΔL.
/// L″(x) = ΔL(12x²/a⁴ − 4/a²) vanishes at ±a/√3 whatever the tilt. Two minima exist
/// while |tilt| < 8ΔL/(3√3·a); the critical points are the roots of L′, found by Brent's
/// method (GSL) in brackets separated by ±a/√3.
public struct QuarticLandscape: LandscapeFamily1D {
    public let barrier: Double
    public let a: Double
    public let tilt: Double
    /// The loss at the untilted minima, ≥ 0.
    public let floor: Double
    public private(set) var criticalPoints: [CriticalPoint1D] = []
    /// a², 4ΔL/a⁴ and ΔL/a² precomputed: the gradient is on every step's critical path,
    /// and a division there costs more than the rest of the arithmetic.
    @usableFromInline let a2: Double
    @usableFromInline let slopeScale: Double
    @usableFromInline let curvatureScale: Double

    public init(barrier: Double, a: Double = 1, tilt: Double = 0, floor: Double = 0) throws {
        try Validate.positive(barrier, "barrier")
        try Validate.positive(a, "a")
        try Validate.finite(tilt, "tilt")
        try Validate.nonNegative(floor, "floor")
        let limit = Self.tiltLimit(barrier: barrier, a: a)
        guard abs(tilt) < limit else {
            throw InvalidParameter("tilt", given: Validate.format(tilt),
                                   allowed: "|tilt| < 8·barrier/(3√3·a) = \(limit) (beyond it the quartic has one minimum)")
        }
        self.barrier = barrier
        self.a = a
        self.tilt = tilt
        self.floor = floor
        a2 = a * a
        slopeScale = 4 * barrier / (a2 * a2)
        curvatureScale = barrier / a2
        let inflection = a / 3.0.squareRoot()
        let brackets = [(-2 * a, -inflection), (-inflection, inflection), (inflection, 2 * a)]
        let landscape = self
        criticalPoints = try brackets.map { lo, hi in
            let x = try RootFinder.brent(lower: lo, upper: hi) { landscape.derivative($0) }
            return CriticalPoint1D(at: x, of: landscape)
        }
    }

    /// The largest |tilt| that keeps two minima: 8ΔL/(3√3·a).
    public static func tiltLimit(barrier: Double, a: Double) -> Double {
        8 * barrier / (3 * 3.0.squareRoot() * a)
    }

    @inlinable public func value(_ x: Double) -> Double {
        let r = x * x / a2 - 1
        return barrier * r * r + tilt * x + floor
    }

    /// L′(x) = 4ΔL·x(x² − a²)/a⁴ + tilt.
    @inlinable public func derivative(_ x: Double) -> Double {
        slopeScale * x * (x * x - a2) + tilt
    }

    /// L″(x) = ΔL(12x²/a⁴ − 4/a²).
    @inlinable public func secondDerivative(_ x: Double) -> Double {
        curvatureScale * (12 * x * x / a2 - 4)
    }

    /// L‴(x) = 24ΔL·x/a⁴.
    @inlinable public func thirdDerivative(_ x: Double) -> Double {
        6 * slopeScale * x
    }

    public var breakpoints: [Double] { [] }
    public var curvatureSignChanges: [Double] { [-a / 3.0.squareRoot(), a / 3.0.squareRoot()] }
    /// The spec; `floor` is written only when it is not 0, so that every spec written before it
    /// existed still names the same landscape in the same words (sweep files resume on it).
    public var spec: String {
        "quartic:barrier=\(Validate.format(barrier)),a=\(Validate.format(a)),tilt=\(Validate.format(tilt))"
            + (floor == 0 ? "" : ",floor=\(Validate.format(floor))")
    }
}

extension QuarticLandscape {
    public static var family: String { "quartic" }
    public static var help: String { "the double well L = barrier·((x/a)² − 1)² + tilt·x" }
    public static var example: String { "quartic:barrier=1" }
    public static var parameters: [LandscapeParameter] {
        [.required("barrier", "ΔL of the untilted well, > 0"),
         .optional("a", default: 1, "the minima at ±a, > 0"),
         .optional("tilt", default: 0, "linear tilt, |tilt| < 8·barrier/(3√3·a)"),
         .optional("floor", default: 0, "the loss at the untilted minima, ≥ 0 (read by --noise loss)")]
    }
    public static func make(_ v: [String: Double]) throws -> QuarticLandscape {
        try QuarticLandscape(barrier: v["barrier"]!, a: v["a"]!, tilt: v["tilt"]!, floor: v["floor"]!)
    }
}
