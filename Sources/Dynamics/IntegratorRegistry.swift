import Landscapes
import NumericKit

/// Receives each registered integrator as a concrete type.
public protocol IntegratorVisitor {
    mutating func visit<I: SDEIntegrator>(_ integrator: I.Type)
}

/// The named SDE schemes the tool knows — the one place that lists them. `--integrator`, its
/// help, sweep files and the weak-order tests read it; a new scheme is its own file plus one
/// line here. A sequence of generic calls, as ``OptimizerRegistry``, so that the dispatch to a
/// scheme's type stays specialised. (`auto` is not a scheme but the policy that picks one per
/// run: ``IntegratorKind/automatic``.)
public enum IntegratorRegistry {
    @inlinable
    public static func forEach<V: IntegratorVisitor>(_ visitor: inout V) {
        visitor.visit(EulerMaruyama.self)
        visitor.visit(Milstein.self)
        visitor.visit(SkewEuler.self)
        visitor.visit(PlatenWeakTwo.self)
    }

    /// The registered schemes, in the registry's order.
    public static var schemes: [any SDEIntegrator.Type] {
        struct Collect: IntegratorVisitor {
            var schemes: [any SDEIntegrator.Type] = []
            mutating func visit<I: SDEIntegrator>(_ integrator: I.Type) { schemes.append(integrator) }
        }
        var collect = Collect()
        forEach(&collect)
        return collect.schemes
    }

    /// The scheme named `name`, if any.
    public static func scheme(named name: String) -> (any SDEIntegrator.Type)? {
        schemes.first { $0.name == name }
    }
}

/// Receives a scheme built for an SDE, as a concrete type.
public protocol SchemeVisitor {
    associatedtype Output
    func visit<I: SDEIntegrator>(_ integrator: I) throws -> Output
}

/// Builds the scheme named `name` for `sde` and hands it to a visitor.
@usableFromInline
struct SchemeDispatch<L: Landscape1D, N: GradientNoise1D, P: Preconditioner1D, V: SchemeVisitor>: IntegratorVisitor {
    @usableFromInline let name: String
    @usableFromInline let sde: ReducedSDE<L, N, P>
    @usableFromInline let visitor: V
    @usableFromInline var result: Result<V.Output, any Error>?

    @inlinable init(name: String, sde: ReducedSDE<L, N, P>, visitor: V) { self.name = name; self.sde = sde; self.visitor = visitor }

    @inlinable mutating func visit<I: SDEIntegrator>(_ integrator: I.Type) {
        guard result == nil, I.name == name else { return }
        result = Result { try visitor.visit(I(for: sde)) }
    }
}

/// `--integrator`: `auto` or a registered scheme, by name.
public struct IntegratorKind: RawRepresentable, CaseIterable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    /// `auto` or a registered scheme's name; nil for any other string.
    public init?(rawValue: String) {
        guard rawValue == Self.automatic.rawValue || IntegratorRegistry.scheme(named: rawValue) != nil else { return nil }
        self.rawValue = rawValue
    }

    init(name: String) { rawValue = name }

    /// `skew-euler` where the diffusion coefficient jumps on the escape path; where D changes
    /// fast but smoothly, `platen` on the steps of ``StepSizeProfile`` (refined there, up to
    /// 4·dt where D is smooth); else `euler-maruyama` (docs/integrators.md §1).
    public static let automatic = IntegratorKind(name: "auto")

    public static var allCases: [IntegratorKind] {
        [.automatic] + IntegratorRegistry.schemes.map { IntegratorKind(name: $0.name) }
    }

    /// The scheme; nil for `auto`.
    public var scheme: (any SDEIntegrator.Type)? { IntegratorRegistry.scheme(named: rawValue) }

    public var description: String { rawValue }

    /// The named scheme built for `sde`, as a concrete type (specialised: ``IntegratorRegistry``).
    /// Not for `auto`, which picks a scheme per run.
    @inlinable
    public func withScheme<L: Landscape1D, N: GradientNoise1D, P: Preconditioner1D, V: SchemeVisitor>(
        for sde: ReducedSDE<L, N, P>, _ visitor: V
    ) throws -> V.Output {
        var dispatch = SchemeDispatch(name: rawValue, sde: sde, visitor: visitor)
        IntegratorRegistry.forEach(&dispatch)
        guard let result = dispatch.result else { preconditionFailure("\(rawValue) is not a registered scheme") }
        return try result.get()
    }
}
