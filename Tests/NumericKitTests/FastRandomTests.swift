import Testing
@testable import NumericKit

/// The fast engine's random numbers: xoshiro256++ against its reference outputs, the
/// ziggurat's tables and draws against N(0, 1) and against GSL's, and the SIMD lanes against
/// the scalar stream bit for bit.
@Suite("Fast random numbers: xoshiro256++, ziggurat, SIMD lanes")
struct FastRandomTests {
    /// Blackman & Vigna's xoshiro256++ from the state (1, 2, 3, 4): the first outputs of the
    /// authors' C code (also the test vector of Rust's rand_xoshiro).
    @Test func xoshiroMatchesReferenceOutputs() {
        var g = Xoshiro256PlusPlus(state: 1, 2, 3, 4)
        let expected: [UInt64] = [41_943_041, 58_720_359, 3_588_806_011_781_223, 3_591_011_842_654_386,
                                  9_228_616_714_210_784_205, 9_973_669_472_204_895_162]
        #expect((0..<expected.count).map { _ in g.next() } == expected)
    }

    /// Every layer of the ziggurat has the area V: xᵢ·(fᵢ₊₁ − fᵢ) = V for i = 1…N − 2, the base
    /// strip plus tail has V too (x₀·f(R) = V), the top layer closes the construction, and the
    /// table ends at x_N = 0.
    @Test func zigguratLayersHaveEqualArea() {
        let z = ZigguratNormal.shared
        let v = ZigguratNormal.layerArea
        let n = ZigguratNormal.layers
        #expect(z.x[1] == ZigguratNormal.tailStart && z.x[n] == 0)
        #expect(abs(z.x[0] * z.f[1] - v) < 1e-15)
        for i in 1..<(n - 1) {
            #expect(z.x[i + 1] < z.x[i])
            #expect(abs(z.x[i] * (z.f[i + 1] - z.f[i]) - v) < 1e-12, "layer \(i)")
        }
        // The top layer, whose upper edge is the density's peak f(0) = 1, closes the construction
        // (R is the bisection root to double precision; the recursion loses ≈ 1 digit).
        #expect(abs(z.x[n - 1] * (1 - z.f[n - 1]) - v) < 1e-13)
    }

    /// Moments of 2·10⁶ draws within 4 standard errors of N(0, 1): SE of the mean 1/√n, of
    /// E z² √(2/n), of E z³ √(15/n), of E z⁴ √(96/n); and the mass beyond the tail start R
    /// (drawn by the tail algorithm) within 4 binomial SE of 2(1 − Φ(R)).
    @Test func gaussianMomentsAndTail() {
        let stream = FastRandomStream(runSeed: 2026, stream: 0)
        let n = 2_000_000
        var s1 = 0.0, s2 = 0.0, s3 = 0.0, s4 = 0.0
        var beyondR = 0
        for _ in 0..<n {
            let z = stream.gaussian()
            s1 += z; s2 += z * z; s3 += z * z * z; s4 += z * z * z * z
            if abs(z) > ZigguratNormal.tailStart { beyondR += 1 }
        }
        let m = Double(n)
        #expect(abs(s1 / m) < 4 / m.squareRoot())
        #expect(abs(s2 / m - 1) < 4 * (2 / m).squareRoot())
        #expect(abs(s3 / m) < 4 * (15 / m).squareRoot())
        #expect(abs(s4 / m - 3) < 4 * (96 / m).squareRoot())
        let p = 2 * (1 - Distributions.normalCDF(ZigguratNormal.tailStart))
        #expect(abs(Double(beyondR) - m * p) < 4 * (m * p * (1 - p)).squareRoot(), "\(beyondR) beyond R, expected \(m * p)")
    }

    /// Kolmogorov–Smirnov: 200 000 fast draws against Φ, and against 200 000 GSL (mt19937,
    /// GSL ziggurat) draws, each at level 0.001 (√N·D < 1.949).
    @Test func kolmogorovSmirnovAgainstPhiAndGSL() {
        let n = 200_000
        let fast = FastRandomStream(runSeed: 7, stream: 3)
        let gsl = RandomStream(runSeed: 7, stream: 3)
        let a = (0..<n).map { _ in fast.gaussian() }.sorted()
        let b = (0..<n).map { _ in gsl.gaussian() }.sorted()
        let oneSample = KolmogorovSmirnov.statistic(sorted: a, cdf: Distributions.normalCDF)
        #expect(KolmogorovSmirnov.pValue(Double(n).squareRoot() * oneSample) > 0.001, "D = \(oneSample)")
        let twoSample = KolmogorovSmirnov.statistic(sorted: a, b)
        #expect(KolmogorovSmirnov.pValue((Double(n) / 2).squareRoot() * twoSample) > 0.001, "D = \(twoSample)")
    }

    /// Q(λ) at its textbook points: Q(1.36) ≈ 0.0494, Q(1.949) ≈ 0.0010; and the statistics
    /// on small samples worked by hand.
    @Test func kolmogorovDistributionAndStatistics() {
        #expect(abs(KolmogorovSmirnov.pValue(1.3581) - 0.05) < 2e-4)
        #expect(abs(KolmogorovSmirnov.pValue(1.9495) - 0.001) < 2e-5)
        #expect(KolmogorovSmirnov.statistic(sorted: [0.1, 0.2, 0.9], cdf: { $0 }) == max(1.0 / 3 - 0.1, 2.0 / 3 - 0.2, 0.9 - 2.0 / 3, 1 - 0.9))
        #expect(KolmogorovSmirnov.statistic(sorted: [1, 2, 3], [4, 5]) == 1)
        #expect(KolmogorovSmirnov.statistic(sorted: [1, 3], [2, 4]) == 0.5)
    }

    /// Lane k of ``NormalLanes`` seeded as stream i gives FastRandomStream(i)'s numbers bit for
    /// bit — normals (fast and rejected paths) and the interleaved per-lane uniforms alike.
    @Test func lanesEqualScalarStreams() {
        let lanes = NormalLanes()
        let streamIndices = [5, 0, 17, 3, 99, 1_000_000, 42, 8]
        let scalar = streamIndices.map { FastRandomStream(runSeed: 11, stream: $0) }
        for (k, i) in streamIndices.enumerated() { lanes.seed(lane: k, runSeed: 11, stream: i) }
        var tailDraws = 0
        for step in 0..<50_000 {
            let z = lanes.gaussians()
            for k in 0..<NormalLanes.width {
                let expected = scalar[k].gaussian()
                if z[k] != expected { Issue.record("lane \(k), step \(step): \(z[k]) ≠ \(expected)"); return }
                if abs(expected) > ZigguratNormal.tailStart { tailDraws += 1 }
            }
            if step % 7 == 3 {
                let k = step % NormalLanes.width
                #expect(lanes.uniform(lane: k) == scalar[k].uniform())
            }
        }
        // 400 000 draws: ≈ 22 from the tail beyond R, ≈ 1 700 through the slow path in all.
        #expect(tailDraws >= 5)
        // Re-seeding one lane leaves the others' streams where they were.
        lanes.seed(lane: 2, runSeed: 11, stream: 77)
        let restarted = FastRandomStream(runSeed: 11, stream: 77)
        let z = lanes.gaussians()
        #expect(z[2] == restarted.gaussian() && z[0] == scalar[0].gaussian() && z[7] == scalar[7].gaussian())
    }

    /// ``NormalLanes/fill(_:count:)``, which keeps the generator state in registers across its
    /// draws, gives the numbers of as many ``NormalLanes/gaussians()`` calls — through the
    /// rejected lanes' slow path too — and leaves the state where they leave it.
    @Test func fillEqualsRepeatedDraws() {
        let filled = NormalLanes(), drawn = NormalLanes()
        for k in 0..<NormalLanes.width {
            filled.seed(lane: k, runSeed: 3, stream: 10 * k + 1)
            drawn.seed(lane: k, runSeed: 3, stream: 10 * k + 1)
        }
        let count = 13
        let buffer = UnsafeMutablePointer<NormalLanes.Values>.allocate(capacity: count)
        defer { buffer.deallocate() }
        var tailDraws = 0
        for round in 0..<4_000 {
            filled.fill(buffer, count: count)
            for j in 0..<count {
                let z = drawn.gaussians()
                if buffer[j] != z { Issue.record("round \(round), draw \(j): \(buffer[j]) ≠ \(z)"); return }
                for k in 0..<NormalLanes.width where abs(z[k]) > ZigguratNormal.tailStart { tailDraws += 1 }
            }
        }
        // 416 000 draws: ≈ 23 from the tail beyond R (each through the slow path), ≈ 1 800
        // through the slow path in all.
        #expect(tailDraws >= 5)
        #expect(filled.uniform(lane: 4) == drawn.uniform(lane: 4))
    }

    @Test func anyAndAllOfLaneMasks() {
        let v = NormalLanes.Values(0, 1, 2, 3, 4, 5, 6, 7)
        #expect(NormalLanes.any(v .> 6.5) && !NormalLanes.any(v .> 7))
        #expect(NormalLanes.all(v .>= 0) && !NormalLanes.all(v .> 0))
    }
}
