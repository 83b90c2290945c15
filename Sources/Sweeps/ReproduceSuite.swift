import Dynamics

/// The built-in sweeps of `escape reproduce`, each an ordinary ``SweepSpec`` (its
/// `sweep.json` reruns it with `escape sweep`). `quick` keeps every verdict meaningful —
/// at least four sharpness levels for the exponent, so its t interval has two degrees of
/// freedom — with fewer trajectories and lower barriers; it runs in about a minute on 2 cores.
public enum ReproduceSuite {
    /// The sweeps, in the order they run.
    public static func specs(quick: Bool, seed: UInt64) -> [SweepSpec] {
        [exponent(quick, seed), kramers(quick, seed), kramersAsymptotics(quick, seed), batch(quick, seed), learningRate(quick, seed), selectivity(quick, seed),
         dualAdam(quick, seed), timeStep(quick, seed), roughness(quick, seed), lossNoise(quick, seed), learningRateSchedule(quick, seed),
         heavyTails(quick, seed), heavyTailsWidth(quick, seed)]
    }

    private static func n(_ values: [Double]) -> [ParameterValue] { values.map { .number($0) } }
    /// Barrier values paired with the method that measures them: brute force up to `brute`, splitting above.
    private static func barriers(_ values: [Double], bruteUpTo brute: Double) -> [[ParameterValue]] {
        values.map { [.number($0), .text($0 <= brute ? "brute" : "ams")] }
    }
    private static func t(_ values: [String]) -> [ParameterValue] { values.map { .text($0) } }

    /// (1) The exponent p of ln τ ∝ (ΔL/η)(B/H)^p: 1 SGD, 1/2 Adam, 3/2 InvAdam (docs/theory.md §0).
    static func exponent(_ quick: Bool, _ seed: UInt64) -> SweepSpec {
        let levels: [Double] = quick ? [2, 4, 8, 16] : [1, 2, 4, 8, 16, 32]
        return SweepSpec(
            name: "exponent",
            description: """
                The escape-time theorems: ln τ ≈ (2ΔL/η)[s(B/H_a)^p + (1 − s)(B/|H_b|)^p]. On `pq` with frozen (piecewise) \
                hessian noise, H_b = H_a/2 at every sharpness (s fixed), the barrier solved so that ΔΦ takes the same \
                values at every sharpness; the Arrhenius slope of ln τ against ΔL/η at each B/H_a, then p from ln(slope) \
                against ln(B/H_a). ΔΦ = 2…5 by brute force and, in the full run, 10, 20 and 30 by adaptive multilevel \
                splitting (docs/rare-events.md), where the prefactor matters least. Allowance 8%: the discretisation \
                bias where D jumps at the breakpoints (×2 SGD, ×4 InvAdam; docs/validation.md); it is the same at every \
                sharpness (the problem is self-similar), so it does not move p.
                """,
            base: ["landscape": .text("pq:ha=2,hb=1,barrier=0.5"), "noise": .text("frozen"), "lr": .number(0.1)],
            axes: [
                SweepAxis("optimizer", t(["sgd", "adam", "invadam"])),
                SweepAxis(["landscape.ha", "landscape.hb"], levels.map { [.number($0), .number($0 / 2)] }),
                quick ? SweepAxis(SweepSpec.effectiveBarrier, n([2, 3, 4]))
                      : SweepAxis([SweepSpec.effectiveBarrier, "method"], barriers([2, 3, 4, 5, 10, 20, 30], bruteUpTo: 5)),
            ],
            trajectories: quick ? 800 : 3000, seed: seed, allowance: 0.08, fits: [FitRequest(.exponent)])
    }

    /// (2) Exact and Kramers against simulation as the barrier grows: Kramers/exact → 1 (§4).
    static func kramers(_ quick: Bool, _ seed: UInt64) -> SweepSpec {
        SweepSpec(
            name: "kramers",
            description: """
                SGD with isotropic noise on a quartic double well, ΔΦ = ΔL/D from 2 upwards. The exact MFPT (§3) should \
                agree with simulation at every barrier; Kramers' formula only as ΔΦ grows (relative error O(1/ΔΦ), §4). \
                The Arrhenius fit compares d ln τ/dΔΦ measured with the exact one. Allowance 2%: time step 0.002 \
                with the Brownian-bridge crossing correction.
                """,
            base: ["landscape": .text("quartic:barrier=1"), "sigma2": .number(0.5), "lr": .number(1), "dt": .number(0.002)],
            axes: [SweepAxis(SweepSpec.effectiveBarrier, n(quick ? [2, 3, 4, 5] : [2, 3.5, 5, 6.5, 8]))],
            trajectories: quick ? 1000 : 3000, seed: seed, allowance: 0.02, fits: [FitRequest(.arrhenius, x: .effectiveBarrier)])
    }

    /// (2b) The approach to Kramers' law, 1 + c/ΔΦ, out to ΔΦ = 40 by splitting (§4; docs/rare-events.md).
    static func kramersAsymptotics(_ quick: Bool, _ seed: UInt64) -> SweepSpec {
        SweepSpec(
            name: "kramers-asymptotics",
            description: """
                SGD with isotropic noise on a quartic double well, ΔΦ from 4 to 40: brute force up to ΔΦ = 8, adaptive \
                multilevel splitting above (docs/rare-events.md). Kramers' formula approaches the exact MFPT as \
                Kramers/τ = 1 + c/ΔΦ + d/ΔΦ² (§4; Laplace's expansion gives c = −3/8 here); the fit takes c from the \
                measured times and from the exact MFPT. Allowance 2%: the default dt with the Brownian-bridge crossing \
                correction (as in `kramers`).
                """,
            base: ["landscape": .text("quartic:barrier=1"), "sigma2": .number(0.5), "lr": .number(1)],
            axes: [SweepAxis([SweepSpec.effectiveBarrier, "method"],
                             barriers(quick ? [4, 6, 12, 20] : [4, 6, 8, 12, 16, 20, 25, 30, 40], bruteUpTo: 8))],
            trajectories: quick ? 1000 : 3000, seed: seed, allowance: 0.02, fits: [FitRequest(.kramersAsymptotics)])
    }

    /// (3a) Batch size: ΔΦ ∝ B^p at fixed η.
    static func batch(_ quick: Bool, _ seed: UInt64) -> SweepSpec {
        SweepSpec(
            name: "batch",
            description: """
                Escape time against batch size B with hessian noise (C = H/B) on `pq`: ln τ grows like B^p (p = 1, 1/2, 3/2 \
                for SGD, Adam, InvAdam). Each optimizer gets its own learning rate so that all start near ΔΦ ≈ 1.3 at B = 1. \
                The Arrhenius fit compares the slope of ln τ against B with the exact prediction's. Allowance 8% (D jumps ×2 \
                to ×4 at the breakpoints, as in `exponent`).
                """,
            base: ["landscape": .text("pq:ha=4,hb=2,barrier=0.25"), "noise": .text("hessian")],
            axes: [
                SweepAxis(["optimizer", "lr"], [[.text("sgd"), .number(0.16)], [.text("adam"), .number(0.245)], [.text("invadam"), .number(0.107)]]),
                SweepAxis("batch", n(quick ? [1, 1.5, 2, 2.5] : [1, 1.25, 1.5, 2, 2.5])),
            ],
            trajectories: quick ? 800 : 3000, seed: seed, allowance: 0.08, fits: [FitRequest(.arrhenius, x: .batch)])
    }

    /// (3b) Learning rate: ΔΦ ∝ 1/η.
    static func learningRate(_ quick: Bool, _ seed: UInt64) -> SweepSpec {
        SweepSpec(
            name: "learning-rate",
            description: """
                Escape time against the learning rate η with hessian noise on `pq`: ΔΦ ∝ 1/η for every optimizer (the \
                diffusion is ∝ η), so ln τ is linear in 1/η with slope ΔΦ·η. Each optimizer gets its own barrier so that \
                ΔΦ ≈ 1.3 at η = 0.2. Allowance 8%, as in `batch`.
                """,
            base: ["landscape": .text("pq:ha=4,hb=2,barrier=0.25"), "noise": .text("hessian")],
            axes: [
                SweepAxis(["optimizer", "landscape.barrier"], [[.text("sgd"), .number(0.312)], [.text("adam"), .number(0.204)],
                                                               [.text("invadam"), .number(0.469)]]),
                SweepAxis("lr", n(quick ? [0.2, 0.133, 0.1, 0.0667] : [0.2, 0.133, 0.1, 0.08, 0.0667])),
            ],
            trajectories: quick ? 800 : 3000, seed: seed, allowance: 0.08, fits: [FitRequest(.arrhenius, x: .inverseLearningRate)])
    }

    /// (4) Sharp against flat: ln(τ_flat/τ_sharp) per optimizer (§4).
    static func selectivity(_ quick: Bool, _ seed: UInt64) -> SweepSpec {
        SweepSpec(
            name: "selectivity",
            description: """
                Which minimum is kept: escape from the sharp (H = 8, left) and the flat (H = 2, right) well of \
                `pq:ha=8,hb=2,barrier=0.25,hc=2` with hessian noise; ln(τ_flat/τ_sharp) should order InvAdam > SGD > Adam \
                (p = 3/2 > 1 > 1/2). dt = 2e-4 because D jumps up to ×16 in the sharp well and Euler–Maruyama's jump bias \
                at the default step would inflate the selectivity (docs/optimizers.md). Allowance 3%.
                """,
            base: ["landscape": .text("pq:ha=8,hb=2,barrier=0.25,hc=2"), "noise": .text("hessian"), "lr": .number(0.1),
                   "dt": .number(2e-4)],
            axes: [SweepAxis("optimizer", t(["sgd", "adam", "invadam"])), SweepAxis("from", t(["left", "right"]))],
            trajectories: quick ? 600 : 2000, seed: seed, allowance: 0.03, fits: [FitRequest(.selectivity)])
    }

    /// (5) Scheduled DualAdam: fraction escaped by the switch step against the quasi-static hazard (§7).
    static func dualAdam(_ quick: Bool, _ seed: UInt64) -> SweepSpec {
        SweepSpec(
            name: "dualadam",
            description: """
                The authors' DualAdam schedule r = max(0, 1 − tξ), discrete iteration, on a quartic well with isotropic \
                noise: the fraction of walkers escaped by the switch step K against the quasi-static hazard \
                1 − exp(−Σ η/τ(r_j)). Trajectories are capped at 30 000 steps, so mean times are censored and rows do not \
                "agree" on τ; the verdict is the fraction. Allowance 10% of the predicted fraction: the hazard assumes a \
                relaxed basin from step 1 and lags by the relaxation time (≈ 80 steps for InvAdam, 300 for Adam here), so the switch steps K = 1/ξ are kept ≥ 5000 (at ξ = 5e-4, K = 2000, the measured fraction is a quarter below the hazard; docs/optimizers.md).
                """,
            base: ["landscape": .text("quartic:barrier=0.08"), "sigma2": .number(4), "lr": .number(0.01), "optimizer": .text("dualadam"),
                   "model": .text("discrete"), "max-steps": .number(30000)],
            axes: [SweepAxis("switch-rate", n(quick ? [1e-4, 2e-4] : [5e-5, 1e-4, 2e-4]))],
            trajectories: quick ? 1000 : 4000, seed: seed, allowance: 0.10, fits: [FitRequest(.escapeFraction)])
    }

    /// Escape from a rough quartic against ε/T: simulated, exact (of this field) and Zwanzig (§9).
    static func roughness(_ quick: Bool, _ seed: UInt64) -> SweepSpec {
        SweepSpec(
            name: "roughness",
            description: """
                SGD with isotropic noise (T = ησ²/2 = 0.25) on a quartic well (ΔL = 0.5) plus a Gaussian random field of SD ε \
                and correlation length ℓ = 0.05 (one realisation, seed 3), ε/T from 0 to 0.8. Columns: simulated τ, the exact \
                MFPT of this rough potential (the reference), and Zwanzig's e^{(ε/T)²} × the smooth τ — which holds on average \
                over fields; one field scatters around it by ~25% at this ℓ (docs/rough.md). Allowance 3%: the default dt \
                resolves the field's curvature.
                """,
            base: ["landscape": .text("rough:amplitude=0.1,correlation=0.05,seed=3,of=quartic:barrier=0.5"), "sigma2": .number(0.5),
                   "lr": .number(1)],
            axes: [SweepAxis("landscape.amplitude", n(quick ? [0, 0.1, 0.2] : [0, 0.05, 0.1, 0.15, 0.2]))],
            trajectories: quick ? 400 : 2000, seed: seed, allowance: 0.03, fits: [])
    }

    /// Loss-proportional noise: ln τ linear in ln(L_saddle/L_min) with slope B/(ηP) + 1/2, where
    /// the Arrhenius form fails (docs/theory.md §13; Mori et al. 2022).
    static func lossNoise(_ quick: Bool, _ seed: UInt64) -> SweepSpec {
        SweepSpec(
            name: "loss-noise",
            description: """
                SGD with loss-proportional noise C = 2L/B (B = 1, η = 0.25: κ = ηP/B = 1/4) on a quartic well of barrier \
                ΔL = 1 whose minima sit at L = floor; lowering the floor raises L_saddle/L_min = 1 + ΔL/floor from 2 \
                upwards. Φ = ln L/κ, so ln τ is linear in ln(L_saddle/L_min) with the exact MFPT's slope, which \
                approaches the power law's B/(ηP) + 1/2 = 4.5 as κ → 0; the Arrhenius form e^{ΔL/T_min} \
                (T_min = κ·L_min) is drawn beside it and overstates τ by orders of magnitude once ΔL is a few \
                L_min. The fit compares the slope of ln τ against ln(L_saddle/L_min) with the exact one. Allowance \
                2%: the default dt with the Brownian-bridge crossing correction (as in `kramers`).
                """,
            base: ["landscape": .text("quartic:barrier=1,floor=1"), "noise": .text("loss"), "batch": .number(1), "lr": .number(0.25)],
            axes: [SweepAxis("landscape.floor", n(quick ? [1, 0.6, 0.45] : [1, 0.7, 0.5, 0.4, 0.3]))],
            trajectories: quick ? 500 : 2000, seed: seed, allowance: 0.02, fits: [FitRequest(.arrhenius, x: .logLossRatio)])
    }

    /// Cosine annealing of the learning rate: the fraction escaped by the schedule's end and the
    /// mean escape time against the quasi-static hazard (docs/theory.md §14), discrete and SDE.
    static func learningRateSchedule(_ quick: Bool, _ seed: UInt64) -> SweepSpec {
        SweepSpec(
            name: "lr-schedule",
            description: """
                SGD on a quartic well (ΔL = 0.15, σ² = 2) with the learning rate cosine-annealed from η = 0.05 (ΔΦ = 3) \
                to η_min over K = 3000 steps, then held at η_min; η_min = η is the constant rate. Discrete iteration and \
                reduced SDE (its time on the optimizer-step clock). The quasi-static hazard S(k) = exp(−Σ η_j/τ(η_j)) \
                predicts the fraction escaped by step K (the fit) and the mean escape time (the reference); the \
                constant-rate law exp(−kη/τ(η)) overstates the fraction once η_min < η. Allowance 5%: the discrete \
                iteration departs from its SDE by O(η·|L″|) (+2% measured at the constant rate, max η·|L″| = 0.33 on \
                the path) and the walkers start at the minimum, a relaxation time (17 steps) behind the hazard.
                """,
            base: ["landscape": .text("quartic:barrier=0.15"), "sigma2": .number(2), "lr": .number(0.05),
                   "lr-schedule": .text("cosine:steps=3000,min=0.05")],
            axes: [SweepAxis("model", t(["discrete", "sde"])),
                   SweepAxis("lr-schedule.min", n(quick ? [0.05, 0.035, 0.025] : [0.05, 0.04, 0.03, 0.025, 0.02]))],
            trajectories: quick ? 600 : 2000, seed: seed, allowance: 0.05, fits: [FitRequest(.escapeFraction)])
    }

    /// The in-basin spectra of `escape reproduce`: SGD, Adam and InvAdam in a 2-D quadratic
    /// basin with curvatures 4 and 10 (docs/theory.md §8; docs/spectra.md).
    public static let spectrumSpec = "separable:base=pq,ha=4,hb=2,barrier=20,spectators=10"
    public static let spectrumOptimizers = ["sgd", "adam", "invadam"]

    /// α-stable gradient noise against Gaussian noise as the barrier grows at a fixed width: the
    /// jump law's τ does not depend on ΔL, Kramers' grows like e^{ΔL/D} (docs/theory.md §15).
    static func heavyTails(_ quick: Bool, _ seed: UInt64) -> SweepSpec {
        let levels: [Double] = quick ? [1, 1.5, 2] : [1, 1.25, 1.5, 1.75, 2]
        return SweepSpec(
            name: "heavy-tails",
            description: """
                SGD's reduced SDE driven by α-stable Lévy motion (dθ = −L′ dt + c·η^{1−1/α} dL_α, η = 0.05) on `pq` with \
                H_a = H_b = 4ΔL, so that the width from the minimum to the saddle stays d = 1 while the barrier ΔL \
                grows. At α = 1.5 (c = 0.25) escape is by one jump past the saddle: Imkeller & Pavlyukevich's τ = \
                d^α/(K_α·c^α·η^α) steps, the same at every ΔL (the fit's slope 0). At α = 2 (c = 3, σ² = 2c² = 18) the \
                noise is Gaussian and τ is the exact MFPT's Arrhenius e^{ΔL/D} (ΔΦ = 2.2 to 4.4). Allowance 5%: the jump law \
                is leading order, with relative error O(ℓ/d), ℓ/d ≤ 0.037 here (an independent NumPy implementation of the \
                discrete rule measured −1% at 0.037 and 0 ± 2% at 0.023); at α = 2, Euler–Maruyama at the default dt \
                on `pq`, whose L″ jumps where the pieces meet (0.95–0.97 of the exact MFPT measured at ΔΦ ≈ 4 for \
                α = 2 and for Gaussian noise alike, docs/validation.md).
                """,
            base: ["landscape": .text("pq:ha=4,hb=4,barrier=1"), "noise": .text("alpha-stable"), "lr": .number(0.05)],
            axes: [SweepAxis(["alpha", "scale"], [[.number(1.5), .number(0.25)], [.number(2), .number(3)]]),
                   SweepAxis(["landscape.barrier", "landscape.ha", "landscape.hb"], levels.map { [.number($0), .number(4 * $0), .number(4 * $0)] })],
            trajectories: quick ? 300 : 2000, seed: seed, allowance: 0.05, fits: [FitRequest(.arrhenius, x: .barrier)])
    }

    /// α-stable noise as the basin widens at a fixed curvature: τ ∝ d^α (docs/theory.md §15).
    static func heavyTailsWidth(_ quick: Bool, _ seed: UInt64) -> SweepSpec {
        SweepSpec(
            name: "heavy-tails-width",
            description: """
                Discrete SGD with α-stable gradient noise (g = L′ + c·S, c = 0.25, η = 0.05) on `pq` with H_a = H_b = 4 \
                and ΔL = d², so that the width d from the minimum to the saddle runs from 1 to 4: Imkeller & \
                Pavlyukevich's τ = d^α/(K_α·c^α·η^α) steps is a power law of the width with exponent α, the tail index \
                (the fit's slope of ln τ against ln d), where Gaussian noise would give e^{ΔL/D} = e^{d²/D}. Allowance \
                5%: the jump law is leading order, relative error O(ℓ/d) with ℓ/d ≤ 0.043 here.
                """,
            base: ["landscape": .text("pq:ha=4,hb=4,barrier=1"), "noise": .text("alpha-stable"), "scale": .number(0.25),
                   "lr": .number(0.05), "model": .text("discrete")],
            axes: [SweepAxis("alpha", n([1.3, 1.7])),
                   SweepAxis("landscape.barrier", n(quick ? [1, 4, 16] : [1, 2.25, 4, 9, 16]))],
            trajectories: quick ? 300 : 2000, seed: seed, allowance: 0.05, fits: [FitRequest(.arrhenius, x: .logWidth)])
    }

    /// A time-step study where the noise jumps: Euler–Maruyama's O(√dt) bias beside the
    /// skew-Euler step, which crosses the jump exactly (docs/integrators.md §2–§3), with the
    /// fitted order of each bias.
    static func timeStep(_ quick: Bool, _ seed: UInt64) -> SweepSpec {
        // The default dt here is 0.01/(P·H_a) = 0.01/64; the steps are 4×, 2×, 1×, ½× and ¼× it.
        let nominal = 0.01 / 64
        let factors: [Double] = quick ? [4, 1, 0.25] : [4, 2, 1, 0.5, 0.25]
        return SweepSpec(
            name: "time-step",
            description: """
                InvAdam with hessian noise on a sharp `pq` well (D ∝ C² = (H/B)²: D jumps ×64 at the well's edge), \
                at 4×, 2×, 1×, ½× and ¼× the default dt: Euler–Maruyama is biased by O(√dt) at the breakpoint, so its \
                rows are expected not to agree and its fitted order is about ½; skew-euler, the default there, crosses \
                the jump exactly in law and should agree at every dt (allowance 2%), its bias unresolved. \
                (milstein equals Euler–Maruyama here: g is piecewise constant.)
                """,
            base: ["landscape": .text("pq:ha=16,hb=2,barrier=0.25"), "optimizer": .text("invadam"), "noise": .text("hessian"),
                   "lr": .number(0.1)],
            axes: [SweepAxis("integrator", t(["euler-maruyama", "skew-euler"])),
                   SweepAxis("dt", n(factors.map { $0 * nominal }))],
            trajectories: quick ? 500 : 4000, seed: seed, allowance: 0.02, fits: [FitRequest(.timeStepOrder)])
    }
}
