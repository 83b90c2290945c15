import CGSL

/// Eigen-decomposition of a real symmetric matrix, A = V·diag(λ)·Vᵀ, by GSL's
/// `gsl_eigen_symmv` (Householder tridiagonalisation + implicit QR), sorted ascending.
public struct SymmetricEigen: Sendable, Equatable {
    /// Eigenvalues λ₁ ≤ λ₂ ≤ … ≤ λₙ.
    public let values: [Double]
    /// Unit eigenvectors; `vectors[k]` belongs to `values[k]`.
    public let vectors: [[Double]]

    /// Decomposes the n×n symmetric matrix given row-major in `matrix` (only its
    /// lower triangle is read).
    public init(symmetric matrix: [Double], dimension n: Int) throws {
        precondition(n > 0 && matrix.count == n * n, "matrix must hold n×n entries")
        GSLRuntime.prepare()
        guard let a = gsl_matrix_alloc(n, n), let evec = gsl_matrix_alloc(n, n),
              let eval = gsl_vector_alloc(n), let work = gsl_eigen_symmv_alloc(n) else {
            fatalError("GSL allocation failed: out of memory")
        }
        defer {
            gsl_matrix_free(a); gsl_matrix_free(evec); gsl_vector_free(eval); gsl_eigen_symmv_free(work)
        }
        for i in 0..<n { for j in 0..<n { gsl_matrix_set(a, i, j, matrix[i * n + j]) } }
        try checkGSL(gsl_eigen_symmv(a, eval, evec, work), "gsl_eigen_symmv")
        try checkGSL(gsl_eigen_symmv_sort(eval, evec, GSL_EIGEN_SORT_VAL_ASC), "gsl_eigen_symmv_sort")
        values = (0..<n).map { gsl_vector_get(eval, $0) }
        vectors = (0..<n).map { k in (0..<n).map { i in gsl_matrix_get(evec, i, k) } }
    }

    /// det A = Πλ.
    public var determinant: Double { values.reduce(1, *) }
    /// The number of negative eigenvalues (the Morse index of a critical point).
    public var negativeCount: Int { values.filter { $0 < 0 }.count }
}
