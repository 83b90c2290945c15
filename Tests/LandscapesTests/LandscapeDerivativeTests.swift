import Foundation
import Testing
@testable import Landscapes

/// Central differences with step h have error O(h²·f‴); h = 1e-5 gives ~1e-9 relative.
func centralDifference(_ f: (Double) -> Double, at x: Double, h: Double = 1e-5) -> Double {
    (f(x + h) - f(x - h)) / (2 * h)
}

@Suite("Landscape derivatives against finite differences")
struct LandscapeDerivativeTests {
    static let quartics: [QuarticLandscape] = [
        try! QuarticLandscape(barrier: 1), try! QuarticLandscape(barrier: 2.5, a: 0.7, tilt: 0.3),
        try! QuarticLandscape(barrier: 0.5, a: 2, tilt: -0.2),
    ]

    @Test(arguments: quartics)
    func quarticDerivatives(l: QuarticLandscape) {
        for x in stride(from: -2.0, through: 2.0, by: 0.137) {
            #expect(abs(l.derivative(x) - centralDifference(l.value, at: x)) < 1e-6 * max(1, abs(l.derivative(x))))
            #expect(abs(l.secondDerivative(x) - centralDifference(l.derivative, at: x)) < 1e-6 * max(1, abs(l.secondDerivative(x))))
            #expect(abs(l.thirdDerivative(x) - centralDifference(l.secondDerivative, at: x)) < 1e-6 * max(1, abs(l.thirdDerivative(x))))
        }
    }

    @Test(arguments: quartics)
    func quarticCriticalPoints(l: QuarticLandscape) {
        #expect(l.criticalPoints.map(\.kind) == [.minimum, .saddle, .minimum])
        for p in l.criticalPoints { #expect(abs(l.derivative(p.x)) < 1e-12 * max(1, l.barrier / l.a)) }
        if l.tilt == 0 {
            #expect(abs(l.criticalPoints[0].x + l.a) < 1e-12 && abs(l.criticalPoints[1].x) < 1e-12)
            #expect(abs(l.criticalPoints[0].curvature - 8 * l.barrier / (l.a * l.a)) < 1e-10)
            #expect(abs(l.criticalPoints[1].curvature + 4 * l.barrier / (l.a * l.a)) < 1e-10)
        }
    }

    @Test func pqPieces() throws {
        let l = try PiecewiseQuadraticLandscape(ha: 4, hb: 2, barrier: 0.5, hc: 1)
        // Curvature is exactly ha, −hb, hc on the three pieces.
        #expect(l.secondDerivative(l.c1 / 2) == 4)
        #expect(l.secondDerivative(l.xb) == -2)
        #expect(l.secondDerivative(l.a2 + 1) == 1)
        // C¹: L and L′ continuous at both switch points.
        for c in [l.c1, l.c2] {
            let eps = 1e-12
            #expect(abs(l.value(c - eps) - l.value(c + eps)) < 1e-10)
            #expect(abs(l.derivative(c - eps) - l.derivative(c + eps)) < 1e-10)
        }
        // Both minima at L = 0, the saddle at L = ΔL.
        #expect(l.value(0) == 0 && abs(l.value(l.a2)) < 1e-15 && l.value(l.xb) == 0.5)
        #expect(abs(l.derivative(l.xb)) < 1e-15)
        #expect(abs(l.leftShare - 2.0 / 6.0) < 1e-15)
        // Derivatives against differences away from the switch points.
        for x in stride(from: -1.0, through: 4.0, by: 0.0731) where abs(x - l.c1) > 1e-3 && abs(x - l.c2) > 1e-3 {
            #expect(abs(l.derivative(x) - centralDifference(l.value, at: x)) < 1e-7)
        }
        #expect(l.breakpoints == [l.c1, l.c2])
    }

    @Test func mirroring() throws {
        let base = try QuarticLandscape(barrier: 1, a: 1, tilt: 0.2)
        let m = OrientedLandscape(base, mirrored: true)
        for x in [-1.3, -0.2, 0.4, 1.1] {
            #expect(m.value(x) == base.value(-x))
            #expect(m.derivative(x) == -base.derivative(-x) && m.thirdDerivative(x) == -base.thirdDerivative(-x))
            #expect(abs(m.derivative(x) - centralDifference(m.value, at: x)) < 1e-7)
            #expect(m.secondDerivative(x) == base.secondDerivative(-x))
        }
        #expect(m.criticalPoints.map(\.x) == base.criticalPoints.reversed().map { -$0.x })
        #expect(m.spec == "mirrored:of=\(base.spec)")
    }

    /// The unmirrored side is the base itself, bit for bit (x·1 is exact), so giving every
    /// problem an ``OrientedLandscape`` changed no number.
    @Test func unmirroredSideIsTheBase() throws {
        let base = try PiecewiseQuadraticLandscape(ha: 4, hb: 2, barrier: 0.5, hc: 3)
        let o = OrientedLandscape(base, mirrored: false)
        for x in stride(from: -0.7, through: 2.9, by: 0.0731) {
            #expect(o.value(x).bitPattern == base.value(x).bitPattern)
            #expect(o.derivative(x).bitPattern == base.derivative(x).bitPattern)
            #expect(o.secondDerivative(x).bitPattern == base.secondDerivative(x).bitPattern)
            #expect(o.thirdDerivative(x).bitPattern == base.thirdDerivative(x).bitPattern)
        }
        #expect(o.criticalPoints == base.criticalPoints && o.breakpoints == base.breakpoints
                && o.curvatureSignChanges == base.curvatureSignChanges && o.spec == base.spec && !o.isMirrored)
    }

    @Test func genericLandscapeInterface() throws {
        let l = try QuarticLandscape(barrier: 1)
        var g = [0.0]
        l.gradient([0.5], into: &g)
        #expect(l.dimension == 1 && g[0] == l.derivative(0.5) && l.hessian([0.5]) == [l.secondDerivative(0.5)])
    }
}
