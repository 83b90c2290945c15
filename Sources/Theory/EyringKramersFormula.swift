import Foundation
import NumericKit

/// The Eyring–Kramers law for dX = −M∇V dt + √(2D) dW with constant M and D
/// (docs/theory.md §6; Bovier, Eckhoff, Gayrard & Klein, JEMS 6, 399, 2004; Berglund, "Kramers'
/// law: validity, derivations and generalisations", Markov Process. Relat. Fields 19, 2013):
///
///     E[τ] = (2π/μ*)·√(|det ∇²V(z)| / det ∇²V(x))·e^{ΔV/ε},
///
/// μ* the positive eigenvalue of the linearised drift −M·∇²V(z) at the index-1 saddle z. It
/// holds when e^{−V/ε} is invariant: D = ε·M_sym with M − M_sym antisymmetric and constant
/// (``gibbsTemperature(drift:diffusion:dimension:)``). For M = I this is the isotropic law
/// with μ* = |λ₁(z)|. The time is to pass well beyond the saddle; relative error O(ε/ΔV).
public enum EyringKramersFormula {
    /// ln E[τ].
    public static func logTime(drift m: [Double], hessianAtMinimum hx: [Double], hessianAtSaddle hz: [Double],
                               dimension d: Int, barrier: Double, temperature epsilon: Double) throws -> Double {
        var linear = Array(repeating: 0.0, count: d * d) // −M·H_z
        for i in 0..<d { for j in 0..<d {
            var s = 0.0
            for k in 0..<d { s += m[i * d + k] * hz[k * d + j] }
            linear[i * d + j] = -s
        } }
        let growth = try NonsymmetricEigen.eigenvalues(linear, dimension: d).filter { $0.re > 0 && abs($0.im) < 1e-12 * max(1, abs($0.re)) }
        guard growth.count == 1, let mu = growth.first?.re else {
            throw InvalidParameter("saddle", given: "\(growth.count) positive real eigenvalues of −M·∇²V(z)",
                                   allowed: "an index-1 saddle (exactly one)")
        }
        let detZ = try SymmetricEigen(symmetric: hz, dimension: d).determinant
        let detX = try SymmetricEigen(symmetric: hx, dimension: d).determinant
        return log(2 * Double.pi / mu) + 0.5 * log(abs(detZ) / detX) + barrier / epsilon
    }

    /// ε with D = ε·(M + Mᵀ)/2 to relative precision 1e-10, or nil: then e^{−V/ε} is not the
    /// invariant law and the formula does not apply.
    public static func gibbsTemperature(drift m: [Double], diffusion dm: [Double], dimension d: Int) -> Double? {
        var epsilon: Double?
        for i in 0..<d { for j in 0..<d {
            let sym = 0.5 * (m[i * d + j] + m[j * d + i])
            let dij = dm[i * d + j]
            if sym == 0 {
                if abs(dij) > 1e-12 { return nil }
                continue
            }
            let ratio = dij / sym
            if let e = epsilon {
                if abs(ratio - e) > 1e-10 * abs(e) { return nil }
            } else {
                epsilon = ratio
            }
        } }
        return epsilon.flatMap { $0 > 0 ? $0 : nil }
    }
}
