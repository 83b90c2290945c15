import NumericKit

/// A parameter of a 1-D family as a spec string names it: `barrier` in `quartic:barrier=1`.
public struct LandscapeParameter: Sendable {
    public let name: String
    public let isRequired: Bool
    /// The value when the spec omits it; nil for a required parameter, or one whose default
    /// depends on the others (`pq`'s hc = ha, said in ``help``).
    public let defaultValue: Double?
    /// What it is, for `--help`.
    public let help: String

    /// A required parameter.
    public static func required(_ name: String, _ help: String) -> LandscapeParameter {
        LandscapeParameter(name: name, isRequired: true, defaultValue: nil, help: help)
    }

    /// An optional parameter with a fixed default (nil: the family derives it, as `help` says).
    public static func optional(_ name: String, default value: Double?, _ help: String) -> LandscapeParameter {
        LandscapeParameter(name: name, isRequired: false, defaultValue: value, help: help)
    }
}

/// A 1-D landscape family, everything the tool knows about it in one file (docs/extending.md):
/// its spec name, parameters, help line and example, and how a spec body builds it. The family
/// *is* its landscape type, so that the hot loops, handed the concrete type by
/// ``LandscapeModel/accept(_:mirrored:)``, are specialised for it. ``LandscapeRegistry`` lists
/// the families; `separable` embeds every registered 1-D family in d dimensions, and `rotated`
/// rotates that, without further code.
public protocol LandscapeFamily1D: Landscape1D, Equatable {
    /// The name in spec strings (`quartic` in `quartic:barrier=1`).
    static var family: String { get }
    /// One line for `--help`: the formula.
    static var help: String { get }
    /// A complete spec, shown in the help and used as a seed of the fuzz corpus.
    static var example: String { get }
    /// The parameters, required and optional (with defaults), in the order the help lists them.
    static var parameters: [LandscapeParameter] { get }
    /// Whether the landscape is smooth at the scale of the escape: a rough landscape is refused
    /// where the macroscopic geometry must be the landscape itself (the base of `rough`, `rotated`).
    static var isSmooth: Bool { get }
    /// The landscape from its parameters (fixed defaults filled in; an optional one whose default
    /// depends on the others may be absent). Errors that are
    /// not an ``InvalidParameter`` (a critical point that cannot be found) are reported against
    /// the whole spec.
    static func make(_ values: [String: Double]) throws -> Self
    /// The landscape from the body of a spec (after `family:`). The default reads
    /// `key=value,…` against ``parameters`` and calls ``make(_:)``; a family whose spec nests
    /// another (`rough:…,of=SPEC`) parses its own.
    static func parse(body: Substring) throws(InvalidParameter) -> Self
    /// The landscape whose minima and saddles define the escape: itself for a smooth family, the
    /// smooth base for `rough` (whose field adds many shallow critical points that are not the
    /// question).
    var macroscopic: LandscapeModel { get }
}

extension LandscapeFamily1D {
    public static var isSmooth: Bool { true }
    public var macroscopic: LandscapeModel { LandscapeModel(self) }

    public static func parse(body: Substring) throws(InvalidParameter) -> Self {
        let values = try LandscapeSpec.numbers(body, family: family, parameters: parameters)
        do {
            return try make(values)
        } catch let error as InvalidParameter {
            throw error
        } catch {
            throw InvalidParameter("landscape", given: "'\(family):\(body)'",
                                   allowed: "a landscape whose critical points can be found (\(error))")
        }
    }

    /// Whether `other` is this very landscape (for ``LandscapeModel``'s `==`).
    func isEqual(to other: any LandscapeFamily1D) -> Bool { (other as? Self) == self }
}

/// Receives each registered 1-D family as a concrete type.
public protocol LandscapeFamilyVisitor {
    mutating func visit<F: LandscapeFamily1D>(_ family: F.Type)
}

/// The 1-D landscape families the tool knows — the one place that lists them. The spec
/// parser, the CLI help, `separable`/`rotated` and the fuzz corpus read it; a new family is its
/// own file plus one line here.
///
/// A sequence of generic calls rather than an array of metatypes, as ``OptimizerRegistry``:
/// the dispatch from a ``LandscapeModel`` to its concrete type stays specialised.
public enum LandscapeRegistry {
    @inlinable
    public static func forEach<V: LandscapeFamilyVisitor>(_ visitor: inout V) {
        visitor.visit(QuarticLandscape.self)
        visitor.visit(PiecewiseQuadraticLandscape.self)
        visitor.visit(RoughLandscape.self)
        visitor.visit(TableLandscape.self)
    }

    /// The registered families, in the registry's order.
    public static var families: [any LandscapeFamily1D.Type] {
        struct Collect: LandscapeFamilyVisitor {
            var families: [any LandscapeFamily1D.Type] = []
            mutating func visit<F: LandscapeFamily1D>(_ family: F.Type) { families.append(family) }
        }
        var collect = Collect()
        forEach(&collect)
        return collect.families
    }

    /// The family named `name`, if any.
    public static func family(named name: String) -> (any LandscapeFamily1D.Type)? {
        families.first { $0.family == name }
    }

    /// The registered names, comma-separated (for messages).
    public static var names: String { families.map { $0.family }.joined(separator: ", ") }

    /// One paragraph per family for `--help`: name, formula, parameters (defaults), an example.
    public static var help: String {
        families.map { f in
            let parameters = f.parameters.map { p in
                p.isRequired ? "\(p.name) (\(p.help))"
                    : "[\(p.name)\(p.defaultValue.map { "=" + Validate.format($0) } ?? "")] (\(p.help))"
            }.joined(separator: ", ")
            return "\(f.family): \(f.help). Parameters: \(parameters). Example: '\(f.example)'"
        }.joined(separator: "\n")
    }
}

/// Hands the concrete landscape inside a ``LandscapeModel``, on the side asked for
/// (``OrientedLandscape``: itself or its mirror image, one type for both), to a visitor.
@usableFromInline
struct Landscape1DDispatch<V: Landscape1DVisitor>: LandscapeFamilyVisitor {
    @usableFromInline let landscape: any LandscapeFamily1D
    @usableFromInline let mirrored: Bool
    @usableFromInline let visitor: V
    @usableFromInline var result: Result<V.Output, any Error>?

    @inlinable init(landscape: any LandscapeFamily1D, mirrored: Bool, visitor: V) {
        self.landscape = landscape; self.mirrored = mirrored; self.visitor = visitor
    }

    @inlinable mutating func visit<F: LandscapeFamily1D>(_ family: F.Type) {
        guard result == nil, let l = landscape as? F else { return }
        result = Result { try visitor.visit(OrientedLandscape(l, mirrored: mirrored)) }
    }
}
