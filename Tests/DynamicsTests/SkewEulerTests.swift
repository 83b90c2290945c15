import Dynamics
import NumericKit
import Testing

/// dX = g(X) dW with g = g₋ left of 0 and g₊ right of it: oscillating Brownian motion.
private struct OscillatingBrownianMotion: ScalarSDE {
    let left: Double, right: Double
    func drift(_ x: Double) -> Double { 0 }
    func diffusion(_ x: Double) -> Double { x < 0 ? left : right }
    func diffusionSlope(_ x: Double) -> Double { 0 }
}

@Suite("Skew-Euler interface step")
struct SkewEulerTests {
    /// The Itô SDE dX = g dW is a martingale, so its Lamperti image is skew Brownian motion with
    /// α = g₋/(g₋ + g₊) (docs/integrators.md §2), and one exact step from the interface
    /// ends right of it with probability α. 200 000 steps: 4 SE ≈ 0.0045.
    @Test(arguments: [(1.0, 8.0), (8.0, 1.0), (1.0, 1.0)])
    func stepFromInterfaceGoesRightWithProbabilityAlpha(left: Double, right: Double) {
        let sde = OscillatingBrownianMotion(left: left, right: right)
        let scheme = SkewEuler(interfaces: [DiffusionInterface(position: 0, left: left, right: right)])
        let stream = RandomStream(seed: 99)
        let n = 200_000
        var rightCount = 0, sum = 0.0
        for _ in 0..<n {
            let x = scheme.advance(0, sde: sde, dt: 0.01, sqrtDt: 0.1, normal: stream.gaussian(), random: stream)
            if x > 0 { rightCount += 1 }
            sum += x
        }
        let alpha = left / (left + right)
        let p = Double(rightCount) / Double(n)
        #expect(abs(p - alpha) <= 4 * (alpha * (1 - alpha) / Double(n)).squareRoot() + 1e-12)
        // The martingale property: E[X′] = 0 (a plain Euler step with the one-sided g would drift).
        let spread = max(left, right) * 0.1
        #expect(abs(sum / Double(n)) <= 4 * spread / Double(n).squareRoot())
    }

    /// Far from every interface the step is Euler–Maruyama, bit for bit.
    @Test func farFromInterfaceIsEulerMaruyama() {
        let sde = OscillatingBrownianMotion(left: 1, right: 4)
        let scheme = SkewEuler(interfaces: [DiffusionInterface(position: 0, left: 1, right: 4)])
        let stream = RandomStream(seed: 5)
        let x = scheme.advance(-3, sde: sde, dt: 0.01, sqrtDt: 0.1, normal: 0.7, random: stream)
        #expect(x == EulerMaruyama().advance(-3, sde: sde, dt: 0.01, sqrtDt: 0.1, normal: 0.7))
    }
}
