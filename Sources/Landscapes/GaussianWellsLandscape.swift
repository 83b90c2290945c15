import Foundation
import NumericKit

/// `gaussian-wells` (docs/theory.md §5):
///
///     L(θ) = −Σⱼ Aⱼ·exp(−|θ − μⱼ|²/(2σⱼ²)),
///     ∇L = Σⱼ eⱼ(θ − μⱼ)/σⱼ²,   ∇²L = Σⱼ eⱼ[I/σⱼ² − (θ − μⱼ)(θ − μⱼ)ᵀ/σⱼ⁴],   eⱼ = Aⱼ·exp(…).
///
/// The spec form places a sharp well (width `sharp`) at −separation/2 and a flat one
/// (width `flat`) at +separation/2 on the θ₁ axis; a JSON file gives any centres, widths
/// and depths. Far from every well L → 0, above the saddle between overlapping wells.
public struct GaussianWellsLandscape: LandscapeND, Equatable {
    public let centers: [[Double]]
    public let widths: [Double]
    public let depths: [Double]
    public let dimension: Int

    public init(centers: [[Double]], widths: [Double], depths: [Double]) throws(InvalidParameter) {
        guard let d = centers.first?.count, d >= 1, centers.allSatisfy({ $0.count == d }) else {
            throw InvalidParameter("centers", given: "\(centers.map(\.count))", allowed: "one or more centres of equal dimension ≥ 1")
        }
        guard widths.count == centers.count, depths.count == centers.count else {
            throw InvalidParameter("widths", given: "\(widths.count) widths, \(depths.count) depths for \(centers.count) centres",
                                   allowed: "one width and one depth per centre")
        }
        for w in widths { try Validate.positive(w, "widths") }
        for a in depths { try Validate.positive(a, "depths") }
        for c in centers { for x in c { try Validate.finite(x, "centers") } }
        self.centers = centers; self.widths = widths; self.depths = depths; dimension = d
    }

    /// A sharp and a flat well on the θ₁ axis.
    public init(dimension d: Int, sharp: Double, flat: Double, separation: Double, depthSharp: Double, depthFlat: Double) throws(InvalidParameter) {
        guard d >= 1 && d <= 1000 else { throw InvalidParameter("d", given: "\(d)", allowed: "a whole number in 1…1000") }
        try Validate.positive(separation, "separation")
        var left = Array(repeating: 0.0, count: d), right = left
        left[0] = -separation / 2; right[0] = separation / 2
        try self.init(centers: [left, right], widths: [sharp, flat], depths: [depthSharp, depthFlat])
    }

    @inlinable func weight(_ j: Int, _ theta: UnsafeBufferPointer<Double>) -> Double {
        var r2 = 0.0
        for i in 0..<dimension { let u = theta[i] - centers[j][i]; r2 += u * u }
        return depths[j] * exp(-r2 / (2 * widths[j] * widths[j]))
    }

    @inlinable public func value(_ theta: UnsafeBufferPointer<Double>) -> Double {
        var sum = 0.0
        for j in 0..<centers.count { sum -= weight(j, theta) }
        return sum
    }

    @inlinable public func gradient(_ theta: UnsafeBufferPointer<Double>, into g: UnsafeMutableBufferPointer<Double>) {
        for i in 0..<dimension { g[i] = 0 }
        for j in 0..<centers.count {
            let e = weight(j, theta) / (widths[j] * widths[j])
            for i in 0..<dimension { g[i] += e * (theta[i] - centers[j][i]) }
        }
    }

    @inlinable public func hessian(_ theta: UnsafeBufferPointer<Double>, into h: UnsafeMutableBufferPointer<Double>) {
        let d = dimension
        for n in 0..<(d * d) { h[n] = 0 }
        for j in 0..<centers.count {
            let s2 = widths[j] * widths[j]
            let e = weight(j, theta) / s2
            for a in 0..<d {
                let ua = theta[a] - centers[j][a]
                h[a * d + a] += e
                for b in 0..<d { h[a * d + b] -= e * ua * (theta[b] - centers[j][b]) / s2 }
            }
        }
    }

    public var startingPoints: [[Double]] { centers }
    public var hasDiagonalHessian: Bool { false }
    /// Smooth everywhere.
    public var axisBreakpoints: [[Double]] { Array(repeating: [], count: dimension) }
    public var spec: String {
        if centers.count == 2, centers[0].count == dimension,
           centers[0].dropFirst().allSatisfy({ $0 == 0 }), centers[1].dropFirst().allSatisfy({ $0 == 0 }),
           centers[0][0] == -centers[1][0], centers[0][0] < 0 {
            return "gaussian-wells:d=\(dimension),sharp=\(Validate.format(widths[0])),flat=\(Validate.format(widths[1])),separation=\(Validate.format(2 * centers[1][0])),depthSharp=\(Validate.format(depths[0])),depthFlat=\(Validate.format(depths[1]))"
        }
        return "gaussian-wells:\(centers.count) wells in d=\(dimension) (from a JSON file)"
    }
}
