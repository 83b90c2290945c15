import Landscapes

/// The covariance C(θ) of the stochastic-gradient noise ξ, in 1-D a variance
/// (docs/theory.md §2). The optimizer sees g = L′(θ) + ξ with ξ ~ N(0, C(θ)).
public protocol GradientNoise1D: Sendable {
    /// C(x) > 0.
    func variance(at x: Double) -> Double
    /// dC/dx, for the Milstein correction.
    func varianceSlope(at x: Double) -> Double
    /// Points where C jumps (quadrature splits there).
    var breakpoints: [Double] { get }
    /// Where C is constant piece by piece, with the pieces' thresholds tested as `variance(at:)`
    /// tests them: the thresholds (empty where C is constant); nil for a C that varies within
    /// pieces. The fast engine's SIMD lanes then select C's piece instead of computing it
    /// (``PiecewiseAffineSDE``).
    var constantVarianceThresholds: [PieceThreshold]? { get }
}

extension GradientNoise1D {
    public var constantVarianceThresholds: [PieceThreshold]? { nil }
}

/// The covariance C(θ) in d dimensions, as ``DiffusionND`` evaluates it at every step
/// (docs/theory.md §2): its diagonal, and where C is not diagonal its eigen-decomposition.
public protocol GradientNoiseND: Sendable {
    /// Whether C does not depend on θ: then ``fill(_:on:needsEigen:)`` is called once per workspace.
    static var isConstant: Bool { get }
    /// Whether, on `landscape`, C needs an eigen-decomposition (C not diagonal).
    func needsEigen<L: LandscapeND>(on landscape: L) -> Bool
    /// At ws.theta: C's diagonal into ws.diagC; with `needsEigen` also C's eigenvalues into
    /// ws.noiseEigen and its eigenvectors into ws.vectors (row-major, one per column).
    func fill<L: LandscapeND>(_ ws: WorkspaceND, on landscape: L, needsEigen: Bool)
}
