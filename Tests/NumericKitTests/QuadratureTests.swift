import Foundation
import Testing
@testable import NumericKit

@Suite("Quadrature, root finding, minimisation (GSL)")
struct QuadratureTests {
    @Test func integratesKnownIntegrals() throws {
        let q = Quadrature()
        let sine = try q.integrate(from: 0, to: .pi) { sin($0) }
        #expect(abs(sine.value - 2) < 1e-12)
        #expect(sine.estimatedError < 1e-9)
        let gauss = try q.integrate(from: -10, to: 10) { exp(-$0 * $0 / 2) }
        #expect(abs(gauss.value - (2 * Double.pi).squareRoot()) < 1e-10)
        let reversed = try q.integrate(from: .pi, to: 0) { sin($0) }
        #expect(abs(reversed.value + 2) < 1e-12)
    }

    /// A kink at a known breakpoint: QAGP with the breakpoint is exact to rounding.
    @Test func splitsAtBreakpoints() throws {
        let q = Quadrature()
        let r = try q.integrate(from: -1, to: 2, breakpoints: [0.3]) { abs($0 - 0.3) }
        #expect(abs(r.value - (1.3 * 1.3 / 2 + 1.7 * 1.7 / 2)) < 1e-13)
    }

    /// GSL's abort handler is off: a failing integral throws instead of killing the process.
    @Test func failuresAreThrownNotAborted() {
        let q = Quadrature(intervalLimit: 5)
        #expect(throws: GSLError.self) {
            _ = try q.integrate(from: 0, to: 1, relativeTolerance: 1e-14) { 1 / $0 }
        }
    }

    @Test func closureErrorsPropagate() {
        struct Boom: Error {}
        let q = Quadrature()
        #expect(throws: Boom.self) { _ = try q.integrate(from: 0, to: 1) { _ in throw Boom() } }
    }

    @Test func brentFindsRoots() throws {
        let root = try RootFinder.brent(lower: 1, upper: 2) { cos($0) }
        #expect(abs(root - .pi / 2) < 1e-13)
        #expect(throws: GSLError.self) { _ = try RootFinder.brent(lower: 2, upper: 3) { cos($0) } }
    }

    @Test func brentFindsMinima() throws {
        let x = try Minimizer.brent(guess: 0.5, lower: -3, upper: 4) { ($0 - 1.25) * ($0 - 1.25) + 3 }
        #expect(abs(x - 1.25) < 1e-7)
    }
}
