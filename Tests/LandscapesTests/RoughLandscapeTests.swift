import Foundation
import NumericKit
import Testing
@testable import Landscapes

/// The FFT random field and the rough landscape built on it (docs/theory.md §9).
@Suite("Rough landscapes")
struct RoughLandscapeTests {
    /// Over 8 long fields (≈ 1000 correlation lengths each) the node variance is ε² within 4 SE
    /// and the correlation at lag ℓ is e^{−1/2} within 0.03 (FFT autocorrelation of the nodes).
    @Test func fieldHasTheRequestedVarianceAndCorrelation() throws {
        let (eps, ell) = (0.3, 0.05)
        var variances: [Double] = [], correlations: [Double] = []
        for seed in 1...8 {
            let field = try RandomField1D(amplitude: eps, correlation: ell, seed: UInt64(seed), domain: 0...(1000 * ell))
            let x = field.nodeValues
            let mean = x.reduce(0, +) / Double(x.count)
            variances.append(x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(x.count))
            let lag = Int((ell / field.spacing).rounded())
            correlations.append(Autocorrelation(x, maxLag: lag).values[lag])
            #expect(abs(Double(lag) * field.spacing - ell) < 0.05 * ell)
        }
        let m = variances.reduce(0, +) / 8
        let se = (variances.reduce(0) { $0 + ($1 - m) * ($1 - m) } / 7 / 8).squareRoot()
        #expect(abs(m - eps * eps) <= 4 * se, "variance \(m) ± \(se) vs \(eps * eps)")
        let rho = correlations.reduce(0, +) / 8
        #expect(abs(rho - exp(-0.5)) < 0.03, "ρ(ℓ) = \(rho)")
    }

    /// Gradient and Hessian are the derivatives of the value (central differences, relative
    /// 1e-6), everywhere including cell boundaries and across the period; V‴ is the derivative
    /// of V″ inside the cells (relative 1e-4: V‴ ~ ε/ℓ³ is large and FD rounding ~ ε_mach·V″/h).
    @Test func derivativesAreConsistentWithTheValue() throws {
        let field = try RandomField1D(amplitude: 0.2, correlation: 0.05, seed: 9, domain: -2...2)
        var g = SplitMix64Generator(seed: 4)
        let h = 1e-6
        for k in 0..<400 {
            let x = k % 4 == 0 ? -2 + Double(k) * field.spacing : Double.random(in: -6...6, using: &g)
            let fd1 = (field.value(x + h) - field.value(x - h)) / (2 * h)
            let fd2 = (field.derivative(x + h) - field.derivative(x - h)) / (2 * h)
            #expect(abs(fd1 - field.derivative(x)) < 1e-6 * (1 + abs(fd1)), "x = \(x)")
            #expect(abs(fd2 - field.secondDerivative(x)) < 1e-5 * (1 + abs(fd2)), "x = \(x)")
            // V‴ jumps at the nodes (the interpolant is C²): compared inside cells only.
            let (_, t) = field.locate(x)
            guard t > 1e-3 && t < 1 - 1e-3 else { continue }
            let fd3 = (field.secondDerivative(x + h) - field.secondDerivative(x - h)) / (2 * h)
            #expect(abs(fd3 - field.thirdDerivative(x)) < 1e-4 * (1 + abs(fd3)), "x = \(x): \(fd3) vs \(field.thirdDerivative(x))")
        }
        let rough = try LandscapeSpec.parse("rough:amplitude=0.2,correlation=0.05,seed=9,of=quartic:barrier=1")
        #expect(rough.landscape.criticalPoints.map(\.x) == [-1, 0, 1])
        #expect(rough.landscape.spec == "rough:amplitude=0.2,correlation=0.05,seed=9,of=quartic:barrier=1,a=1,tilt=0")
    }

    @Test(arguments: [
        ("rough:amplitude=0.1,correlation=0.05,seed=1", "of"),
        ("rough:amplitude=-0.1,correlation=0.05,of=quartic:barrier=1", "amplitude"),
        ("rough:amplitude=0.1,correlation=0,of=quartic:barrier=1", "correlation"),
        ("rough:amplitude=0.1,correlation=1e-9,of=quartic:barrier=1", "correlation"),
        ("rough:amplitude=0.1,correlation=0.05,of=rough:amplitude=0.1,correlation=0.05,of=quartic:barrier=1", "of"),
        ("rough:amplitude=0.1,correlation=0.05,seed=1.5,of=quartic:barrier=1", "seed"),
    ])
    func badSpecsAreNamed(_ spec: String, _ parameter: String) {
        #expect(throws: InvalidParameter.self) { try LandscapeSpec.parse(spec) }
        do { _ = try LandscapeSpec.parse(spec) } catch { #expect(error.parameter == parameter, "\(error)") }
    }
}
