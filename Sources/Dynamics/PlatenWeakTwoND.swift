import Landscapes
import NumericKit

extension DiffusionND {
    /// ``PlatenWeakTwo``'s step on every coordinate at once, where the coordinates decouple
    /// (∇²L diagonal: coordinate i's drift μᵢ and coefficient gᵢ depend on θᵢ alone, the noise
    /// is diagonal, and the SDE is d independent scalar SDEs — Kloeden & Platen (1992) §15.1,
    /// whose diagonal-noise scheme needs no mixed multiple integrals then):
    ///
    ///     θ′ᵢ = θᵢ + ½(μᵢ(θ̄) + μᵢ)dt + ¼(gᵢ(θ⁺) + gᵢ(θ⁻) + 2gᵢ)ΔWᵢ + ¼(gᵢ(θ⁺) − gᵢ(θ⁻))(ΔWᵢ² − dt)/√dt,
    ///     θ̄ᵢ = θᵢ + μᵢdt + gᵢΔWᵢ,   θ±ᵢ = θᵢ + μᵢdt ± gᵢ√dt,   ΔWᵢ = √dt·zᵢ.
    ///
    /// Because coordinate i of the vector θ⁺ enters only gᵢ, one evaluation at each of the
    /// vectors θ̄, θ⁺, θ⁻ serves every coordinate: four ``prepare(_:)`` per step.
    ///
    /// On entry ws.theta = θ and ws.z = z; on return ws.accumulated = θ′, ws.origin = θ,
    /// ws.drift = μ(θ); ws.theta is left at θ̄. Returns nᵀPCPn at θ for `normal` (the bridge's
    /// variance rate, before η·dt).
    @inlinable
    public func platenStep(_ ws: WorkspaceND, dt: Double, sqrtDt: Double, normal: UnsafeBufferPointer<Double>) -> Double {
        precondition(!needsEigen)
        let d = ws.d, eta = learningRate
        prepare(ws)
        let variance = normalVariance(normal, ws)
        for i in 0..<d {
            let mu = -ws.factor[i] * ws.grad[i], g = ws.factor[i] * (eta * ws.diagC[i]).squareRoot()
            let x = ws.theta[i]
            ws.origin[i] = x; ws.drift[i] = mu; ws.coefficient[i] = g
            ws.accumulated[i] = x + 0.5 * mu * dt + 0.5 * g * sqrtDt * ws.z[i]
            ws.theta[i] = x + mu * dt + g * sqrtDt
        }
        prepare(ws)                                                            // θ⁺
        for i in 0..<d {
            let z = ws.z[i], gPlus = ws.factor[i] * (eta * ws.diagC[i]).squareRoot()
            ws.accumulated[i] += 0.25 * gPlus * sqrtDt * (z + (z * z - 1))
            ws.theta[i] = ws.origin[i] + ws.drift[i] * dt - ws.coefficient[i] * sqrtDt
        }
        prepare(ws)                                                            // θ⁻
        for i in 0..<d {
            let z = ws.z[i], gMinus = ws.factor[i] * (eta * ws.diagC[i]).squareRoot()
            ws.accumulated[i] += 0.25 * gMinus * sqrtDt * (z - (z * z - 1))
            ws.theta[i] = ws.origin[i] + ws.drift[i] * dt + ws.coefficient[i] * sqrtDt * z
        }
        prepare(ws)                                                            // θ̄
        for i in 0..<d { ws.accumulated[i] += -0.5 * ws.factor[i] * ws.grad[i] * dt }
        return variance
    }
}
