import Foundation
import Testing
@testable import NumericKit

/// LaneMath's square roots are the IEEE square root: bit for bit `squareRoot()`, scalar and on
/// every lane, including zeros of both signs, subnormals, infinity and negative arguments (NaN).
@Suite("Lane square roots")
struct LaneMathTests {
    @Test func equalsSquareRootBitForBit() {
        var values: [Double] = [0, -0.0, .leastNonzeroMagnitude, .leastNormalMagnitude, 1, 2, 0.1, 1e300, .greatestFiniteMagnitude, .infinity]
        let random = FastRandomStream(runSeed: 11, stream: 0)
        for _ in 0..<4000 { values.append(exp(40 * random.gaussian())) }
        for x in values { #expect(LaneMath.squareRoot(x).bitPattern == x.squareRoot().bitPattern, "√\(x)") }
        for start in stride(from: 0, to: values.count - 8, by: 8) {
            let v = SIMD8<Double>(values[start..<(start + 8)])
            let roots = LaneMath.squareRoot(v)
            for k in 0..<8 { #expect(roots[k].bitPattern == v[k].squareRoot().bitPattern) }
        }
        #expect(LaneMath.squareRoot(-1.0).isNaN && LaneMath.squareRoot(SIMD8<Double>(repeating: -4))[3].isNaN)
    }
}
