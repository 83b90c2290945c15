import Landscapes
import NumericKit

/// The d-dimensional reduced SDE's time step and scheme, chosen once per problem — for brute
/// force (Escape) and splitting (RareEvents) alike, so both run the same chain.
extension EscapeProblemND {
    /// The default SDE step: 0.01 over the fastest rate at the start, the saddle and the next
    /// minimum — (max pᵢ)·(max |λ(∇²L)|) for the reduced SDE (an upper bound on |eig(P∇²L)|),
    /// max(γ/η, √(max|λ|/η)) for momentum's underdamped SDE.
    public func defaultTimeStep<L: LandscapeND, N: GradientNoiseND, P: Preconditioner1D>(_ diffusion: DiffusionND<L, N, P>) -> Double {
        let points = [start, saddle, next]
        let curvature = points.map { $0.eigenvalues.map(abs).max()! }.max()!
        if optimizer.dynamics == .underdamped {
            let eta = learningRate, gamma = 1 - settings.momentum
            return 0.01 / max(gamma / eta, (curvature / eta).squareRoot())
        }
        let ws = diffusion.makeWorkspace()
        var rate = 0.0
        for p in points {
            for i in 0..<ws.d { ws.theta[i] = p.x[i] }
            diffusion.prepare(ws)
            if landscape.hasDiagonalHessian {
                // Diagonal P and ∇²L: the rates are exactly pᵢ·|Hᵢᵢ|.
                let h = diffusion.landscape.hessian(p.x)
                for i in 0..<ws.d { rate = max(rate, ws.factor[i] * abs(h[i * ws.d + i])) }
            } else {
                rate = max(rate, (0..<ws.d).map { ws.factor[$0] }.max()! * curvature)
            }
        }
        return 0.01 / rate
    }

    /// `auto`'s step control where the coordinates decouple (∇²L diagonal, noise not constant):
    /// nil otherwise. As in 1-D (docs/integrators.md §4), Euler–Maruyama's rule decides whether
    /// any coordinate refines; if one does, the returned control is Platen's rule on every
    /// coordinate (Euler–Maruyama's, steps ≤ dt₀, on coordinates with jumps, which take the
    /// skew-Euler step). Spans: ``AxisStepControl/spans(covering:)`` of the start, saddle, next
    /// minimum and target point, on 16 384 cells (the spans are about twice the 1-D path's).
    public func stepControl<L: LandscapeND, N: GradientNoiseND, P: Preconditioner1D>(
        _ diffusion: DiffusionND<L, N, P>, nominal dt: Double
    ) -> AxisStepControl? {
        guard !diffusion.needsEigen, !diffusion.hasConstantNoise else { return nil }
        let spans = AxisStepControl.spans(covering: [start.x, saddle.x, next.x, planePoint])
        let base = start.x, d = dimension, cells = 16384
        let euler = AxisStepControl(diffusion, base: base, spans: spans, nominal: dt,
                                    rules: Array(repeating: .eulerMaruyama, count: d), cells: cells)
        guard !euler.isUniform else { return euler }
        let jumps = diffusion.landscape.axisBreakpoints
        return AxisStepControl(diffusion, base: base, spans: spans, nominal: dt,
                               rules: jumps.map { $0.isEmpty ? .weakOrderTwo : .eulerMaruyama }, cells: cells)
    }

    /// The reduced SDE's step (overdamped optimizers) for scheme `kind` at nominal step `dt`:
    /// `auto` takes Platen's step under ``stepControl(_:nominal:)`` where the coordinates
    /// decouple and some gᵢ changes within a few noise steps, otherwise the uniform grid with
    /// the skew-Euler step on coordinates whose gᵢ jumps (separable `pq`) and Euler–Maruyama
    /// elsewhere (docs/integrators.md §1, §4); a named scheme is Euler–Maruyama on the uniform
    /// grid (the one d-dimensional scheme). `needsVariance`: whether the bridge variance of
    /// the escape coordinate is wanted (a hyperplane target).
    public func sdeStep<L: LandscapeND, N: GradientNoiseND, P: Preconditioner1D>(
        _ diffusion: DiffusionND<L, N, P>, kind: IntegratorKind, dt: Double, needsVariance: Bool
    ) -> SDEStepND<L, N, P> {
        if kind == .automatic, let control = stepControl(diffusion, nominal: dt), !control.isUniform {
            return SDEStepND(diffusion: diffusion, dt: dt, control: control, interfaces: diffusion.axisInterfaces(at: start.x),
                             normal: normal, needsVariance: needsVariance)
        }
        let interfaces = kind == .automatic ? diffusion.axisInterfaces(at: start.x) : []
        return SDEStepND(diffusion: diffusion, dt: dt, interfaces: interfaces, normal: normal, needsVariance: needsVariance)
    }
}
