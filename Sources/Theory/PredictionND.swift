import Dynamics
import Foundation
import Landscapes
import NumericKit

/// Every prediction that applies to a d-dimensional escape problem (docs/theory.md §6), with
/// the reason when only a heuristic does. Times are SDE time t; steps are t/η.
public struct PredictionND: Sendable, Codable {
    /// Eyring–Kramers for isotropic noise and a scalar preconditioner P (Bovier, Eckhoff,
    /// Gayrard & Klein 2004; Berglund 2013): with V = P·L and ε = D = ηP²σ²/2,
    ///
    ///     τ = (2π/(P·|λ₁(∇²L(z))|))·√(|det ∇²L(z)| / det ∇²L(x))·exp(2ΔL/(ηPσ²)),
    ///
    /// relative error O(1/ΔΦ). For momentum P = 1/(1 − β) and the underdamped factor applies.
    public struct EyringKramers: Sendable, Codable {
        public let time: Double?
        public let steps: Double?
        public let logTime: Double
        public let effectiveBarrier: Double
        /// |λ₁| at the saddle and √(|det H_z|/det H_x).
        public let unstableEigenvalue: Double
        public let determinantFactor: Double
    }

    /// The frozen-coefficient estimate for state-dependent or anisotropic noise [heuristic]:
    /// ΔΦ = (2/η)∫ (∇L·t̂)/(t̂ᵀPt̂ · t̂ᵀCt̂) ds along the minimum-energy path (t̂ its tangent),
    /// and the prefactor (2π/μ*)·√(|det H_z|/det H_x)·√(D_z P_z/(D_x P_x)) with μ* the positive
    /// eigenvalue of −P∇²L at the saddle and D, P taken along the path's end directions. It
    /// equals Eyring–Kramers for isotropic noise and scalar P, and generalized 1-D Kramers in
    /// one dimension; otherwise the true exponent is a Freidlin–Wentzell quasipotential
    /// (Bouchet & Reygner 2016) which this does not compute.
    public struct Heuristic: Sendable, Codable {
        public let time: Double?
        public let steps: Double?
        public let logTime: Double
        public let effectiveBarrier: Double
        public let reason: String
    }

    public let dimension: Int
    public let start: CriticalPointND
    public let saddle: CriticalPointND
    public let next: CriticalPointND
    public let barrier: Double
    public let escapeTarget: String
    /// The exact 1-D reduction (separable landscapes with dynamics that keep the coordinates
    /// decoupled): the 1-D prediction of the base family along the escape coordinate.
    public let reduction1D: Prediction?
    public let eyringKramers: EyringKramers?
    public let heuristic: Heuristic?
    public let referenceTime: Double?
    public let referenceSteps: Double?
    public let logReferenceTime: Double
    /// Which of the above the reference is: `reduction1D`, `eyringKramers` or `heuristic`.
    public let reference: String
    public let notes: [String]
}

public enum PredictorND {
    public static func predict(_ problem: EscapeProblemND) throws -> PredictionND {
        try problem.optimizer.withPreconditioner(settings: problem.settings, PredictionVisitorND(problem: problem))
    }
}

struct PredictionVisitorND: PreconditionerVisitor {
    let problem: EscapeProblemND

    func visit<P: Preconditioner1D>(_ preconditioner: P) throws -> PredictionND {
        let eta = problem.learningRate
        let a = problem.start, b = problem.saddle, c = problem.next
        var notes: [String] = []
        let halve: Double = problem.target == .saddle ? Foundation.log(2.0) : 0
        if problem.target == .saddle { notes.append("escape at the saddle's hyperplane: times halved (half of the Laplace integral)") }
        // 1. The exact 1-D reduction.
        var reduction: Prediction?
        if let (base, side) = separableBase() {
            if case .radius = problem.target {
                notes.append("escape within a radius of a minimum: the exact 1-D reduction needs a hyperplane target")
            } else {
                let target: EscapeTarget = problem.target == .saddle ? .saddle : .midpoint
                let oneD = try EscapeProblem(landscape: base, side: side, target: target, optimizer: problem.optimizer,
                                             noise: problem.noise, learningRate: eta, model: problem.model,
                                             maxSteps: problem.maxSteps, settings: problem.settings)
                reduction = try Predictor.predict(oneD)
                notes.append("separable landscape with decoupled dynamics: the escape coordinate is exactly the 1-D problem of the base family (reduction1D)")
            }
        } else if let why = reductionRefusal() {
            notes.append(why)
        }
        // 2. Eyring–Kramers: with isotropic noise P is a scalar p, M = pI and D = ηp²σ²/2·I = ε·M
        //    with ε = ηpσ²/2 (Gibbs); the general constant-coefficient law applies.
        var ek: PredictionND.EyringKramers?
        var rough = false
        if let parts = problem.landscape.separableParts, !parts.base.isSmooth {
            rough = true
            notes.append("rough landscape: Eyring–Kramers would use the field's curvature at the smooth critical points; the reference is the 1-D reduction (the exact MFPT of the rough potential), with Zwanzig's factor in reduction1D.zwanzig")
        }
        if !rough, let isotropic = problem.noise.model as? IsotropicNoiseModel, !problem.optimizer.isScheduled(problem.settings) || problem.model == .discrete {
            let s2 = isotropic.sigma2
            let p = preconditioner.factor(variance: s2), d = problem.dimension
            var m = Array(repeating: 0.0, count: d * d), diffusion = m
            for i in 0..<d { m[i * d + i] = p; diffusion[i * d + i] = eta * p * p * s2 / 2 }
            let epsilon = EyringKramersFormula.gibbsTemperature(drift: m, diffusion: diffusion, dimension: d)!  // scalar M, D: always Gibbs
            let hx = problem.landscape.hessian(a.x), hz = problem.landscape.hessian(b.x)
            var logTime = try EyringKramersFormula.logTime(drift: m, hessianAtMinimum: hx, hessianAtSaddle: hz, dimension: d,
                                                           barrier: problem.barrier, temperature: epsilon) - halve
            let lambda = abs(b.eigenvalues[0])
            let detFactor = (abs(b.determinant) / a.determinant).squareRoot()
            let barrierPhi = problem.barrier / epsilon
            if problem.optimizer.dynamics == .underdamped {
                let langevinFactor = UnderdampedKramers.factor(mass: eta, friction: 1 - problem.settings.momentum, curvature: lambda)
                logTime += log(langevinFactor)
                notes.append("momentum: Eyring–Kramers of the overdamped limit (P = 1/(1 − β)) × the underdamped factor \(String(format: "%.4g", langevinFactor))")
            }
            ek = PredictionND.EyringKramers(time: logTime < 709 ? exp(logTime) : nil, steps: logTime < 709 ? exp(logTime) / eta : nil,
                                            logTime: logTime, effectiveBarrier: barrierPhi, unstableEigenvalue: lambda,
                                            determinantFactor: detFactor)
            if barrierPhi < 8 { notes.append("ΔΦ = \(String(format: "%.3g", barrierPhi)) < 8: Eyring–Kramers' O(1/ΔΦ) error is more than a few percent") }
        }
        // 3. The frozen-coefficient heuristic when neither applies.
        var heuristic: PredictionND.Heuristic?
        if reduction == nil && ek == nil {
            heuristic = try problem.withDiffusion(preconditioner: preconditioner, FrozenCoefficients(owner: self, halve: halve))
        }
        if case .discrete = problem.model {
            notes.append("discrete iteration: these are the predictions of its SDE limit (η → 0)")
        }
        if problem.optimizer.isScheduled(problem.settings) {
            notes.append("scheduled dualadam in d dimensions: predictions are Adam's (r = 0, after the switch); the hazard is predicted for the 1-D reduction only")
        }
        let logRef: Double, refName: String
        if let r = reduction { logRef = r.logReferenceTime; refName = "reduction1D" }
        else if let e = ek { logRef = e.logTime; refName = "eyringKramers" }
        else { logRef = heuristic!.logTime; refName = "heuristic" }
        let refTime = logRef < 709 ? exp(logRef) : nil
        return PredictionND(dimension: problem.dimension, start: a, saddle: b, next: c, barrier: problem.barrier,
                            escapeTarget: problem.target.description, reduction1D: reduction, eyringKramers: ek,
                            heuristic: heuristic, referenceTime: refTime, referenceSteps: refTime.map { $0 / eta },
                            logReferenceTime: logRef, reference: refName, notes: notes)
    }

    /// Whether the dynamics commute with the landscape's rotation: P = I or a scalar, or the
    /// full matrix function, or isotropic noise (diag(C) = σ²).
    var rotationInvariant: Bool {
        if problem.noise.model is IsotropicNoiseModel { return true }
        return problem.optimizer.hasConstantPreconditioner || problem.form == .full
    }

    /// The base family and the start side when the escape coordinate decouples exactly.
    func separableBase() -> (LandscapeModel, StartSide)? {
        let a = problem.start.x, c = problem.next.x
        if let parts = problem.landscape.separableParts { return (parts.base, a[0] < c[0] ? .left : .right) }
        guard case .rotated(let r) = problem.landscape, let parts = r.base.separableParts, rotationInvariant else { return nil }
        let q = r.rotation.matrix, d = problem.dimension
        let a0 = (0..<d).reduce(0.0) { $0 + q[$1 * d] * a[$1] }, c0 = (0..<d).reduce(0.0) { $0 + q[$1 * d] * c[$1] }
        return (parts.base, a0 < c0 ? .left : .right)
    }

    func reductionRefusal() -> String? {
        if case .rotated(let r) = problem.landscape, r.base.separableParts != nil, !rotationInvariant {
            return "rotated landscape with \(problem.optimizer.rawValue)'s elementwise preconditioner from anisotropic C: diag(C) is not rotation invariant, so P differs from the unrotated problem's and the coordinates no longer decouple — the exact 1-D reduction does not apply and τ changes with the rotation"
        }
        return nil
    }

    func frozenCoefficient<L: LandscapeND, N: GradientNoiseND, P: Preconditioner1D>(
        _ diffusion: DiffusionND<L, N, P>, halve: Double
    ) throws -> PredictionND.Heuristic {
        let l = problem.landscape, d = problem.dimension, eta = problem.learningRate
        let ws = diffusion.makeWorkspace()
        func at(_ x: [Double]) { for i in 0..<d { ws.theta[i] = x[i] }; diffusion.prepare(ws) }
        // The minimum-energy path from the start to the saddle.
        let b = problem.saddle.x
        var path: [[Double]] = [problem.start.x]
        for p in problem.path.dropFirst() {
            path.append(p)
            if CriticalPointSearch.distance(p, problem.next.x) < CriticalPointSearch.distance(b, problem.next.x) { break }
        }
        path[path.count - 1] = b
        var phi = 0.0
        var g = Array(repeating: 0.0, count: d)
        for k in 1..<path.count {
            let seg = zip(path[k], path[k - 1]).map { $0 - $1 }
            let len = seg.reduce(0) { $0 + $1 * $1 }.squareRoot()
            guard len > 0 else { continue }
            let t = seg.map { $0 / len }
            let pieces = 16
            for j in 0..<pieces {
                let w = (Double(j) + 0.5) / Double(pieces)
                let x = zip(path[k - 1], seg).map { $0 + w * $1 }
                at(x)
                l.gradient(x, into: &g)
                let slope = zip(g, t).reduce(0) { $0 + $1.0 * $1.1 }
                let (p, c, _) = diffusion.directional(t, ws)
                phi += (2 / eta) * slope / (p * c) * len / Double(pieces)
            }
        }
        // Prefactor pieces: D and P along the path's first direction at the minimum, along the unstable direction at the saddle.
        let first = zip(path[1], path[0]).map { $0 - $1 }
        let tA = first.map { $0 / first.reduce(0) { $0 + $1 * $1 }.squareRoot() }
        at(problem.start.x)
        let (pa, _, pcpa) = diffusion.directional(tA, ws)
        at(b)
        let (pb, _, pcpb) = diffusion.directional(problem.normal, ws)
        let root = diffusion.preconditionerRoot(ws)
        let h = l.hessian(b)
        var s = Array(repeating: 0.0, count: d * d) // P^{1/2} H P^{1/2}
        for i in 0..<d { for j in 0..<d {
            var v = 0.0
            for m in 0..<d { for n in 0..<d { v += root[i * d + m] * h[m * d + n] * root[n * d + j] } }
            s[i * d + j] = v
        } }
        let mu = -(try SymmetricEigen(symmetric: s, dimension: d).values[0])
        let det = (abs(problem.saddle.determinant) / problem.start.determinant).squareRoot()
        let logTime = log(2 * Double.pi / mu * det * (pcpb * pb / (pcpa * pa)).squareRoot()) + phi - halve
        var reason = "state-dependent or anisotropic noise in d > 1 is non-reversible: no exact formula; frozen coefficients along the minimum-energy path"
        if case .rotated = l { reason += " (rotated landscape, elementwise P: not the unrotated problem)" }
        return PredictionND.Heuristic(time: logTime < 709 ? exp(logTime) : nil, steps: logTime < 709 ? exp(logTime) / eta : nil,
                                      logTime: logTime, effectiveBarrier: phi, reason: reason)
    }
}

/// The frozen-coefficient heuristic with the problem's diffusion concrete.
struct FrozenCoefficients: DiffusionNDVisitor {
    let owner: PredictionVisitorND
    let halve: Double

    func visit<L: LandscapeND, N: GradientNoiseND, P: Preconditioner1D>(_ diffusion: DiffusionND<L, N, P>) throws -> PredictionND.Heuristic {
        try owner.frozenCoefficient(diffusion, halve: halve)
    }
}
