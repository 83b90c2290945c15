import Foundation
import NumericKit

/// A stationary Gaussian random field V(x) of standard deviation ε and Gaussian correlation
/// ⟨V(x)V(x + r)⟩ = ε²·exp(−r²/(2ℓ²)) (docs/theory.md §9), periodic with period `count·spacing`.
///
/// Synthesis by FFT (Shinozuka & Deodatis, Appl. Mech. Rev. 44, 1991): on a grid of N points
/// (spacing Δ ≤ ℓ/16, N a power of 2), V_j = Σ_m α_m cos(k_m x_j) + β_m sin(k_m x_j) with
/// k_m = 2πm/(NΔ) and α_m, β_m ~ N(0, σ_m²), σ_m² = S(k_m)·Δk/π, S(k) = ε²ℓ√(2π)·e^{−k²ℓ²/2} the
/// spectral density — so Σσ_m² → ε². V′ and V″ come from the same coefficients (×ik, ×−k²),
/// three inverse real FFTs (FFTW). Between nodes V is the quintic Hermite interpolant of
/// (V, V′, V″): C², and its derivative and second derivative are exactly the derivatives of the
/// value returned, so gradient and Hessian are consistent with it.
public struct RandomField1D: Sendable {
    public let amplitude: Double
    public let correlation: Double
    public let seed: UInt64
    public let origin: Double
    public let spacing: Double
    public let count: Int
    @usableFromInline let values: [Double]
    @usableFromInline let slopes: [Double]
    @usableFromInline let curvatures: [Double]

    public static let maximumNodes = 1 << 22

    /// A field covering at least `domain` within one period.
    public init(amplitude: Double, correlation: Double, seed: UInt64, domain: ClosedRange<Double>) throws(InvalidParameter) {
        try Validate.nonNegative(amplitude, "amplitude")
        try Validate.positive(correlation, "correlation")
        let length = domain.upperBound - domain.lowerBound
        var n = 256
        while Double(n) * correlation / 16 < length && n < Self.maximumNodes { n *= 2 }
        guard Double(n) * correlation / 16 >= length else {
            throw InvalidParameter("correlation", given: Validate.format(correlation),
                                   allowed: "≥ 16·(domain length \(Validate.format(length)))/2²² = \(Validate.format(16 * length / Double(Self.maximumNodes))) (the field's grid would exceed 2²² nodes)")
        }
        let dx = length / Double(n)
        self.amplitude = amplitude
        self.correlation = correlation
        self.seed = seed
        origin = domain.lowerBound
        spacing = dx
        count = n
        let period = Double(n) * dx, dk = 2 * Double.pi / period
        let stream = RandomStream(seed: seed)
        var c0 = [ComplexValue](repeating: ComplexValue(0, 0), count: n / 2 + 1)
        var c1 = c0, c2 = c0
        for m in 1..<(n / 2) {
            let k = Double(m) * dk
            let variance = amplitude * amplitude * correlation * (2 * Double.pi).squareRoot() * exp(-0.5 * k * k * correlation * correlation) * dk / Double.pi
            let s = variance.squareRoot()
            let (a, b) = (s * stream.gaussian(), s * stream.gaussian())
            // X_m = N(α − iβ)/2 gives x_j = α cos(k x_j) + β sin(k x_j) under the normalised inverse.
            let half = Double(n) / 2
            c0[m] = ComplexValue(half * a, -half * b)
            c1[m] = ComplexValue(half * b * k, half * a * k)          // × ik
            c2[m] = ComplexValue(-half * a * k * k, half * b * k * k)  // × −k²
        }
        let fft = RealFFT(count: n)
        values = fft.inverse(c0)
        slopes = fft.inverse(c1)
        curvatures = fft.inverse(c2)
    }

    /// The cell index and the position t ∈ [0, 1) in it, periodically.
    @inlinable func locate(_ x: Double) -> (Int, Double) {
        var u = (x - origin) / spacing
        let n = Double(count)
        u -= n * (u / n).rounded(.down)
        var j = Int(u)
        if j >= count { j = 0 }
        return (j, u - Double(j))
    }

    /// V(x).
    @inlinable public func value(_ x: Double) -> Double {
        let (j, t) = locate(x)
        let k = j + 1 == count ? 0 : j + 1, h = spacing
        let t2 = t * t, t3 = t2 * t, t4 = t3 * t, t5 = t4 * t
        let h0 = 1 - 10 * t3 + 15 * t4 - 6 * t5, h1 = t - 6 * t3 + 8 * t4 - 3 * t5
        let h2 = 0.5 * t2 - 1.5 * t3 + 1.5 * t4 - 0.5 * t5, h3 = 10 * t3 - 15 * t4 + 6 * t5
        let h4 = -4 * t3 + 7 * t4 - 3 * t5, h5 = 0.5 * t3 - t4 + 0.5 * t5
        return h0 * values[j] + h1 * h * slopes[j] + h2 * h * h * curvatures[j]
            + h3 * values[k] + h4 * h * slopes[k] + h5 * h * h * curvatures[k]
    }

    /// V′(x): the derivative of ``value(_:)``.
    @inlinable public func derivative(_ x: Double) -> Double {
        let (j, t) = locate(x)
        let k = j + 1 == count ? 0 : j + 1, h = spacing
        let t2 = t * t, t3 = t2 * t, t4 = t3 * t
        let d0 = -30 * t2 + 60 * t3 - 30 * t4, d1 = 1 - 18 * t2 + 32 * t3 - 15 * t4
        let d2 = t - 4.5 * t2 + 6 * t3 - 2.5 * t4, d3 = 30 * t2 - 60 * t3 + 30 * t4
        let d4 = -12 * t2 + 28 * t3 - 15 * t4, d5 = 1.5 * t2 - 4 * t3 + 2.5 * t4
        return (d0 * values[j] + d3 * values[k]) / h + d1 * slopes[j] + d4 * slopes[k]
            + h * (d2 * curvatures[j] + d5 * curvatures[k])
    }

    /// V″(x): the second derivative of ``value(_:)``.
    @inlinable public func secondDerivative(_ x: Double) -> Double {
        let (j, t) = locate(x)
        let k = j + 1 == count ? 0 : j + 1, h = spacing
        let t2 = t * t, t3 = t2 * t
        let e0 = -60 * t + 180 * t2 - 120 * t3, e1 = -36 * t + 96 * t2 - 60 * t3
        let e2 = 1 - 9 * t + 18 * t2 - 10 * t3, e3 = 60 * t - 180 * t2 + 120 * t3
        let e4 = -24 * t + 84 * t2 - 60 * t3, e5 = 3 * t - 12 * t2 + 10 * t3
        return (e0 * values[j] + e3 * values[k]) / (h * h) + (e1 * slopes[j] + e4 * slopes[k]) / h
            + e2 * curvatures[j] + e5 * curvatures[k]
    }

    /// V‴(x): the derivative of ``secondDerivative(_:)`` inside a cell (the interpolant is C²,
    /// so V‴ jumps at the nodes; there it is the right cell's).
    @inlinable public func thirdDerivative(_ x: Double) -> Double {
        let (j, t) = locate(x)
        let k = j + 1 == count ? 0 : j + 1, h = spacing
        let t2 = t * t
        let f0 = -60 + 360 * t - 360 * t2, f1 = -36 + 192 * t - 180 * t2
        let f2 = -9 + 36 * t - 30 * t2, f3 = 60 - 360 * t + 360 * t2
        let f4 = -24 + 168 * t - 180 * t2, f5 = 3 - 24 * t + 30 * t2
        return ((f0 * values[j] + f3 * values[k]) / (h * h) + (f1 * slopes[j] + f4 * slopes[k]) / h
            + f2 * curvatures[j] + f5 * curvatures[k]) / h
    }

    /// The field at the grid nodes (for checks of its variance and correlation).
    public var nodeValues: [Double] { values }
}

extension RandomField1D: Equatable {
    public static func == (a: RandomField1D, b: RandomField1D) -> Bool {
        a.amplitude == b.amplitude && a.correlation == b.correlation && a.seed == b.seed && a.origin == b.origin
            && a.spacing == b.spacing && a.count == b.count
    }
}

/// A smooth 1-D landscape plus a random field: L(x) = L₀(x) + V(x) (docs/theory.md §9,
/// `rough:amplitude=ε,correlation=ℓ,seed=s,of=SPEC`). The escape geometry (start, saddle,
/// next minimum, target) is the smooth landscape's — the roughness adds many shallow local
/// minima, the question is still escape from the macroscopic well. The field covers the
/// region from 3 spans left of the start minimum to 3 spans right of the next one, and is
/// periodic beyond.
public struct RoughLandscape: LandscapeFamily1D {
    public let base: LandscapeModel
    public let field: RandomField1D

    public init(base: LandscapeModel, amplitude: Double, correlation: Double, seed: UInt64) throws(InvalidParameter) {
        let points = base.criticalPoints.map(\.x)
        let low = points.min()!, high = points.max()!, span = high - low
        self.base = base
        field = try RandomField1D(amplitude: amplitude, correlation: correlation, seed: seed,
                                  domain: (low - 3 * span)...(high + 3 * span))
    }

    @inlinable public func value(_ x: Double) -> Double { base.value(x) + field.value(x) }
    @inlinable public func derivative(_ x: Double) -> Double { base.derivative(x) + field.derivative(x) }
    @inlinable public func secondDerivative(_ x: Double) -> Double { base.secondDerivative(x) + field.secondDerivative(x) }
    /// L‴ = L₀‴ + V‴: the slope of hessian noise's C and of D (step-size control, Milstein).
    @inlinable public func thirdDerivative(_ x: Double) -> Double { base.thirdDerivative(x) + field.thirdDerivative(x) }
    /// The smooth landscape's critical points (the macroscopic minima and saddle).
    public var criticalPoints: [CriticalPoint1D] { base.criticalPoints }
    public var breakpoints: [Double] { base.breakpoints }
    public var curvatureSignChanges: [Double] { base.curvatureSignChanges }
    public var spec: String {
        "rough:amplitude=\(Validate.format(field.amplitude)),correlation=\(Validate.format(field.correlation)),seed=\(field.seed),of=\(base.spec)"
    }
}

extension RoughLandscape {
    public static var family: String { "rough" }
    public static var help: String { "a smooth 1-D landscape plus a Gaussian random field of s.d. ε and correlation length ℓ (docs/theory.md §9)" }
    public static var example: String { "rough:amplitude=0.1,correlation=0.05,seed=2,of=quartic:barrier=1" }
    public static var parameters: [LandscapeParameter] {
        [.required("amplitude", "ε, the field's standard deviation, > 0"),
         .required("correlation", "ℓ, its correlation length, > 0"),
         .optional("seed", default: 1, "the field's seed, a whole number ≥ 0"),
         .required("of", "the smooth 1-D spec it roughens; takes the rest of the spec")]
    }
    public static var isSmooth: Bool { false }
    public var macroscopic: LandscapeModel { base }

    /// Not called: `of=` is a spec, not a number (``parse(body:)`` reads it).
    public static func make(_ v: [String: Double]) throws -> RoughLandscape {
        throw InvalidParameter("of", given: "missing", allowed: "rough:amplitude=ε,correlation=ℓ,seed=s,of=SPEC")
    }

    /// `amplitude=ε,correlation=ℓ,seed=s,of=SPEC` (`of=` takes the rest; SPEC 1-D and smooth).
    public static func parse(body: Substring) throws(InvalidParameter) -> RoughLandscape {
        guard let ofRange = body.range(of: "of=") else {
            throw InvalidParameter("of", given: "missing", allowed: "rough:amplitude=ε,correlation=ℓ,seed=s,of=SPEC with SPEC a 1-D spec")
        }
        let head = body[..<ofRange.lowerBound].trimmingCharacters(in: CharacterSet(charactersIn: ", "))
        let values = try LandscapeSpec.numbers(Substring(head), family: family, parameters: parameters.filter { $0.name != "of" })
        let inner = String(body[ofRange.upperBound...])
        let base = try LandscapeSpec.parse(inner)
        guard base.isSmooth else {
            throw InvalidParameter("of", given: "'\(inner)'", allowed: "a smooth 1-D spec (\(Validate.alternatives(LandscapeRegistry.families.filter { $0.isSmooth }.map { $0.family })))")
        }
        let seed = values["seed"]!
        guard seed >= 0, seed == seed.rounded(), seed < 9e15 else {
            throw InvalidParameter("seed", given: Validate.format(seed), allowed: "a whole number ≥ 0")
        }
        return try RoughLandscape(base: base, amplitude: values["amplitude"]!, correlation: values["correlation"]!,
                                  seed: UInt64(seed))
    }
}
