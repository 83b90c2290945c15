import Dynamics
import Landscapes

/// Receives the integrator and step-size profile a 1-D reduced SDE runs with, as concrete types.
protocol SteppedSchemeVisitor {
    associatedtype Output
    func visit<I: SDEIntegrator>(_ integrator: I, profile: StepSizeProfile) throws -> Output
}

/// The scheme a 1-D reduced SDE runs with, one choice per run (docs/integrators.md §1), shared by
/// brute force and splitting. `auto`: skew-euler on the step-size profile where g jumps; where D
/// changes fast but smoothly (Euler–Maruyama's profile would refine), Platen's weak order-2 step
/// on its own profile; else Euler–Maruyama on the uniform grid. A named scheme runs on the
/// uniform grid.
enum SchemeChoice {
    static func with<L: Landscape1D, N: GradientNoise1D, P: Preconditioner1D, V: SteppedSchemeVisitor>(
        _ sde: ReducedSDE<L, N, P>, kind: IntegratorKind, span: (from: Double, to: Double), dt: Double, _ visitor: V
    ) throws -> V.Output {
        guard kind == .automatic else { return try kind.withScheme(for: sde, NamedScheme(visitor: visitor, dt: dt)) }
        let interfaces = sde.diffusionInterfaces
        let profile = StepSizeProfile(sde, from: span.from, to: span.to, nominal: dt)
        if !interfaces.isEmpty { return try visitor.visit(SkewEuler(interfaces: interfaces), profile: profile) }
        if profile.isUniform { return try visitor.visit(EulerMaruyama(), profile: profile) }
        return try visitor.visit(PlatenWeakTwo(), profile: StepSizeProfile(sde, from: span.from, to: span.to, nominal: dt, rule: .weakOrderTwo))
    }
}

/// A named scheme, handed over as a concrete type, on the uniform grid.
struct NamedScheme<V: SteppedSchemeVisitor>: SchemeVisitor {
    let visitor: V
    let dt: Double
    func visit<I: SDEIntegrator>(_ integrator: I) throws -> V.Output {
        try visitor.visit(integrator, profile: StepSizeProfile(uniform: dt))
    }
}
