import Landscapes

/// Receives the integrator a 1-D reduced SDE runs with, as a concrete type, and the loop it
/// runs in: on a step-size profile (`visit`), or on the uniform grid dt (`visitUniform`: every
/// step dt₀, one normal per step — the loop the fast engine interleaves in SIMD lanes).
public protocol SteppedSchemeVisitor {
    associatedtype Output
    func visit<I: SDEIntegrator>(_ integrator: I, profile: StepSizeProfile) throws -> Output
    func visitUniform<I: SDEIntegrator>(_ integrator: I, dt: Double) throws -> Output
}

/// The scheme a 1-D reduced SDE runs with, one choice per run (docs/integrators.md §1), shared by
/// brute force (Escape) and splitting (RareEvents). `auto`: skew-euler on the step-size profile where g jumps; where D
/// changes fast but smoothly (Euler–Maruyama's profile would refine), Platen's weak order-2 step
/// on its own profile (which may take steps up to 4·dt₀); else Euler–Maruyama on the uniform
/// grid. A named scheme runs on the uniform grid. Inlinable, so that each caller's visitor is handed concrete types.
public enum SchemeChoice {
    @inlinable
    public static func with<L: Landscape1D, N: GradientNoise1D, P: Preconditioner1D, V: SteppedSchemeVisitor>(
        _ sde: ReducedSDE<L, N, P>, kind: IntegratorKind, span: (from: Double, to: Double), dt: Double, _ visitor: V
    ) throws -> V.Output {
        guard kind == .automatic else { return try kind.withScheme(for: sde, NamedScheme(visitor: visitor, dt: dt)) }
        let interfaces = sde.diffusionInterfaces
        let profile = StepSizeProfile(sde, from: span.from, to: span.to, nominal: dt)
        if !interfaces.isEmpty { return try visitor.visit(SkewEuler(interfaces: interfaces), profile: profile) }
        if profile.isUniform { return try visitor.visitUniform(EulerMaruyama(), dt: dt) }
        return try visitor.visit(PlatenWeakTwo(), profile: StepSizeProfile(sde, from: span.from, to: span.to, nominal: dt, rule: .weakOrderTwo))
    }
}

/// A named scheme, handed over as a concrete type, on the uniform grid (``SDEIntegrator/acceptOnUniformGrid(_:dt:)``).
@usableFromInline
struct NamedScheme<V: SteppedSchemeVisitor>: SchemeVisitor {
    @usableFromInline let visitor: V
    @usableFromInline let dt: Double
    @usableFromInline init(visitor: V, dt: Double) { self.visitor = visitor; self.dt = dt }
    @inlinable func visit<I: SDEIntegrator>(_ integrator: I) throws -> V.Output {
        try integrator.acceptOnUniformGrid(visitor, dt: dt)
    }
}
