import NumericKit

/// A critical point of a d-dimensional landscape with its Hessian spectrum (GSL
/// `gsl_eigen_symmv`): eigenvalues ascending, unit eigenvectors, Morse index, determinant,
/// and for an index-1 saddle the escape direction (the unstable eigenvector).
public struct CriticalPointND: Sendable, Equatable, Codable {
    public let x: [Double]
    public let value: Double
    public let eigenvalues: [Double]
    /// `eigenvectors[k]` belongs to `eigenvalues[k]`.
    public let eigenvectors: [[Double]]
    /// The number of negative eigenvalues: 0 a minimum, 1 a saddle.
    public let index: Int
    /// det ∇²L = Πλ.
    public let determinant: Double
    /// The |∇L| at x (how well the point was converged).
    public let gradientNorm: Double

    public init<L: LandscapeND>(at x: [Double], of landscape: L) throws {
        let spectrum = try SymmetricEigen(symmetric: landscape.hessian(x), dimension: landscape.dimension)
        var g = Array(repeating: 0.0, count: x.count)
        landscape.gradient(x, into: &g)
        self.x = x
        value = landscape.value(x)
        eigenvalues = spectrum.values
        eigenvectors = spectrum.vectors
        index = spectrum.negativeCount
        determinant = spectrum.determinant
        gradientNorm = g.reduce(0) { $0 + $1 * $1 }.squareRoot()
    }

    /// The unstable eigenvector of an index-1 saddle (sign arbitrary); nil otherwise.
    public var escapeDirection: [Double]? { index == 1 ? eigenvectors[0] : nil }

    public var kind: String { index == 0 ? "minimum" : index == 1 ? "saddle" : "index-\(index)" }
}
