import Dynamics
import Foundation
import Landscapes
import NumericKit
import PropertyBased
import Sweeps
import Testing
@testable import Theory

/// The theory (docs/theory.md) stated as properties over generated landscapes, optimizers and
/// hyper-parameters, each restricted to where the statement holds (the restriction is written
/// beside it, and in docs/validation.md). A failure prints the PropertyBased seed and the
/// shrunk case as the `escape` command that reproduces it.
@Suite("Theory as properties")
struct TheoryProperties {
    /// §3: the exact MFPT is a positive, finite time. Restriction: ΔΦ ≤ 40 (beyond, e^ΔΦ
    /// overflows nothing but the quadrature's dynamic range is not the point here).
    @Test func exactTimeIsPositive() async {
        await propertyCheck(count: 60, input: Generators.escapeCase(optimizers: [.sgd, .adam, .invadam, .momentum])) { c in
            let c = try c.withEffectiveBarrier(min(40, max(0.5, try c.prediction().effectiveBarrier)))
            let p = try c.prediction()
            let t = try #require(p.exactTime)
            #expect(t > 0 && t.isFinite && p.effectiveBarrier > 0, "\(c.testDescription)")
        }
    }

    /// §3: τ increases with the barrier. Restriction: pq (ΔΦ ∝ ΔL at fixed curvatures, the
    /// prefactor fixed) or isotropic noise (ΔΦ = ΔL/D); not a quartic with hessian or frozen
    /// noise, where C grows with ΔL and τ can fall.
    @Test func exactTimeIncreasesWithTheBarrier() async {
        await propertyCheck(count: 60, input: Generators.escapeCase(), Generators.number(1.05...2)) { c, factor in
            guard c.family == .pq || c.noise == .isotropic else { return }
            let c = try c.withEffectiveBarrier(3)
            var higher = c
            let barrierIndex = c.family == .pq ? 2 : 0
            higher.parameters[barrierIndex] = c.parameters[barrierIndex] * factor
            if c.family == .quartic {  // keep the tilt at the same fraction of its limit
                higher.parameters[2] = c.parameters[2] * factor
            }
            let t0 = try #require(try c.prediction().exactTime), t1 = try #require(try higher.prediction().exactTime)
            #expect(t1 > t0, "barrier ×\(factor): \(higher.testDescription)")
        }
    }

    /// §3: the MFPT depends on the landscape only through differences — translating it (and
    /// the start, saddle and target with it) leaves τ unchanged. Checked on the quadrature
    /// itself with a translated copy of the landscape (all optimizers, all noise models).
    @Test func exactTimeIsTranslationInvariant() async {
        await propertyCheck(count: 40, input: Generators.escapeCase(), Generators.number(-5...5)) { c, shift in
            let c = try c.withEffectiveBarrier(4)
            let problem = try c.problem()
            let base = try c.prediction()
            let moved = try problem.landscape.translatedExactTime(by: shift, problem: problem)
            let t = try #require(base.exactTime)
            #expect(abs(moved / t - 1) < 1e-7, "\(c.testDescription), landscape shifted by \(shift): \(moved) vs \(t)")
        }
    }

    /// §3: mirroring x ↦ −x with the target mirrored: a tilted quartic escaped from the right
    /// equals the oppositely tilted quartic escaped from the left (the code mirrors the
    /// landscape for right-hand starts; this compares it with a landscape built mirrored).
    @Test func exactTimeIsMirrorInvariant() async {
        await propertyCheck(count: 40, input: Generators.escapeCase(families: [.quartic])) { c in
            var right = try c.withEffectiveBarrier(4)
            right.from = .right
            var mirrored = right
            mirrored.from = .left
            mirrored.parameters[2] = -right.parameters[2]
            let a = try #require(try right.prediction().exactTime), b = try #require(try mirrored.prediction().exactTime)
            #expect(abs(a / b - 1) < 1e-9, "\(mirrored.testDescription)")
        }
    }

    /// §0–§3: L → cL, σ² → cσ² (isotropic noise, SGD/Adam/InvAdam with P constant) leaves
    /// ΔΦ = ΔL/D unchanged and speeds the dynamics up by c: c·τ is unchanged (time rescaling
    /// t → t/c of dθ = −cP L′dt + √(ηcσ²P²) dW).
    @Test func scalingLossAndNoiseRescalesTime() async {
        await propertyCheck(count: 40, input: Generators.escapeCase(noises: [.isotropic]), Generators.number(0.2...5)) { c, scale in
            let c = try c.withEffectiveBarrier(4)
            var scaled = c
            switch c.family {
            case .pq: scaled.parameters = c.parameters.map { $0 * scale }
            case .quartic: scaled.parameters = [c.parameters[0] * scale, c.parameters[1], c.parameters[2] * scale]
            }
            scaled.noiseLevel = c.noiseLevel * scale
            guard c.optimizer == .sgd else {
                // Adam-type P depends on σ²: P = 1/(σ + ε) or σ + ε; the scaling then changes ΔΦ. Not this property.
                return
            }
            let p0 = try c.prediction(), p1 = try scaled.prediction()
            #expect(abs(p1.effectiveBarrier / p0.effectiveBarrier - 1) < 1e-9)
            #expect(abs(scale * p1.exactTime! / p0.exactTime! - 1) < 1e-7, "\(scaled.testDescription)")
        }
    }

    /// §4: Kramers/exact → 1 as ΔΦ grows: |Kramers/exact − 1| ≤ c/ΔΦ* with c = 1 for ΔΦ* ≥ 10.
    /// ΔΦ* is the barrier the Laplace approximation sees: ΔΦ itself on the smooth quartic with
    /// isotropic noise (worst (ratio − 1)·ΔΦ seen ≈ 0.71; §4's checks give 0.2–0.3), and on `pq`
    /// the smaller of the two pieces of ΔΦ — the well's share w = s·x_a^p/(s·x_a^p + (1 − s)·y^p)
    /// (x_a = B/H_a, y = B/|H_b|, s = H_b/(H_a + H_b); w = s for isotropic noise) and 1 − w —
    /// because the Gaussian around the minimum (or saddle) is cut at the breakpoint after that
    /// piece (there the error is exponentially small, ≤ 0.003/ΔΦ* seen). Restriction: the
    /// quartic with hessian or frozen noise is left out (C varies on the path; no ΔΦ* formula),
    /// and so is loss noise, whose D ∝ L varies across the well: Kramers' error there is O(κ) =
    /// O(ln(L_b/L_a)/ΔΦ) (§13; `lossNoiseApproachesThePowerLaw` states its own limit).
    @Test func kramersApproachesExact() async {
        await propertyCheck(count: 40, input: Generators.escapeCase(), Generators.number(10...40)) { c, phi in
            guard (c.family == .pq || c.noise == .isotropic) && c.noise != .loss else { return }
            let share: Double
            if c.family == .pq {
                let (ha, hb) = (c.parameters[0], c.parameters[1]), s = hb / (ha + hb)
                if c.noise == .isotropic {
                    share = s
                } else {
                    let p = c.optimizer == .adam ? 0.5 : c.optimizer == .invadam ? 1.5 : 1
                    let well = s * pow(c.noiseLevel / ha, p), saddle = (1 - s) * pow(c.noiseLevel / hb, p)
                    share = well / (well + saddle)
                }
            } else {
                share = 1
            }
            let limiting = c.family == .pq ? min(share, 1 - share) : 1
            let c = try c.withEffectiveBarrier(phi / limiting)
            let p = try c.prediction()
            let ratio = try #require(p.kramersOverExact)
            let effective = p.effectiveBarrier * limiting
            #expect(abs(ratio - 1) <= 1 / effective,
                    "\(c.testDescription): ΔΦ = \(p.effectiveBarrier), ΔΦ* = \(effective), Kramers/exact = \(ratio)")
        }
    }

    /// §13: with loss noise C = 2L/B the exact MFPT approaches the power law
    /// 2π/√(H_a|H_b|)·(L_b/L_a)^{1/κ+1/2}/√(1 + κ) as κ = η/B → 0 (SGD), for κ ∈ [0.01, 0.05]:
    /// |exact/power law − 1| ≤ κ·(1 + 2·L_a/ΔL). That is Laplace's O(κ) error; its anharmonic part
    /// grows with L_a/ΔL, because the stationary density's width √(κL_a/H_a) grows against the
    /// well's (on the quartic the L⁗ term gives (3/8)·κ·L_a/ΔL to leading order; on `pq` the O(κ)
    /// terms cancel, §13). Measured by hand before the property was written: 0.48κ–2.1κ on five
    /// quartics and pq wells with L_a/ΔL from 1 to 2 (bound 3κ–5κ there).
    @Test func lossNoiseApproachesThePowerLaw() async {
        await propertyCheck(count: 40, input: Generators.escapeCase(optimizers: [.sgd], noises: [.loss]), Generators.number(0.01...0.05)) { c, kappa in
            var c = c
            c.learningRate = EscapeCase.round3(kappa * c.noiseLevel)
            let p = try c.prediction()
            let law = try #require(p.powerLaw), exact = try #require(p.exactTime), power = try #require(law.time)
            let bound = law.temperature * (1 + 2 * p.minimum.value / p.barrier)
            #expect(abs(exact / power - 1) <= bound,
                    "\(c.testDescription): κ = \(law.temperature), exact \(exact), power law \(power), bound \(bound)")
        }
    }

    /// §15, the α → 2 limit: α-stable noise at α = 2 with scale c is isotropic Gaussian noise of
    /// σ² = 2c² — the same exact MFPT, Kramers time and ΔΦ to the last digit, the exact MFPT as
    /// the reference — and just below 2 the jump law's rate K_α·(cη)^α·d^{−α} vanishes with
    /// K_α ≈ (2 − α)/2, so its time exceeds the Gaussian member's exact MFPT wherever ΔΦ is moderate.
    @Test func alphaStableNoiseTendsToGaussianNoiseAsAlphaTendsToTwo() async {
        await propertyCheck(count: 24, input: Generators.escapeCase(optimizers: [.sgd], noises: [.isotropic]), Generators.number(2...6)) { c, phi in
            let c = try c.withEffectiveBarrier(phi)
            let gaussian = try c.prediction()
            var d = c.problemDescription
            d.noise = .alphaStable
            d.sigma2 = nil
            d.alpha = 2
            d.scale = (c.noiseLevel / 2).squareRoot()
            let atTwo = try Predictor.predict(try d.oneDimensional())
            #expect(atTwo.reference == "exactTime" && atTwo.jumpEscape == nil, "\(c.testDescription)")
            #expect(abs(atTwo.logExactTime - gaussian.logExactTime) < 1e-12 && abs((atTwo.logKramersTime ?? 0) - (gaussian.logKramersTime ?? 0)) < 1e-12
                    && abs(atTwo.effectiveBarrier / gaussian.effectiveBarrier - 1) < 1e-12, "\(c.testDescription)")
            d.alpha = 2 - 1e-6
            let nearTwo = try #require(try Predictor.predict(try d.oneDimensional()).jumpEscape)
            #expect(abs(nearTwo.tailConstant / 5e-7 - 1) < 1e-5 && nearTwo.meanTime > (gaussian.exactTime ?? 0), "\(c.testDescription)")
        }
    }

    /// §14: the quasi-static hazard of a schedule that keeps η (cosine with η_min = η) is the
    /// constant rate's geometric law, E[T] = 1/(1 − e^{−h}) steps with h = η/τ(η) — the exact
    /// MFPT in steps plus ½ up to O(h) — to rounding; annealing to η_min < η lengthens the mean
    /// and lowers the fraction escaped by K; and ln τ between the rate nodes, interpolated
    /// linearly in 1/η, is within 10⁻³ of the exact value at the midpoint of the first interval
    /// (the Arrhenius form, linear in 1/η, holds there up to the prefactor's slow change).
    @Test func scheduleHazardReducesToTheConstantRateAndFallsWithTheRate() async {
        await propertyCheck(count: 16, input: Generators.escapeCase(), Generators.number(3...8), Generators.number(0.3...0.9)) { c, phi, share in
            guard c.optimizer.dynamics == .overdamped, !c.optimizer.isScheduled(OptimizerSettings()) else { return }
            var c = try c.withEffectiveBarrier(phi)
            let constant = try c.prediction()
            let exactSteps = try #require(constant.exactSteps), tau = try #require(constant.exactTime)
            let k = max(1, Int(exactSteps.rounded()))
            c.lrSchedule = "cosine:steps=\(k),min=\(EscapeCase.text(c.learningRate))"
            let same = try #require(try c.prediction().scheduleHazard)
            let h = c.learningRate / tau
            let geometric = 1 / -expm1(-h)
            let mean = try #require(same.meanSteps)
            #expect(abs(same.initialTime / tau - 1) < 1e-12 && abs(mean / geometric - 1) < 1e-9,
                    "\(c.testDescription): mean \(mean) against 1/(1 − e^{−h}) = \(geometric), exact steps \(exactSteps)")
            let atK = same.survival(atSteps: [Double(k)])[0]
            c.lrSchedule = "cosine:steps=\(k),min=\(EscapeCase.text(EscapeCase.round3(share * c.learningRate)))"
            let annealed = try #require(try c.prediction().scheduleHazard)
            #expect((annealed.meanSteps ?? .infinity) > mean && annealed.survival(atSteps: [Double(k)])[0] > atK, "\(c.testDescription)")
            // The interpolation at the first interval's midpoint in 1/η against the exact MFPT there.
            let u = 0.5 * (annealed.inverseRates[0] + annealed.inverseRates[1])
            var mid = c
            mid.lrSchedule = nil
            mid.learningRate = 1 / u
            let exactMid = try #require(try mid.prediction().exactTime)
            #expect(abs(annealed.logTime(atRate: 1 / u) - log(exactMid)) < 1e-3,
                    "\(c.testDescription): interpolated ln τ \(annealed.logTime(atRate: 1 / u)), exact \(log(exactMid))")
        }
    }

    /// §0/§4: at equal ΔL and s (H_b/H_a fixed), a sharper minimum is left sooner by SGD,
    /// Adam and InvAdam. Restriction: pq with hessian or frozen noise (C = H/B), where ΔΦ ∝
    /// (B/H)^p and the prefactor falls with H for all three.
    @Test func sharperMinimaAreLeftSooner() async {
        await propertyCheck(count: 60, input: Generators.escapeCase(families: [.pq], noises: [.hessian, .frozen]),
                            Generators.number(1.1...4)) { c, k in
            let c = try c.withEffectiveBarrier(3)
            var sharp = c
            sharp.parameters[0] = c.parameters[0] * k
            sharp.parameters[1] = c.parameters[1] * k
            let t = try #require(try c.prediction().exactTime), ts = try #require(try sharp.prediction().exactTime)
            #expect(ts < t, "H ×\(k): \(sharp.testDescription)")
        }
    }

    /// §4 selectivity: the flat minimum's advantage ΔΦ_flat − ΔΦ_sharp orders InvAdam > SGD >
    /// Adam > 0 (p = 3/2 > 1 > 1/2). On `pq` with hessian noise both wells share ΔL and the
    /// saddle, and each well's ΔΦ = (2ΔL/η)[s_i x_i^p + (1 − s_i) y^p] (x_i = B/H_i, y = B/|H_b|,
    /// s_i = H_b/(H_i + H_b)), so the advantage is (2ΔL/η)[s_f x_f^p − s_s x_s^p − (s_f − s_s) y^p].
    /// It grows with p whenever x_f ≥ 1 ≥ x_s and y ≤ 1 (every term's derivative in p is ≥ 0):
    /// that is the restriction, H_flat ≤ B ≤ H_sharp and |H_b| ≥ B. Outside it the order of the
    /// exponent can reverse (docs/optimizers.md's example, B/H_flat = 1/2, orders SGD > Adam >
    /// InvAdam in ΔΦ while ln τ, with the prefactors, still orders InvAdam first).
    @Test func selectivityOrdersInvAdamSGDAdam() async {
        await propertyCheck(count: 40, input: Generators.escapeCase(families: [.pq], noises: [.hessian]),
                            Generators.number(0.25...1), Generators.number(1.1...8), Generators.number(1...6)) { c, u, v, w in
            var c = c
            let b = c.noiseLevel
            // H_flat = uB ≤ B, H_sharp = vB > B, |H_b| = wB ≥ B; the sharp well on a random side.
            let (flat, sharp, saddle) = (EscapeCase.round3(u * b), EscapeCase.round3(v * b), EscapeCase.round3(w * b))
            let sharpLeft = c.parameters[0] > c.parameters[3]
            c.parameters[0] = sharpLeft ? sharp : flat
            c.parameters[3] = sharpLeft ? flat : sharp
            c.parameters[1] = saddle
            func advantage(_ o: OptimizerKind) throws -> Double {
                var left = c, right = c
                left.optimizer = o; right.optimizer = o; right.from = .right
                let l = try left.prediction().effectiveBarrier, r = try right.prediction().effectiveBarrier
                return sharpLeft ? r - l : l - r
            }
            let inv = try advantage(.invadam), sgd = try advantage(.sgd), adam = try advantage(.adam)
            #expect(inv > sgd && sgd > adam && adam > 0, "\(c.testDescription): InvAdam \(inv), SGD \(sgd), Adam \(adam)")
        }
    }
}

extension LandscapeModel {
    /// The exact MFPT of `problem` on this landscape translated by `shift` (test helper).
    func translatedExactTime(by shift: Double, problem: EscapeProblem) throws -> Double {
        struct Visit: Landscape1DVisitor {
            let shift: Double, problem: EscapeProblem
            func visit<L: Landscape1D>(_ l: L) throws -> Double { try Translated(base: l, shift: shift).exactTime(problem) }
        }
        return try accept(Visit(shift: shift, problem: problem))
    }
}

/// The exact time with an optimizer's own preconditioner, handed over by its model.
struct ExactTime<L: Landscape1D, N: GradientNoise1D>: PreconditionerVisitor {
    let landscape: L, noise: N, learningRate: Double, geometry: EscapeGeometry
    func visit<P: Preconditioner1D>(_ preconditioner: P) throws -> Double {
        try EscapeTimes(ReducedSDE(landscape: landscape, noise: noise, preconditioner: preconditioner,
                                   learningRate: learningRate), geometry).exact.time!
    }
}

/// L(x − s): the landscape moved right by s, with its critical points and breakpoints.
struct Translated<Base: Landscape1D>: Landscape1D {
    let base: Base
    let shift: Double
    func value(_ x: Double) -> Double { base.value(x - shift) }
    func derivative(_ x: Double) -> Double { base.derivative(x - shift) }
    func secondDerivative(_ x: Double) -> Double { base.secondDerivative(x - shift) }
    func thirdDerivative(_ x: Double) -> Double { base.thirdDerivative(x - shift) }
    var criticalPoints: [CriticalPoint1D] {
        base.criticalPoints.map { CriticalPoint1D(x: $0.x + shift, value: $0.value, curvature: $0.curvature, kind: $0.kind) }
    }
    var breakpoints: [Double] { base.breakpoints.map { $0 + shift } }
    var curvatureSignChanges: [Double] { base.curvatureSignChanges.map { $0 + shift } }
    var spec: String { base.spec + " shifted by \(shift)" }
    var hasPiecewiseConstantCurvature: Bool { base.hasPiecewiseConstantCurvature }

    /// The exact MFPT with the problem's noise and optimizer on the translated landscape.
    func exactTime(_ problem: EscapeProblem) throws -> Double {
        let geometry = try EscapeGeometry(landscape: self, side: problem.side, target: problem.geometry.targetRule)
        return try problem.noise.withNoise1D(on: self, NoiseTime(landscape: self, problem: problem, geometry: geometry))
    }
}

/// The exact time with the problem's optimizer, handed the concrete noise by its model.
struct NoiseTime<L: Landscape1D>: GradientNoise1DVisitor {
    let landscape: L, problem: EscapeProblem, geometry: EscapeGeometry
    func visit<N: GradientNoise1D>(_ noise: N) throws -> Double {
        try problem.optimizer.withPreconditioner(
            settings: problem.settings,
            ExactTime(landscape: landscape, noise: noise, learningRate: problem.learningRate, geometry: geometry))
    }
}
