import Dynamics
import Foundation
import Landscapes
import NumericKit
import Testing
@testable import Theory

/// dX = −F·sign(X) dt + √(2D) dW: the tent potential F|x|, with a closed-form MFPT.
struct TentSDE: ScalarSDE {
    let force: Double
    let diffusivity: Double
    func drift(_ x: Double) -> Double { x > 0 ? -force : force }
    func diffusion(_ x: Double) -> Double { (2 * diffusivity).squareRoot() }
    func diffusionSlope(_ x: Double) -> Double { 0 }
}

func problem(_ spec: String, _ noise: NoiseSpec, lr: Double, target: EscapeTarget = .midpoint,
             side: StartSide = .left) throws -> EscapeProblem {
    try EscapeProblem(landscape: LandscapeSpec.parse(spec), side: side, target: target, noise: noise, learningRate: lr)
}

@Suite("Exact MFPT and Kramers predictions")
struct ExactMFPTTests {
    /// For the tent with k = F/D, from 0 to y > 0 (reflecting at −∞):
    /// T = (1/(kD))·[2(e^{ky} − 1)/k − y].
    @Test(arguments: [(1.0, 0.5, 1.0), (2.0, 0.25, 1.5), (0.5, 1.0, 3.0)])
    func tentClosedForm(force: Double, diffusivity: Double, y: Double) throws {
        let sde = TentSDE(force: force, diffusivity: diffusivity)
        let exact = try ExactMFPT(sde: sde, from: 0, to: y, breakpoints: [0])
        let k = force / diffusivity
        let closed = (2 * (exp(k * y) - 1) / k - y) / (k * diffusivity)
        #expect(abs(exact.time! / closed - 1) < 1e-9)
        #expect(exact.relativeError < 1e-8)
    }

    /// A tiny noise floor (issue 14: δ = 1e-8 on a quartic once failed with a GSL roundoff error).
    /// Where L″ = 0 (x_i = 1/√3 on quartic:barrier=1), Φ′ = 2L′/(η√(L″² + δ²)) peaks with width
    /// δ/L‴, and ΔΦ grows like (4|L′|/(η L‴))·ln(1/δ) = 0.8889·ln(1/δ) at η = 0.5: the step from
    /// δ = 1e-6 to 1e-8 must be 0.8889·ln 100 (the O(δ²) corrections are far below 1e-6).
    @Test func tinyNoiseFloorHasTheLogarithmicBarrier() throws {
        func predict(_ floor: Double) throws -> Prediction {
            try Predictor.predict(try EscapeProblem(landscape: LandscapeSpec.parse("quartic:barrier=1"),
                                                    noise: .hessian(batch: 1, floor: floor), learningRate: 0.5))
        }
        let coarse = try predict(1e-6), fine = try predict(1e-8)
        let x = 1 / 3.0.squareRoot()
        let slope = 4 * abs(4 * x * (x * x - 1)) / (0.5 * 24 * x)
        #expect(fine.exactTime != nil && fine.exactTime!.isFinite)
        #expect(abs((fine.effectiveBarrier - coarse.effectiveBarrier) / (slope * log(100.0)) - 1) < 1e-4,
                "ΔΦ \(coarse.effectiveBarrier) → \(fine.effectiveBarrier)")
        // ln τ moves with ΔΦ (the prefactor changes by O(1) only).
        #expect(abs((fine.logExactTime - coarse.logExactTime) - (fine.effectiveBarrier - coarse.effectiveBarrier)) < 0.1)
    }

    /// The reference values: quartic ΔL = 1, isotropic σ² = 0.5, η = 1 (D = 0.25),
    /// escape at the midpoint x = 0.5: exact ≈ 65.9, Kramers 2π/√32·e⁴ ≈ 60.6.
    @Test func quarticReference() throws {
        let p = try Predictor.predict(try problem("quartic:barrier=1", .isotropic(sigma2: 0.5), lr: 1))
        #expect(abs(p.exactTime! - 65.92) < 0.01)
        #expect(abs(p.kramersTime! - 2 * .pi / 32.0.squareRoot() * exp(4)) < 1e-9)
        #expect(abs(p.effectiveBarrier - 4) < 1e-10)
        #expect(p.escapePoint == 0.5 && p.minimum.x == -1 && p.saddle.x == 0)
    }

    /// The MFPT by a plain trapezoid double integral on n cells of [l, y] (Φ by cumulative
    /// trapezoid of −μ/D): independent of ExactMFPT's nested adaptive quadrature, O(h²).
    static func trapezoidMFPT<S: ScalarSDE>(_ sde: S, from x0: Double, to y: Double, lower l: Double, cells n: Int) -> Double {
        let h = (y - l) / Double(n)
        var phi = [0.0], inner = [0.0]
        let xs = (0...n).map { l + h * Double($0) }
        func diffusivity(_ x: Double) -> Double { let g = sde.diffusion(x); return 0.5 * g * g }
        func slope(_ x: Double) -> Double { -sde.drift(x) / diffusivity(x) }
        for i in 1...n { phi.append(phi[i - 1] + 0.5 * h * (slope(xs[i - 1]) + slope(xs[i]))) }
        let start = Int(((x0 - l) / h).rounded())
        let phi0 = phi[start]
        for i in 1...n {
            let a = exp(-(phi[i - 1] - phi0)) / diffusivity(xs[i - 1]), b = exp(-(phi[i] - phi0)) / diffusivity(xs[i])
            inner.append(inner[i - 1] + 0.5 * h * (a + b))
        }
        var total = 0.0
        for i in (start + 1)...n {
            total += 0.5 * h * (exp(phi[i - 1] - phi0) * inner[i - 1] + exp(phi[i] - phi0) * inner[i])
        }
        return total
    }

    /// An independent check of the nested quadrature, for the state-dependent hessian noise on
    /// pq with its jumps in D. Agreement to 1e-4 (the trapezoid's O(h²) error).
    @Test func pqHessianAgainstTrapezoid() throws {
        let pq = try PiecewiseQuadraticLandscape(ha: 4, hb: 2, barrier: 0.5)
        let sde = ReducedSDE(landscape: pq, noise: HessianNoise(landscape: pq, batch: 1, floor: 0),
                             preconditioner: SGDPreconditioner(), learningRate: 0.1)
        let y = 0.5 * (pq.xb + pq.a2)
        let exact = try ExactMFPT(sde: sde, from: 0, to: y, breakpoints: sde.breakpoints)
        #expect(abs(exact.time! / Self.trapezoidMFPT(sde, from: 0, to: y, lower: -2, cells: 200_000) - 1) < 1e-4)
    }

    /// Regression: hessian noise with a wide dip of D (δ = 1 on the quartic, where L″ = 0 at
    /// ±1/√3) at ΔΦ ≈ 39 was refused ("the effective potential cannot be integrated",
    /// GSL_ESING): the dip's geometric nodes went down to cells of a few ulps, degenerate for
    /// QAGP. They now stop at the dip's core. The prediction must equal the trapezoid's.
    @Test(arguments: [(OptimizerKind.sgd, 4.0), (.adam, 8.0)])
    func wideDiffusivityDipAtALargeBarrier(optimizer: OptimizerKind, batch: Double) throws {
        let problem = try EscapeProblem(landscape: LandscapeSpec.parse("quartic:barrier=1"), optimizer: optimizer,
                                        noise: .hessian(batch: batch, floor: 1), learningRate: 0.1)
        let p = try Predictor.predict(problem)
        #expect(p.effectiveBarrier > 35)
        let trapezoid = try problem.withReducedSDE(TrapezoidVisitor(from: -1, to: p.escapePoint, lower: -2.5, cells: 400_000))
        #expect(abs(p.logExactTime - log(trapezoid)) < 1e-4, "ln τ \(p.logExactTime) vs trapezoid \(log(trapezoid))")
    }

    struct TrapezoidVisitor: ReducedSDEVisitor {
        let from: Double, to: Double, lower: Double, cells: Int
        func visit<L: Landscape1D, N: GradientNoise1D, P: Preconditioner1D>(_ sde: ReducedSDE<L, N, P>) throws -> Double {
            ExactMFPTTests.trapezoidMFPT(sde, from: from, to: to, lower: lower, cells: cells)
        }
    }

    /// Generalized Kramers → exact as ΔΦ grows (docs/theory.md §4): |Kramers/exact − 1| ≤ c/ΔΦ
    /// with c = 0.4, and the error shrinks monotonically.
    @Test func kramersConvergesToExact() throws {
        var previous = Double.infinity
        for barrier in [1.0, 2, 4, 8, 16] {
            let p = try Predictor.predict(try problem("quartic:barrier=\(barrier)", .isotropic(sigma2: 0.5), lr: 1))
            let error = abs(p.kramersOverExact! - 1)
            #expect(error <= 0.4 / p.effectiveBarrier, "ΔΦ = \(p.effectiveBarrier): Kramers/exact = \(p.kramersOverExact!)")
            #expect(error < previous)
            previous = error
        }
    }

    /// Log space: ΔΦ = 800 neither overflows nor underflows; ln T tracks ln τ_Kramers.
    @Test func hugeBarriersStayFinite() throws {
        let p = try Predictor.predict(try problem("quartic:barrier=200", .isotropic(sigma2: 0.5), lr: 1))
        #expect(abs(p.effectiveBarrier - 800) < 1e-6)
        #expect(p.logExactTime.isFinite && p.exactTime == nil)
        #expect(abs(p.logKramersTime! - p.logExactTime) < 0.01)
    }

    /// Regression (found by the property suite): tilted quartics where a cell of Φ straddles a
    /// critical point (its integral ≈ 0, no relative tolerance reachable) or Φ is asked a hair
    /// past a node used to fail with GSL_ESING; Φ now has an absolute tolerance and the
    /// quadrature falls back to Gauss–Kronrod. The time must agree with Kramers to O(1/ΔΦ).
    @Test(arguments: [("quartic:barrier=0.244,a=1.68,tilt=0.1", 2.19, 0.1, OptimizerKind.sgd),
                      ("quartic:barrier=1.32,a=0.975,tilt=0.704", 2.49, 0.1, OptimizerKind.adam)])
    func nearCancellingCellsIntegrate(spec: String, sigma2: Double, lr: Double, optimizer: OptimizerKind) throws {
        let problem = try EscapeProblem(landscape: LandscapeSpec.parse(spec), optimizer: optimizer,
                                        noise: .isotropic(sigma2: sigma2), learningRate: lr)
        let p = try Predictor.predict(problem)
        #expect(p.exactTime! > 0 && p.exactRelativeError < 1e-8)
        #expect(abs(p.kramersOverExact! - 1) < 1 / p.effectiveBarrier)
    }

    /// Frozen two-piece noise with P = 1: ΔΦ = (2BΔL/η)(s/H_a + (1 − s)/|H_b|), s = hb/(ha + hb) on pq.
    @Test func frozenEffectiveBarrier() throws {
        let (ha, hb, dl, eta, b) = (4.0, 2.0, 0.5, 0.1, 3.0)
        let p = try Predictor.predict(try problem("pq:ha=\(ha),hb=\(hb),barrier=\(dl)", .frozen(batch: b), lr: eta))
        let s = hb / (ha + hb)
        #expect(abs(p.effectiveBarrier - (2 * b * dl / eta) * (s / ha + (1 - s) / hb)) < 1e-9)
    }

    /// Two-piece noise with P = C^α (ε = 0): ΔΦ = (2B^pΔL/η)(s/H_a^p + (1 − s)/|H_b|^p),
    /// p = 1 + α: 1/2 for Adam, 3/2 for InvAdam (docs/theory.md §0, §4). Hessian noise on pq is
    /// exactly two-piece between the minimum and the saddle.
    /// Momentum's overdamped limit multiplies SGD's ΔΦ by 1 − β (docs/theory.md §7). The
    /// prediction's `exponent` reports the same p, s and formula.
    @Test(arguments: [(OptimizerKind.adam, 0.5, 1.0), (.invadam, 1.5, 1.0), (.sgd, 1.0, 1.0), (.momentum, 1.0, 0.25)])
    func exponentOfTheEffectiveBarrier(optimizer: OptimizerKind, p: Double, oneMinusBeta: Double) throws {
        let (ha, hb, dl, eta, b) = (4.0, 2.0, 0.25, 0.1, 2.0)
        let problem = try EscapeProblem(landscape: LandscapeSpec.parse("pq:ha=\(ha),hb=\(hb),barrier=\(dl)"),
                                        optimizer: optimizer, noise: .hessian(batch: b, floor: 0), learningRate: eta,
                                        settings: OptimizerSettings(epsilon: 0, momentum: 1 - oneMinusBeta))
        let s = hb / (ha + hb)
        let expected = oneMinusBeta * (2 * pow(b, p) * dl / eta) * (s / pow(ha, p) + (1 - s) / pow(hb, p))
        let prediction = try Predictor.predict(problem)
        #expect(abs(prediction.effectiveBarrier - expected) < 1e-9 * expected)
        let exponent = try #require(prediction.exponent)
        #expect(exponent.p == p && abs(exponent.s! - s) < 1e-12)
        #expect(abs(exponent.formulaBarrier! - expected) < 1e-9 * expected)
    }

    /// The s-formula is reported only where C is frozen piecewise; isotropic noise has no p.
    @Test func exponentOnlyWhereItApplies() throws {
        let quarticHessian = try Predictor.predict(try problem("quartic:barrier=1", .hessian(batch: 1, floor: 1), lr: 0.1))
        #expect(quarticHessian.exponent?.p == 1 && quarticHessian.exponent?.s == nil)
        let frozen = try Predictor.predict(try problem("quartic:barrier=1", .frozen(batch: 1), lr: 0.1))
        // s = L(a/√3) − L(a) over ΔL = (1/3 − 1)² = 4/9 for the untilted quartic.
        #expect(abs(frozen.exponent!.s! - 4.0 / 9) < 1e-12)
        #expect(abs(frozen.exponent!.formulaBarrier! - frozen.effectiveBarrier) < 1e-8 * frozen.effectiveBarrier)
        #expect(try Predictor.predict(try problem("quartic:barrier=1", .isotropic(sigma2: 1), lr: 0.1)).exponent == nil)
    }

    /// Mirror symmetry: escaping the right well of the mirrored landscape equals escaping the left one.
    @Test func sidesOfASymmetricLandscapeAgree() throws {
        let left = try Predictor.predict(try problem("pq:ha=4,hb=2,barrier=0.5", .hessian(batch: 1, floor: 0), lr: 0.1))
        let right = try Predictor.predict(try problem("pq:ha=4,hb=2,barrier=0.5", .hessian(batch: 1, floor: 0), lr: 0.1, side: .right))
        #expect(abs(left.logExactTime - right.logExactTime) < 1e-9)
        #expect(right.minimum.x > right.saddle.x && right.escapePoint < right.saddle.x)
    }

    /// Kramers applies past the saddle, halves at it, and is withheld before it.
    @Test func kramersDependsOnTheTarget() throws {
        let mid = try Predictor.predict(try problem("quartic:barrier=3", .isotropic(sigma2: 0.5), lr: 1))
        let saddle = try Predictor.predict(try problem("quartic:barrier=3", .isotropic(sigma2: 0.5), lr: 1, target: .saddle))
        let early = try Predictor.predict(try problem("quartic:barrier=3", .isotropic(sigma2: 0.5), lr: 1, target: .point(-0.5)))
        #expect(abs(saddle.kramersTime! * 2 - mid.kramersTime!) < 1e-9 * mid.kramersTime!)
        // The first passage to the saddle takes about half the escape time (docs/theory.md §1).
        #expect(abs(saddle.exactTime! / mid.exactTime! - 0.5) < 0.1)
        #expect(early.kramersTime == nil && early.exactTime! < saddle.exactTime!)
    }
}
