import Foundation
import NumericKit

/// The Ornstein–Uhlenbeck facts of a quadratic basin (docs/theory.md §8) for the reduced iteration
/// θ ← θ − ηP(Hθ + ξ), ξ ~ N(0, C), with P, C constant: along the Hessian eigenvector u_i
/// (h_i, p_i = u_iᵀPu_i, c_i = u_iᵀCu_i) the projection is AR(1):
///
///     φ_i = 1 − η p_i h_i,   variance η²p_i²c_i/(1 − φ_i²)  (= ηp_i/(B(2 − ηp_ih_i)) for C = H/B),
///     autocorrelation φ_i^{|k|},   τ_int = (1 + φ_i)/(1 − φ_i),
///     S_i(f) = η²p_i²c_i / (1 − 2φ_i cos 2πf + φ_i²)          (two-sided, per step, f in cycles/step),
///
/// beside the continuous-time Lorentzian of the SDE at dt = η, S_i(f) = η²p_i²c_i/((ηp_ih_i)² + (2πf)²),
/// and its variance ηp_ic_i/(2h_i) (the Lyapunov solution Σ = (η/2B)P for C = H/B). Exact when P
/// and C commute with H (`commuting`); otherwise the per-direction numbers are the diagonal of
/// the coupled process and `discreteCovariance` — the discrete Lyapunov equation
/// Σ = MΣMᵀ + η²PCP, M = I − ηPH, solved by doubling (Smith 1968) — is the exact covariance.
public struct BasinSpectrumPrediction: Sendable, Equatable, Codable {
    public struct Direction: Sendable, Equatable, Codable {
        public let curvature: Double
        public let preconditioner: Double
        public let noise: Double
        public let phi: Double
        public let variance: Double
        public let continuousVariance: Double
        public let integratedTime: Double

        /// S(f) of the AR(1) iteration.
        public func ar1Density(_ f: Double) -> Double {
            // η²p²c = (1 − φ²)·variance
            (1 - phi) * (1 + phi) * variance / (1 - 2 * phi * cos(2 * Double.pi * f) + phi * phi)
        }

        /// S(f) of the continuous Lorentzian, per step.
        public func lorentzianDensity(_ f: Double) -> Double {
            let a = 1 - phi, w = 2 * Double.pi * f
            return (1 - phi) * (1 + phi) * variance / (a * a + w * w)
        }
    }

    public let directions: [Direction]
    /// Σ of the discrete iteration (d×d row-major).
    public let discreteCovariance: [Double]
    /// Whether P and C are diagonal in the Hessian's eigenbasis (to 1e-9 relative).
    public let commuting: Bool
    /// max |eig(M)|; < 1 for a stationary iteration.
    public let stable: Bool

    /// `curvatures` h_i and unit `directions` u_i of H; P and C as d×d row-major matrices.
    public init(curvatures: [Double], directions: [[Double]], preconditioner p: [Double], noise c: [Double],
                learningRate eta: Double) {
        let d = curvatures.count
        func quadratic(_ m: [Double], _ a: [Double], _ b: [Double]) -> Double {
            var s = 0.0
            for i in 0..<d { for j in 0..<d { s += a[i] * m[i * d + j] * b[j] } }
            return s
        }
        var off = 0.0, scale = 0.0
        directions.indices.forEach { i in
            directions.indices.forEach { j in
                let vp = quadratic(p, directions[i], directions[j]), vc = quadratic(c, directions[i], directions[j])
                if i == j { scale = max(scale, abs(vp), abs(vc)) } else { off = max(off, abs(vp), abs(vc)) }
            }
        }
        commuting = off <= 1e-9 * max(scale, 1e-300)
        self.directions = (0..<d).map { i in
            let u = directions[i], h = curvatures[i]
            let pi = quadratic(p, u, u), ci = quadratic(c, u, u)
            let phi = 1 - eta * pi * h
            return Direction(curvature: h, preconditioner: pi, noise: ci, phi: phi,
                             variance: eta * eta * pi * pi * ci / ((1 - phi) * (1 + phi)),
                             continuousVariance: eta * pi * ci / (2 * h), integratedTime: (1 + phi) / (1 - phi))
        }
        stable = self.directions.allSatisfy { abs($0.phi) < 1 }
        // H = Σ h_i u_i u_iᵀ; M = I − ηPH; Q = η²PCP.
        var h = [Double](repeating: 0, count: d * d)
        for k in 0..<d { for i in 0..<d { for j in 0..<d { h[i * d + j] += curvatures[k] * directions[k][i] * directions[k][j] } } }
        func mul(_ a: [Double], _ b: [Double]) -> [Double] {
            var r = [Double](repeating: 0, count: d * d)
            for i in 0..<d { for k in 0..<d { let x = a[i * d + k]; if x != 0 { for j in 0..<d { r[i * d + j] += x * b[k * d + j] } } } }
            return r
        }
        func transpose(_ a: [Double]) -> [Double] { (0..<(d * d)).map { a[($0 % d) * d + $0 / d] } }
        let ph = mul(p, h)
        var m = (0..<(d * d)).map { ($0 / d == $0 % d ? 1 : 0) - eta * ph[$0] }
        var sigma = mul(mul(p, c), transpose(p)).map { eta * eta * $0 }
        // Doubling: Σ ← Σ + MΣMᵀ, M ← M²; after k rounds Σ sums 2^k terms of the series.
        for _ in 0..<60 where stable {
            sigma = zip(sigma, mul(mul(m, sigma), transpose(m))).map { $0 + $1 }
            m = mul(m, m)
            if m.map(abs).max()! < 1e-17 { break }
        }
        discreteCovariance = stable ? sigma : [Double](repeating: .infinity, count: d * d)
    }
}
