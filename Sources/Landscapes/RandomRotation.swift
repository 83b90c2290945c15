import NumericKit

/// A seeded random rotation Q ∈ O(d), Haar-distributed: the Q of the QR decomposition of a
/// matrix of independent standard normals with R's diagonal made positive (Mezzadri, "How to
/// generate random matrices from the classical compact groups", Notices AMS 54, 2007), here by
/// modified Gram–Schmidt on the columns, which yields that R directly. Row-major.
public struct RandomRotation: Sendable, Equatable {
    public let dimension: Int
    public let seed: UInt64
    /// Q, row-major: Q[i·d + j].
    public let matrix: [Double]

    public init(dimension d: Int, seed: UInt64) {
        self.dimension = d
        self.seed = seed
        let stream = RandomStream(seed: StreamSeeding.streamSeed(run: seed, stream: 0))
        var columns = (0..<d).map { _ in (0..<d).map { _ in stream.gaussian() } }
        for j in 0..<d {
            for k in 0..<j {
                let dot = zip(columns[j], columns[k]).reduce(0) { $0 + $1.0 * $1.1 }
                for i in 0..<d { columns[j][i] -= dot * columns[k][i] }
            }
            let norm = columns[j].reduce(0) { $0 + $1 * $1 }.squareRoot()
            for i in 0..<d { columns[j][i] /= norm }
        }
        var q = Array(repeating: 0.0, count: d * d)
        for i in 0..<d { for j in 0..<d { q[i * d + j] = columns[j][i] } }
        matrix = q
    }

    /// y = Q·x.
    @inlinable public func apply(_ x: UnsafeBufferPointer<Double>, into y: UnsafeMutableBufferPointer<Double>) {
        let d = dimension
        for i in 0..<d {
            var s = 0.0
            for j in 0..<d { s += matrix[i * d + j] * x[j] }
            y[i] = s
        }
    }

    /// y = Qᵀ·x.
    @inlinable public func applyTransposed(_ x: UnsafeBufferPointer<Double>, into y: UnsafeMutableBufferPointer<Double>) {
        let d = dimension
        for i in 0..<d { y[i] = 0 }
        for j in 0..<d {
            let xj = x[j]
            for i in 0..<d { y[i] += matrix[j * d + i] * xj }
        }
    }
}
