import CGSL

/// Eigenvalues of a real non-symmetric matrix by GSL's `gsl_eigen_nonsymm` (Francis
/// double-shift QR), as (real, imaginary) pairs in GSL's order.
public enum NonsymmetricEigen {
    public static func eigenvalues(_ matrix: [Double], dimension n: Int) throws -> [(re: Double, im: Double)] {
        precondition(n > 0 && matrix.count == n * n, "matrix must hold n×n entries")
        GSLRuntime.prepare()
        guard let a = gsl_matrix_alloc(n, n), let eval = gsl_vector_complex_alloc(n), let work = gsl_eigen_nonsymm_alloc(n) else {
            fatalError("GSL allocation failed: out of memory")
        }
        defer { gsl_matrix_free(a); gsl_vector_complex_free(eval); gsl_eigen_nonsymm_free(work) }
        for i in 0..<n { for j in 0..<n { gsl_matrix_set(a, i, j, matrix[i * n + j]) } }
        try checkGSL(gsl_eigen_nonsymm(a, eval, work), "gsl_eigen_nonsymm")
        return (0..<n).map { k in
            let z = gsl_vector_complex_get(eval, k)
            return (z.dat.0, z.dat.1)
        }
    }
}
