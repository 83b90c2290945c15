import Landscapes

/// A reduced SDE whose drift is affine and whose diffusion coefficient is constant on each of
/// a few pieces: on piece k
///
///     μ(x) = −Pₖ·(sₖ·(x − mₖ)),    g(x) = gₖ,
///
/// where L′ = sₖ·(x − mₖ) (``AffineGradientPieces``; on a mirror image −(sₖ·(−x − mₖ))) and C, hence P(C) and g = P·√(ηC), is
/// constant (``GradientNoise1D/constantVarianceThresholds``): pq with hessian, frozen or
/// isotropic noise, under any preconditioner. The pieces are the common refinement of the
/// landscape's and the noise's, and every coefficient is the scalar code's own value at a point
/// inside the piece — so a loop that selects a piece's coefficients by comparisons computes
/// ``ReducedSDE/drift(_:)`` and ``ReducedSDE/diffusion(_:)`` bit for bit, without branches or
/// square roots (the fast engine's lanes, ``PiecewiseAffineEulerLanes``; docs/performance.md).
public struct PiecewiseAffineSDE: Sendable, Equatable {
    /// The thresholds between pieces, sorted as ``PieceThreshold/merged(_:_:)`` sorts them.
    public let thresholds: [PieceThreshold]
    /// −Pₖ, sₖ, mₖ and gₖ, one per piece.
    public let negatedPreconditioners: [Double]
    public let slopes: [Double]
    public let centres: [Double]
    public let diffusions: [Double]
    /// Whether L′ is the mirror's −(sₖ·(−x − mₖ)) (``AffineGradientPieces/isMirrored``).
    public let isMirrored: Bool

    /// The form of `sde`, or nil when its landscape's gradient is not affine piece by piece
    /// or its noise's variance not constant piece by piece.
    public init?<L: Landscape1D, N: GradientNoise1D, P: Preconditioner1D>(_ sde: ReducedSDE<L, N, P>) {
        guard let gradient = sde.landscape.affineGradientPieces, let variance = sde.noise.constantVarianceThresholds,
              let refinement = gradient.refined(by: variance) else { return nil }
        thresholds = refinement.thresholds
        isMirrored = gradient.isMirrored
        negatedPreconditioners = refinement.points.map { -sde.preconditioner.factor(variance: sde.noise.variance(at: $0)) }
        slopes = refinement.gradientPieces.map { gradient.slopes[$0] }
        centres = refinement.gradientPieces.map { gradient.centres[$0] }
        diffusions = refinement.points.map(sde.diffusion)
    }

    /// The piece containing x.
    public func piece(of x: Double) -> Int { PieceThreshold.piece(of: x, among: thresholds) }

    /// μ(x) as the pieces give it (for tests; the lanes select the same values).
    public func drift(_ x: Double) -> Double {
        let k = piece(of: x)
        return negatedPreconditioners[k] * (isMirrored ? -(slopes[k] * (-x - centres[k])) : slopes[k] * (x - centres[k]))
    }

    /// g(x) as the pieces give it.
    public func diffusion(_ x: Double) -> Double { diffusions[piece(of: x)] }
}

extension ScalarSDE {
    public var piecewiseAffineForm: PiecewiseAffineSDE? { nil }
}

extension ReducedSDE {
    public var piecewiseAffineForm: PiecewiseAffineSDE? { PiecewiseAffineSDE(self) }
}
