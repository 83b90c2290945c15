import Testing
@testable import NumericKit

@Suite("RandomStream: GSL generators, ziggurat Gaussians, per-trajectory streams")
struct RandomStreamTests {
    /// Sample moments of 10⁶ ziggurat draws against N(0,1), each within 5 standard errors
    /// (SE of the mean 1/√n, of the variance √(2/n), of the 4th moment √(96/n)).
    @Test func gaussianMoments() {
        let stream = RandomStream(seed: 12345)
        let n = 1_000_000
        var s1 = 0.0, s2 = 0.0, s3 = 0.0, s4 = 0.0
        for _ in 0..<n {
            let z = stream.gaussian()
            s1 += z; s2 += z * z; s3 += z * z * z; s4 += z * z * z * z
        }
        let m = Double(n)
        #expect(abs(s1 / m) < 5 / m.squareRoot())
        #expect(abs(s2 / m - 1) < 5 * (2 / m).squareRoot())
        #expect(abs(s3 / m) < 5 * (15 / m).squareRoot())
        #expect(abs(s4 / m - 3) < 5 * (96 / m).squareRoot())
    }

    @Test func uniformIsInUnitInterval() {
        let stream = RandomStream(seed: 3)
        var sum = 0.0
        let n = 200_000
        for _ in 0..<n {
            let u = stream.uniform()
            #expect(u >= 0 && u < 1)
            sum += u
        }
        #expect(abs(sum / Double(n) - 0.5) < 5 * (1.0 / 12 / Double(n)).squareRoot())
    }

    @Test(arguments: RandomGenerator.allCases)
    func sameSeedSameNumbers(generator: RandomGenerator) {
        let a = generator.makeSource(seed: 42), b = generator.makeSource(seed: 42)
        for _ in 0..<1000 { #expect(a.gaussian() == b.gaussian() && a.uniform() == b.uniform()) }
    }

    @Test func reseedRestartsTheStream() {
        let stream = RandomStream(runSeed: 9, stream: 5)
        let first = (0..<100).map { _ in stream.gaussian() }
        _ = (0..<1000).map { _ in stream.uniform() }
        stream.reseed(runSeed: 9, stream: 5)
        #expect((0..<100).map { _ in stream.gaussian() } == first)
    }

    /// Neighbouring streams of one run are uncorrelated: |corr| < 5/√n.
    @Test func streamsAreIndependent() {
        let n = 100_000
        for (i, j) in [(0, 1), (1, 2), (0, 1000)] {
            let a = RandomStream(runSeed: 1, stream: i), b = RandomStream(runSeed: 1, stream: j)
            var sab = 0.0
            for _ in 0..<n { sab += a.gaussian() * b.gaussian() }
            #expect(abs(sab / Double(n)) < 5 / Double(n).squareRoot(), "streams \(i) and \(j)")
        }
    }

    @Test func streamSeedsDependOnRunAndIndex() {
        let seeds = Set((0..<10_000).map { StreamSeeding.streamSeed(run: 1, stream: UInt64($0)) })
        #expect(seeds.count == 10_000)
        #expect(StreamSeeding.streamSeed(run: 1, stream: 0) != StreamSeeding.streamSeed(run: 2, stream: 0))
        // SplitMix64's published first output for state 0 (Vigna's reference implementation).
        #expect(StreamSeeding.splitmix64(0) == 0xE220_A839_7B1D_CDAF)
    }
}
