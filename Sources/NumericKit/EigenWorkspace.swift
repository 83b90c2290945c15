import CGSL

/// A reusable `gsl_eigen_symmv` workspace for repeated decompositions of n×n symmetric
/// matrices inside a hot loop: every buffer is allocated once, in `init`, so
/// ``decompose(_:values:vectors:)`` does not allocate. One per thread (it is mutable).
public final class EigenWorkspace {
    public let dimension: Int
    private let a: UnsafeMutablePointer<gsl_matrix>
    private let evec: UnsafeMutablePointer<gsl_matrix>
    private let eval: UnsafeMutablePointer<gsl_vector>
    private let work: OpaquePointer

    public init(dimension n: Int) {
        precondition(n > 0)
        GSLRuntime.prepare()
        guard let a = gsl_matrix_alloc(n, n), let evec = gsl_matrix_alloc(n, n),
              let eval = gsl_vector_alloc(n), let work = gsl_eigen_symmv_alloc(n) else {
            fatalError("GSL allocation failed: out of memory")
        }
        dimension = n; self.a = a; self.evec = evec; self.eval = eval; self.work = OpaquePointer(work)
    }

    deinit {
        gsl_matrix_free(a); gsl_matrix_free(evec); gsl_vector_free(eval)
        gsl_eigen_symmv_free(UnsafeMutablePointer(work))
    }

    /// A = V·diag(λ)·Vᵀ for the row-major symmetric `matrix`; `vectors` receives V
    /// row-major (column k is the k-th eigenvector). Unsorted. A GSL failure leaves NaNs.
    public func decompose(_ matrix: UnsafeBufferPointer<Double>, values: UnsafeMutableBufferPointer<Double>,
                          vectors: UnsafeMutableBufferPointer<Double>) {
        let n = dimension
        for i in 0..<n { for j in 0..<n { gsl_matrix_set(a, i, j, matrix[i * n + j]) } }
        if gsl_eigen_symmv(a, eval, evec, UnsafeMutablePointer(work)) != Int32(GSL_SUCCESS) {
            for k in 0..<n { values[k] = .nan }
            return
        }
        for k in 0..<n { values[k] = gsl_vector_get(eval, k) }
        for i in 0..<n { for j in 0..<n { vectors[i * n + j] = gsl_matrix_get(evec, i, j) } }
    }
}
