import Landscapes
import NumericKit

/// A parameter of a noise model, by its command-line and sweep-file name. An option that does
/// not apply to the chosen model is refused by name.
public enum NoiseParameter: String, Sendable, CaseIterable {
    case sigma2
    case batch
    case noiseFloor = "noise-floor"
    case alpha
    case scale
}

/// One gradient-noise model C(θ), everything the tool knows about it in one file
/// (docs/extending.md): its name and help, the parameters that apply and their defaults, its
/// 1-D variance as a concrete ``GradientNoise1D`` and its d-dimensional form as a concrete
/// ``GradientNoiseND`` — each handed to a visitor, so that the hot loops are specialised (one
/// dispatch per run, none per step) — and its capabilities. ``NoiseRegistry`` lists the
/// models; ``NoiseSpec`` holds one with its parameters.
public protocol NoiseModel: Sendable, Equatable {
    /// The command-line name (`--noise NAME`, `"noise"` in sweep files).
    static var name: String { get }
    /// One line for `--help`: C(θ).
    static var help: String { get }
    /// The parameters that apply; every other one is refused by name.
    static var parameters: [NoiseParameter] { get }
    /// Whether C does not depend on θ: then P is constant too.
    static var isConstant: Bool { get }
    /// Whether the model has a d-dimensional form (``withNoiseND(_:)`` does not throw).
    static var hasMultiDimensionalForm: Bool { get }
    /// Whether C is read from the landscape (``Landscape1D/measuredLogVariance``, a `table:`
    /// file's C column): problems on a landscape without one are refused.
    static var needsMeasuredVariance: Bool { get }
    /// Whether the noise is Gaussian with the covariance C the model states (every model but
    /// ``StableNoiseModel``, whose C is that of its α = 2 member).
    static var isGaussian: Bool { get }
    /// The model from the values the user gave (absent ones take the model's defaults),
    /// range-checked.
    init(_ values: [NoiseParameter: Double]) throws(InvalidParameter)
    /// Throws an ``InvalidParameter`` naming the first parameter out of range.
    func validate() throws(InvalidParameter)
    /// The parameters' values, for summaries and tables.
    var values: [NoiseParameter: Double] { get }
    /// B when C = |L″|/B at the critical points (the curvature-proportional noise behind the
    /// escape-time theorems, docs/theory.md §4); nil otherwise.
    var curvatureBatch: Double? { get }
    /// Whether C on `landscape` is piecewise constant, |L″|/B of each region's critical point
    /// (Xie et al.'s frozen model, for which the s-formula of ΔΦ is exact).
    func isFrozen<L: Landscape1D>(on landscape: L) -> Bool
    /// Whether C vanishes where L″ does (no walker crosses a zero of L″ then: problems refuse
    /// such a zero on the escape path).
    var vanishesWithCurvature: Bool { get }
    /// C on a 1-D landscape (already oriented), as a concrete type.
    func withNoise1D<L: Landscape1D, V: GradientNoise1DVisitor>(on landscape: L, _ visitor: V) throws -> V.Output
    /// C in d dimensions, as a concrete type; an ``InvalidParameter`` if the model is 1-D only.
    func withNoiseND<V: GradientNoiseNDVisitor>(_ visitor: V) throws -> V.Output
}

extension NoiseModel {
    public static var hasMultiDimensionalForm: Bool { true }
    public static var needsMeasuredVariance: Bool { false }
    public static var isGaussian: Bool { true }
    public var curvatureBatch: Double? { nil }
    public var vanishesWithCurvature: Bool { false }
    public func isFrozen<L: Landscape1D>(on landscape: L) -> Bool { false }

    /// Whether `other` is this very model with the same parameters (``NoiseSpec``'s `==`).
    func isEqual(to other: any NoiseModel) -> Bool { (other as? Self) == self }
}

/// A model whose only parameter is the batch size B (default 1, > 0): the parameter list,
/// construction from the user's values, validation and the values come with it.
public protocol BatchNoiseModel: NoiseModel {
    var batch: Double { get }
    init(batch: Double)
}

extension BatchNoiseModel {
    public static var parameters: [NoiseParameter] { [.batch] }

    public init(_ values: [NoiseParameter: Double]) throws(InvalidParameter) {
        self.init(batch: values[.batch] ?? 1)
        try validate()
    }

    public func validate() throws(InvalidParameter) { try Validate.positive(batch, "batch") }
    public var values: [NoiseParameter: Double] { [.batch: batch] }
}

/// Receives a 1-D noise model as a concrete type.
public protocol GradientNoise1DVisitor {
    associatedtype Output
    func visit<N: GradientNoise1D>(_ noise: N) throws -> Output
}

/// Receives a d-dimensional noise model as a concrete type.
public protocol GradientNoiseNDVisitor {
    associatedtype Output
    func visit<N: GradientNoiseND>(_ noise: N) throws -> Output
}

/// Receives each registered noise model as a concrete type.
public protocol NoiseModelVisitor {
    mutating func visit<M: NoiseModel>(_ model: M.Type)
}

/// The noise models the tool knows — the one place that lists them. The CLI help, the option
/// parser, sweep files and the property generators read it; a new model is its own file plus
/// one line here. A sequence of generic calls, as ``OptimizerRegistry``, so that the dispatch
/// to a model's concrete types stays specialised.
public enum NoiseRegistry {
    @inlinable
    public static func forEach<V: NoiseModelVisitor>(_ visitor: inout V) {
        visitor.visit(IsotropicNoiseModel.self)
        visitor.visit(HessianNoiseModel.self)
        visitor.visit(FrozenNoiseModel.self)
        visitor.visit(MeasuredNoiseModel.self)
        visitor.visit(LossNoiseModel.self)
        visitor.visit(StableNoiseModel.self)
    }

    /// The registered models, in the registry's order.
    public static var models: [any NoiseModel.Type] {
        struct Collect: NoiseModelVisitor {
            var models: [any NoiseModel.Type] = []
            mutating func visit<M: NoiseModel>(_ model: M.Type) { models.append(model) }
        }
        var collect = Collect()
        forEach(&collect)
        return collect.models
    }

    /// The model named `name`, if any.
    public static func model(named name: String) -> (any NoiseModel.Type)? {
        models.first { $0.name == name }
    }

    /// The names of the models for which `predicate` holds, as "a, b or c" (for messages).
    public static func names(where predicate: (any NoiseModel.Type) -> Bool = { _ in true }) -> String {
        Validate.alternatives(models.filter(predicate).map { $0.name })
    }
}

/// Hands the concrete 1-D noise of a ``NoiseSpec`` to a visitor.
@usableFromInline
struct Noise1DDispatch<L: Landscape1D, V: GradientNoise1DVisitor>: NoiseModelVisitor {
    @usableFromInline let model: any NoiseModel
    @usableFromInline let landscape: L
    @usableFromInline let visitor: V
    @usableFromInline var result: Result<V.Output, any Error>?

    @inlinable init(model: any NoiseModel, landscape: L, visitor: V) {
        self.model = model; self.landscape = landscape; self.visitor = visitor
    }

    @inlinable mutating func visit<M: NoiseModel>(_ type: M.Type) {
        guard result == nil, let m = model as? M else { return }
        result = Result { try m.withNoise1D(on: landscape, visitor) }
    }
}

/// Hands the concrete d-dimensional noise of a ``NoiseSpec`` to a visitor.
@usableFromInline
struct NoiseNDDispatch<V: GradientNoiseNDVisitor>: NoiseModelVisitor {
    @usableFromInline let model: any NoiseModel
    @usableFromInline let visitor: V
    @usableFromInline var result: Result<V.Output, any Error>?

    @inlinable init(model: any NoiseModel, visitor: V) { self.model = model; self.visitor = visitor }

    @inlinable mutating func visit<M: NoiseModel>(_ type: M.Type) {
        guard result == nil, let m = model as? M else { return }
        result = Result { try m.withNoiseND(visitor) }
    }
}

/// A gradient-noise model with its parameters (docs/theory.md §2): what problems carry.
public struct NoiseSpec: Sendable, Equatable {
    /// The model, as its own type.
    public let model: any NoiseModel

    public init(_ model: any NoiseModel) { self.model = model }

    /// The model named `name` from the values given; refuses a parameter the model does not take.
    public init(name: String, values: [NoiseParameter: Double]) throws(InvalidParameter) {
        guard let type = NoiseRegistry.model(named: name) else {
            throw InvalidParameter("noise", given: "'\(name)'", allowed: NoiseRegistry.names())
        }
        for parameter in NoiseParameter.allCases where values[parameter] != nil && !type.parameters.contains(parameter) {
            throw InvalidParameter(parameter.rawValue, given: "\(values[parameter]!)",
                                   allowed: "only with --noise " + NoiseRegistry.names { $0.parameters.contains(parameter) })
        }
        model = try type.init(values)
    }

    public var name: String { type(of: model).name }
    /// The model's name as a value.
    public var kind: NoiseKind { NoiseKind(type(of: model)) }
    /// Whether C does not depend on θ.
    public var isConstant: Bool { type(of: model).isConstant }
    /// The value of `parameter`, nil if the model does not take it.
    public subscript(parameter: NoiseParameter) -> Double? { model.values[parameter] }
    /// The batch size B of the models that take one.
    public var batch: Double? { self[.batch] }
    /// Throws an ``InvalidParameter`` naming the first parameter out of range.
    public func validate() throws(InvalidParameter) { try model.validate() }

    /// Calls `visitor` with the concrete 1-D noise on `landscape` (specialised: ``NoiseRegistry``).
    @inlinable
    public func withNoise1D<L: Landscape1D, V: GradientNoise1DVisitor>(on landscape: L, _ visitor: V) throws -> V.Output {
        var dispatch = Noise1DDispatch(model: model, landscape: landscape, visitor: visitor)
        NoiseRegistry.forEach(&dispatch)
        guard let result = dispatch.result else { preconditionFailure("\(name) is not in NoiseRegistry.forEach") }
        return try result.get()
    }

    /// Calls `visitor` with the concrete d-dimensional noise (specialised).
    @inlinable
    public func withNoiseND<V: GradientNoiseNDVisitor>(_ visitor: V) throws -> V.Output {
        var dispatch = NoiseNDDispatch(model: model, visitor: visitor)
        NoiseRegistry.forEach(&dispatch)
        guard let result = dispatch.result else { preconditionFailure("\(name) is not in NoiseRegistry.forEach") }
        return try result.get()
    }

    public static func == (a: NoiseSpec, b: NoiseSpec) -> Bool { a.model.isEqual(to: b.model) }

    /// C = σ² (``IsotropicNoiseModel``).
    public static func isotropic(sigma2: Double) -> NoiseSpec { NoiseSpec(IsotropicNoiseModel(sigma2: sigma2)) }
    /// C = √(L″² + δ²)/B (``HessianNoiseModel``).
    public static func hessian(batch: Double, floor: Double) -> NoiseSpec { NoiseSpec(HessianNoiseModel(batch: batch, floor: floor)) }
    /// C = |L″ at the region's critical point|/B (``FrozenNoiseModel``).
    public static func frozen(batch: Double) -> NoiseSpec { NoiseSpec(FrozenNoiseModel(batch: batch)) }
}

/// A noise model by name: the value options and sweep files carry.
public struct NoiseKind: RawRepresentable, CaseIterable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    /// A registered model's name; nil for any other string.
    public init?(rawValue: String) {
        guard NoiseRegistry.model(named: rawValue) != nil else { return nil }
        self.rawValue = rawValue
    }

    /// The kind of a registered model (the models' files declare theirs).
    init(_ model: any NoiseModel.Type) { rawValue = model.name }

    public static var allCases: [NoiseKind] { NoiseRegistry.models.map(NoiseKind.init) }

    /// The model (registered: the initialisers admit no other name).
    public var model: any NoiseModel.Type { NoiseRegistry.model(named: rawValue)! }

    public var description: String { rawValue }
}
