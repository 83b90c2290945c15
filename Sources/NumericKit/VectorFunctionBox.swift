import CGSL

/// Carries the Swift closures of a multi-dimensional objective through GSL's `void *params`
/// (the vector counterpart of ``CallbackBox``), copying between `gsl_vector`/`gsl_matrix`
/// and Swift arrays, and keeping the first error a closure threw.
final class VectorFunctionBox {
    let n: Int
    /// f(x) → scalar (minimisation) — or nil for a root problem.
    let scalar: (([Double]) throws -> Double)?
    /// x → vector: the gradient (minimisation) or F(x) (root finding), n entries.
    let vector: ([Double], inout [Double]) throws -> Void
    /// x → Jacobian, row-major n×n (root finding only).
    let jacobian: (([Double], inout [Double]) throws -> Void)?
    var error: (any Error)?
    var x: [Double]
    var out: [Double]
    var matrix: [Double]

    init(n: Int, scalar: (([Double]) throws -> Double)?, vector: @escaping ([Double], inout [Double]) throws -> Void,
         jacobian: (([Double], inout [Double]) throws -> Void)?) {
        self.n = n; self.scalar = scalar; self.vector = vector; self.jacobian = jacobian
        x = Array(repeating: 0, count: n); out = x; matrix = Array(repeating: 0, count: n * n)
    }

    static func from(_ params: UnsafeMutableRawPointer?) -> VectorFunctionBox {
        Unmanaged<VectorFunctionBox>.fromOpaque(params!).takeUnretainedValue()
    }

    func load(_ v: UnsafePointer<gsl_vector>?) {
        for i in 0..<n { x[i] = gsl_vector_get(v, i) }
    }

    func value(_ v: UnsafePointer<gsl_vector>?) -> Double {
        load(v)
        guard error == nil, let scalar else { return .nan }
        do { return try scalar(x) } catch { self.error = error; return .nan }
    }

    func vectorValue(_ v: UnsafePointer<gsl_vector>?, into result: UnsafeMutablePointer<gsl_vector>?) -> Int32 {
        load(v)
        if error == nil {
            do { try vector(x, &out) } catch { self.error = error }
        }
        for i in 0..<n { gsl_vector_set(result, i, error == nil ? out[i] : .nan) }
        return error == nil ? Int32(GSL_SUCCESS) : Int32(GSL_EBADFUNC)
    }

    func jacobianValue(_ v: UnsafePointer<gsl_vector>?, into result: UnsafeMutablePointer<gsl_matrix>?) -> Int32 {
        load(v)
        if error == nil, let jacobian {
            do { try jacobian(x, &matrix) } catch { self.error = error }
        }
        for i in 0..<n { for j in 0..<n { gsl_matrix_set(result, i, j, error == nil ? matrix[i * n + j] : .nan) } }
        return error == nil ? Int32(GSL_SUCCESS) : Int32(GSL_EBADFUNC)
    }
}

/// Copies a Swift array into a new `gsl_vector` (caller frees).
func makeVector(_ values: [Double]) -> UnsafeMutablePointer<gsl_vector> {
    guard let v = gsl_vector_alloc(values.count) else { fatalError("gsl_vector_alloc failed: out of memory") }
    for (i, x) in values.enumerated() { gsl_vector_set(v, i, x) }
    return v
}

func readVector(_ v: UnsafePointer<gsl_vector>?, count n: Int) -> [Double] {
    (0..<n).map { gsl_vector_get(v, $0) }
}
