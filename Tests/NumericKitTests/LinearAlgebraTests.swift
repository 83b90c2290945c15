import Foundation
import Testing
@testable import NumericKit

@Suite("Symmetric eigen-decomposition, line fits, distributions")
struct LinearAlgebraTests {
    /// [[2,1],[1,2]] has eigenvalues 1 and 3 with eigenvectors (1,−1)/√2 and (1,1)/√2.
    @Test func twoByTwo() throws {
        let e = try SymmetricEigen(symmetric: [2, 1, 1, 2], dimension: 2)
        #expect(abs(e.values[0] - 1) < 1e-14 && abs(e.values[1] - 3) < 1e-14)
        #expect(abs(abs(e.vectors[1][0]) - 1 / 2.0.squareRoot()) < 1e-14)
        #expect(abs(e.vectors[0][0] + e.vectors[0][1]) < 1e-14)
        #expect(abs(e.determinant - 3) < 1e-13)
        #expect(e.negativeCount == 0)
    }

    /// The 1-D discrete Laplacian tridiag(−1, 2, −1) of size n has eigenvalues
    /// 2 − 2cos(kπ/(n+1)), k = 1…n.
    @Test func laplacianSpectrum() throws {
        let n = 12
        var m = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            m[i * n + i] = 2
            if i > 0 { m[i * n + i - 1] = -1; m[(i - 1) * n + i] = -1 }
        }
        let e = try SymmetricEigen(symmetric: m, dimension: n)
        for k in 1...n {
            #expect(abs(e.values[k - 1] - (2 - 2 * cos(Double(k) * .pi / Double(n + 1)))) < 1e-13)
        }
    }

    @Test func indefiniteMatrixHasIndexOne() throws {
        let e = try SymmetricEigen(symmetric: [-4, 0, 0, 8], dimension: 2)
        #expect(e.negativeCount == 1)
        #expect(e.values == [-4, 8])
    }

    @Test func exactLineIsRecovered() throws {
        let x = (0..<10).map(Double.init)
        let fit = try LineFit(x: x, y: x.map { 3 - 0.5 * $0 })
        #expect(abs(fit.slope + 0.5) < 1e-13 && abs(fit.intercept - 3) < 1e-13)
        #expect(fit.slopeStandardError < 1e-12)
    }

    /// Weighted fit: cov(slope) = 1/Σw(x − x̄_w)² for known errors.
    @Test func weightedSlopeError() throws {
        let x = [0.0, 1, 2, 3]
        let w = [1.0, 4, 4, 1]
        let fit = try LineFit(x: x, y: [1, 2.1, 2.9, 4.2], weights: w)
        let xbar = zip(x, w).map(*).reduce(0, +) / w.reduce(0, +)
        let sxx = zip(x, w).map { $1 * ($0 - xbar) * ($0 - xbar) }.reduce(0, +)
        #expect(abs(fit.slopeStandardError - (1 / sxx).squareRoot()) < 1e-12)
    }

    @Test func quantiles() {
        #expect(abs(Distributions.normalQuantile(0.975) - 1.959963984540054) < 1e-12)
        #expect(abs(Distributions.studentTQuantile(0.975, degreesOfFreedom: 10) - 2.228138851986274) < 1e-9)
        #expect(abs(Distributions.chiSquaredQuantile(0.5, degreesOfFreedom: 2) - 2 * log(2)) < 1e-12)
    }
}
