import Foundation
import NumericKit
import Testing
@testable import Theory

/// The constant-coefficient Eyring–Kramers law (docs/theory.md §6) on a hand-computed case.
@Suite("Eyring–Kramers formula")
struct EyringKramersTests {
    /// M = S + J with S = diag(2, 1), J antisymmetric; H_x = diag(4, 1), H_z = diag(−2, 3).
    /// −M·H_z = [[4, −1.5], [−1, −3]]: trace 1, det −13.5, so μ* = (1 + √55)/2.
    @Test func anisotropicGibbsCase() throws {
        let m = [2, 0.5, -0.5, 1.0]
        let epsilon = 0.1
        let diffusion = [2 * epsilon, 0, 0, epsilon]
        #expect(abs(EyringKramersFormula.gibbsTemperature(drift: m, diffusion: diffusion, dimension: 2)! - epsilon) < 1e-15)
        let log = try EyringKramersFormula.logTime(drift: m, hessianAtMinimum: [4, 0, 0, 1], hessianAtSaddle: [-2, 0, 0, 3],
                                                   dimension: 2, barrier: 0.8, temperature: epsilon)
        let mu = (1 + 55.0.squareRoot()) / 2
        let expected = Foundation.log(2 * Double.pi / mu) + 0.5 * Foundation.log(6.0 / 4) + 8
        #expect(abs(log - expected) < 1e-12)
    }

    /// D not proportional to sym(M): no Gibbs law, no temperature.
    @Test func nonGibbsIsRefused() {
        #expect(EyringKramersFormula.gibbsTemperature(drift: [2, 0, 0, 1], diffusion: [1, 0, 0, 1], dimension: 2) == nil)
        #expect(EyringKramersFormula.gibbsTemperature(drift: [1, 0, 0, 1], diffusion: [1, 0.2, 0.2, 1], dimension: 2) == nil)
    }

    /// In 1-D with M = 1 it is Kramers' 2π/√(H_a|H_b|)·e^{ΔV/ε}.
    @Test func oneDimensionalKramers() throws {
        let log = try EyringKramersFormula.logTime(drift: [1], hessianAtMinimum: [8], hessianAtSaddle: [-4], dimension: 1,
                                                   barrier: 1, temperature: 0.25)
        #expect(abs(log - (Foundation.log(2 * Double.pi / 32.0.squareRoot()) + 4)) < 1e-12)
    }
}
