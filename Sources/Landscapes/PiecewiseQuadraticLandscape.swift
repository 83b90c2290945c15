import NumericKit

/// The C¹ piecewise-quadratic double well `pq` (docs/theory.md §5): curvature exactly
/// `ha` in the left well, `−hb` on the barrier and `hc` in the right well, so sharpness,
/// saddle curvature and barrier are set independently.
///
///     L(x) = floor + ha·x²/2                 x ≤ c1 = u
///          = floor + ΔL − hb(x − xb)²/2      c1 < x < c2
///          = floor + hc(x − a2)²/2           x ≥ c2
///
/// with u = √(2ΔL/(ha(1 + ha/hb))), w = ha·u/hb, xb = u + w, u2 = √(2ΔL/(hc(1 + hc/hb))),
/// w2 = hc·u2/hb, c2 = xb + w2, a2 = c2 + u2. Both minima (0 and a2) have L = floor (≥ 0,
/// default 0: it moves no derivative and matters only to noise that reads L, `--noise loss`),
/// the saddle xb has L = floor + ΔL; for the left well s = (L(c1) − L(0))/ΔL = hb/(ha + hb).
public struct PiecewiseQuadraticLandscape: LandscapeFamily1D {
    public let ha: Double
    public let hb: Double
    public let hc: Double
    public let barrier: Double
    /// The loss at both minima, ≥ 0.
    public let floor: Double
    /// The switch points c1 < c2 and the saddle xb, right minimum a2.
    public let c1: Double, c2: Double, xb: Double, a2: Double

    public init(ha: Double, hb: Double, barrier: Double, hc: Double? = nil, floor: Double = 0) throws {
        try Validate.positive(ha, "ha")
        try Validate.positive(hb, "hb")
        try Validate.positive(barrier, "barrier")
        let hc = hc ?? ha
        try Validate.positive(hc, "hc")
        try Validate.nonNegative(floor, "floor")
        self.ha = ha; self.hb = hb; self.hc = hc; self.barrier = barrier; self.floor = floor
        let u = (2 * barrier / (ha * (1 + ha / hb))).squareRoot()
        let w = ha * u / hb
        let u2 = (2 * barrier / (hc * (1 + hc / hb))).squareRoot()
        let w2 = hc * u2 / hb
        c1 = u
        xb = u + w
        c2 = xb + w2
        a2 = c2 + u2
    }

    @inlinable public func value(_ x: Double) -> Double {
        if x <= c1 { return floor + 0.5 * ha * x * x }
        if x < c2 { let d = x - xb; return floor + barrier - 0.5 * hb * d * d }
        let d = x - a2
        return floor + 0.5 * hc * d * d
    }

    /// L′(x) = s·(x − m) with the piece's curvature s and centre m (0, xb or a2), chosen by
    /// selects rather than branches, so that the fast engine's per-lane loop vectorises
    /// (docs/performance.md). Bit for bit the branchy form: ha·(x − 0) is ha·x.
    @inlinable @inline(__always) public func derivative(_ x: Double) -> Double {
        let left = x <= c1, right = x >= c2
        let slope = left ? ha : (right ? hc : -hb)
        let centre = left ? 0 : (right ? a2 : xb)
        return slope * (x - centre)
    }

    @inlinable @inline(__always) public func secondDerivative(_ x: Double) -> Double {
        x <= c1 ? ha : (x >= c2 ? hc : -hb)
    }

    @inlinable public func thirdDerivative(_ x: Double) -> Double { 0 }

    /// The share of the barrier climbed in the left well's own curvature: hb/(ha + hb).
    public var leftShare: Double { hb / (ha + hb) }

    public var criticalPoints: [CriticalPoint1D] {
        [CriticalPoint1D(x: 0, value: floor, curvature: ha, kind: .minimum),
         CriticalPoint1D(x: xb, value: floor + barrier, curvature: -hb, kind: .saddle),
         CriticalPoint1D(x: a2, value: floor, curvature: hc, kind: .minimum)]
    }
    public var breakpoints: [Double] { [c1, c2] }
    public var curvatureSignChanges: [Double] { [c1, c2] }
    public var hasPiecewiseConstantCurvature: Bool { true }
    /// x ≤ c1: ha·(x − 0); c1 < x < c2: −hb·(x − xb); x ≥ c2: hc·(x − a2), as ``derivative(_:)``.
    public var affineGradientPieces: AffineGradientPieces? {
        AffineGradientPieces(thresholds: [PieceThreshold(position: c1, upperClosed: false), PieceThreshold(position: c2, upperClosed: true)],
                             slopes: [ha, -hb, hc], centres: [0, xb, a2])
    }
    /// The spec; `floor` only when it is not 0 (as ``QuarticLandscape/spec``).
    public var spec: String {
        "pq:ha=\(Validate.format(ha)),hb=\(Validate.format(hb)),barrier=\(Validate.format(barrier)),hc=\(Validate.format(hc))"
            + (floor == 0 ? "" : ",floor=\(Validate.format(floor))")
    }
}

extension PiecewiseQuadraticLandscape {
    public static var family: String { "pq" }
    public static var help: String { "the C¹ piecewise-quadratic double well: L″ = ha, −hb, hc in the left well, on the barrier, in the right well" }
    public static var example: String { "pq:ha=4,hb=2,barrier=0.5" }
    public static var parameters: [LandscapeParameter] {
        [.required("ha", "the left (start) well's curvature, > 0"),
         .required("hb", "the saddle's curvature |L″|, > 0"),
         .required("barrier", "ΔL, > 0"),
         .optional("hc", default: nil, "the right well's curvature, > 0; default ha"),
         .optional("floor", default: 0, "the loss at both minima, ≥ 0 (read by --noise loss)")]
    }
    public static func make(_ v: [String: Double]) throws -> PiecewiseQuadraticLandscape {
        try PiecewiseQuadraticLandscape(ha: v["ha"]!, hb: v["hb"]!, barrier: v["barrier"]!, hc: v["hc"], floor: v["floor"]!)
    }
}
