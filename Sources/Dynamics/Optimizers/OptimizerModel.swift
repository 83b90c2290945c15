import Landscapes
import NumericKit

/// A hyper-parameter an optimizer may take beyond η, by its command-line and sweep-file name.
/// An option that does not apply to the chosen optimizer is refused by name.
public enum OptimizerParameter: String, Sendable, CaseIterable {
    case beta1, beta2, eps, momentum, blend
    case switchRate = "switch-rate"

    /// β1 and β2 shape the discrete iteration only: the reduced SDE takes β1 = 0 and β2 → 1
    /// (docs/theory.md §1).
    public var isDiscreteOnly: Bool { self == .beta1 || self == .beta2 }
}

/// How an optimizer's SDE model reads it (docs/theory.md §0, §7).
public enum OptimizerDynamics: Sendable, Equatable {
    /// dθ = −P∇L dt + P√(ηC) dW with the optimizer's preconditioner P(C).
    case overdamped
    /// Heavy-ball momentum's underdamped Langevin equation (mass η, friction 1 − β); its
    /// preconditioner is the overdamped limit 1/(1 − β).
    case underdamped
}

/// One optimizer, everything the tool knows about it in one file (docs/extending.md): its
/// name and help, the hyper-parameters that apply, its dynamics form, the concrete types of
/// its discrete rule and its reduced-SDE preconditioner (handed to a visitor, so that the hot
/// loops are specialised: one dispatch per run, none per step), its prediction capabilities
/// and how it is summarised. ``OptimizerRegistry`` lists the models; ``OptimizerKind`` names one.
public protocol OptimizerModel {
    /// The command-line name (`--optimizer NAME`, `"optimizer"` in sweep files).
    static var name: String { get }
    /// One line for `--help`: the update rule.
    static var help: String { get }
    /// The hyper-parameters beyond η that apply; every other one is refused by name.
    static var parameters: [OptimizerParameter] { get }
    /// The values of the parameters the user does not set (``OptimizerSettings``' defaults —
    /// the DualAdam authors' — unless the optimizer has its own).
    static var defaults: OptimizerSettings { get }
    /// The SDE model's form.
    static var dynamics: OptimizerDynamics { get }
    /// Whether P does not depend on C: then the SDE commutes with rotations whatever the noise,
    /// and `--preconditioner` (elementwise or full) does not apply.
    static var hasConstantPreconditioner: Bool { get }
    /// Whether the optimizer, with these settings, changes its rule over time (DualAdam's
    /// annealed blend): no autonomous reduced SDE, and the prediction is a hazard.
    static func isScheduled(_ settings: OptimizerSettings) -> Bool
    /// Refuses combinations of settings that do not fit together or with the dynamics; `given`
    /// lists the parameters the user set.
    static func validate(_ settings: OptimizerSettings, given: Set<OptimizerParameter>,
                         model: DynamicsModel) throws(InvalidParameter)
    /// The discrete update rule with its hyper-parameters, as a concrete type.
    static func withIteration<V: OptimizerIterationVisitor>(learningRate: Double, settings: OptimizerSettings,
                                                            _ visitor: V) throws -> V.Output
    /// The reduced SDE's preconditioner P(C) (momentum: its overdamped limit), as a concrete type.
    static func withPreconditioner<V: PreconditionerVisitor>(settings: OptimizerSettings, _ visitor: V) throws -> V.Output
    /// The settings that apply, for the one-line problem summary (e.g. " β=0.9").
    static func describe(_ settings: OptimizerSettings, discrete: Bool) -> String
}

extension OptimizerModel {
    public static var defaults: OptimizerSettings { OptimizerSettings() }
    public static var dynamics: OptimizerDynamics { .overdamped }
    public static func isScheduled(_ settings: OptimizerSettings) -> Bool { false }
    public static func validate(_ settings: OptimizerSettings, given: Set<OptimizerParameter>,
                                model: DynamicsModel) throws(InvalidParameter) {}
}

/// Receives each registered optimizer model as a concrete type.
public protocol OptimizerModelVisitor {
    mutating func visit<M: OptimizerModel>(_ model: M.Type)
}

/// The optimizers the tool knows — the one place that lists them all. The CLI help, the
/// option parser, sweep files, the property generators and the fuzz corpus read it; a new
/// optimizer is its own file plus one line here.
///
/// The list is a sequence of generic calls rather than an array of metatypes so that the
/// dispatch from a name to a model's concrete types stays specialised: through an existential
/// `any OptimizerModel.Type` the whole simulation below it ran unspecialised — 2–9× slower
/// (measured with `make bench`, docs/performance.md).
public enum OptimizerRegistry {
    @inlinable
    public static func forEach<V: OptimizerModelVisitor>(_ visitor: inout V) {
        visitor.visit(SGDOptimizer.self)
        visitor.visit(MomentumOptimizer.self)
        visitor.visit(AdamOptimizer.self)
        visitor.visit(InvAdamOptimizer.self)
        visitor.visit(DualAdamOptimizer.self)
        visitor.visit(RMSpropOptimizer.self)
    }

    /// The registered models, in the registry's order.
    public static var models: [any OptimizerModel.Type] {
        struct Collect: OptimizerModelVisitor {
            var models: [any OptimizerModel.Type] = []
            mutating func visit<M: OptimizerModel>(_ model: M.Type) { models.append(model) }
        }
        var collect = Collect()
        forEach(&collect)
        return collect.models
    }

    /// The names of the models for which `predicate` holds, as "a, b or c" (for messages).
    public static func names(where predicate: (any OptimizerModel.Type) -> Bool) -> String {
        Validate.alternatives(models.filter(predicate).map { $0.name })
    }

    /// The model named `name`, if any.
    public static func model(named name: String) -> (any OptimizerModel.Type)? {
        models.first { $0.name == name }
    }
}

/// Hands the concrete types of the model named `name` to a preconditioner visitor.
@usableFromInline
struct PreconditionerDispatch<V: PreconditionerVisitor>: OptimizerModelVisitor {
    @usableFromInline let name: String
    @usableFromInline let settings: OptimizerSettings
    @usableFromInline let visitor: V
    @usableFromInline var result: Result<V.Output, any Error>?

    @inlinable init(name: String, settings: OptimizerSettings, visitor: V) {
        self.name = name; self.settings = settings; self.visitor = visitor
    }

    @inlinable mutating func visit<M: OptimizerModel>(_ model: M.Type) {
        guard result == nil, M.name == name else { return }
        result = Result { try M.withPreconditioner(settings: settings, visitor) }
    }
}

/// Hands the concrete iteration of the model named `name` to an iteration visitor.
@usableFromInline
struct IterationDispatch<V: OptimizerIterationVisitor>: OptimizerModelVisitor {
    @usableFromInline let name: String
    @usableFromInline let learningRate: Double
    @usableFromInline let settings: OptimizerSettings
    @usableFromInline let visitor: V
    @usableFromInline var result: Result<V.Output, any Error>?

    @inlinable init(name: String, learningRate: Double, settings: OptimizerSettings, visitor: V) {
        self.name = name; self.learningRate = learningRate; self.settings = settings; self.visitor = visitor
    }

    @inlinable mutating func visit<M: OptimizerModel>(_ model: M.Type) {
        guard result == nil, M.name == name else { return }
        result = Result { try M.withIteration(learningRate: learningRate, settings: settings, visitor) }
    }
}

/// An optimizer by name: the value options, sweep files and problems carry. Its ``model``
/// says everything else.
public struct OptimizerKind: RawRepresentable, CaseIterable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    /// A registered optimizer's name; nil for any other string.
    public init?(rawValue: String) {
        guard OptimizerRegistry.model(named: rawValue) != nil else { return nil }
        self.rawValue = rawValue
    }

    /// The kind of a registered model (internal: a kind of an unregistered model would have no
    /// ``model``; the models' files in this module declare theirs).
    init(_ model: any OptimizerModel.Type) { rawValue = model.name }

    public static var allCases: [OptimizerKind] { OptimizerRegistry.models.map(OptimizerKind.init) }

    /// The optimizer's model (registered: the initialisers admit no other name).
    public var model: any OptimizerModel.Type { OptimizerRegistry.model(named: rawValue)! }

    public var description: String { rawValue }

    /// Whether `parameter` applies to this optimizer.
    public func takes(_ parameter: OptimizerParameter) -> Bool { model.parameters.contains(parameter) }
    public var dynamics: OptimizerDynamics { model.dynamics }
    public var hasConstantPreconditioner: Bool { model.hasConstantPreconditioner }
    public func isScheduled(_ settings: OptimizerSettings) -> Bool { model.isScheduled(settings) }

    /// This optimizer's update rule with its hyper-parameters, as a concrete type (specialised:
    /// ``OptimizerRegistry/forEach(_:)``).
    @inlinable
    public func withIteration<V: OptimizerIterationVisitor>(learningRate eta: Double, settings s: OptimizerSettings,
                                                            _ visitor: V) throws -> V.Output {
        var dispatch = IterationDispatch(name: rawValue, learningRate: eta, settings: s, visitor: visitor)
        OptimizerRegistry.forEach(&dispatch)
        return try dispatch.result!.get()
    }

    /// This optimizer's reduced-SDE preconditioner P(C), as a concrete type (specialised).
    @inlinable
    public func withPreconditioner<V: PreconditionerVisitor>(settings s: OptimizerSettings, _ visitor: V) throws -> V.Output {
        var dispatch = PreconditionerDispatch(name: rawValue, settings: s, visitor: visitor)
        OptimizerRegistry.forEach(&dispatch)
        return try dispatch.result!.get()
    }
}
