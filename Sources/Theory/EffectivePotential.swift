import Dynamics
import NumericKit

/// The effective potential of a scalar Itô SDE dX = μ dt + √(2D) dW (docs/theory.md §3):
///
///     Φ(x) = −∫_{x_ref}^x μ(u)/D(u) du,
///
/// for a reduced optimizer SDE Φ′ = P·L′/D = (2/η)·L′/(P·C). The stationary density is
/// ∝ e^{−Φ}/D and ΔΦ, not ΔL, sets the escape time. Φ is always obtained by quadrature,
/// never assumed (docs/theory.md §2).
///
/// Φ is tabulated at `nodes` by adaptive quadrature cell by cell (every breakpoint of μ
/// or D is a node, so each cell's integrand is smooth); between nodes it is one more
/// quadrature from the cell's left node.
public final class EffectivePotential<S: ScalarSDE> {
    public let sde: S
    /// Increasing abscissae covering the domain of interest.
    public let nodes: [Double]
    /// Φ at `nodes`, with Φ(nodes[0]) = 0.
    public let values: [Double]
    private let quadrature = Quadrature()

    /// The integrand −μ/D of Φ.
    @inlinable public static func slope(_ sde: S, _ x: Double) -> Double {
        let g = sde.diffusion(x)
        return -2 * sde.drift(x) / (g * g)
    }

    public init(sde: S, nodes: [Double]) throws {
        precondition(nodes.count >= 2, "need at least two nodes")
        self.sde = sde
        self.nodes = nodes
        var values = [0.0]
        let cells = Quadrature()
        for k in 1..<nodes.count {
            // Φ matters to ~1e-13 absolute; a cell around a critical point integrates to ≈ 0,
            // where a relative tolerance alone cannot be met.
            let piece = try cells.integrate(from: nodes[k - 1], to: nodes[k], absoluteTolerance: 1e-13, relativeTolerance: 1e-12) {
                Self.slope(sde, $0)
            }
            values.append(values[k - 1] + piece.value)
        }
        self.values = values
    }

    /// The index k of the cell [nodes[k], nodes[k+1]) holding x (clamped to the table).
    public func cell(of x: Double) -> Int {
        var lo = 0, hi = nodes.count - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if nodes[mid] <= x { lo = mid } else { hi = mid }
        }
        return lo
    }

    /// Φ(x), relative to Φ(nodes[0]) = 0.
    public func callAsFunction(_ x: Double) throws -> Double {
        let k = cell(of: x)
        if x == nodes[k] { return values[k] }
        let sde = self.sde
        return values[k] + (try quadrature.integrate(from: nodes[k], to: x, absoluteTolerance: 1e-13, relativeTolerance: 1e-12) {
            Self.slope(sde, $0)
        }).value
    }

    /// D(x) = g(x)²/2.
    @inlinable public func diffusivity(_ x: Double) -> Double {
        let g = sde.diffusion(x)
        return 0.5 * g * g
    }
}
