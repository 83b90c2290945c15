import Landscapes
import NumericKit

/// Where escape is declared in d dimensions.
public enum EscapeTargetND: Sendable, Equatable {
    /// The hyperplane orthogonal to the saddle's unstable eigenvector through the midpoint
    /// between the saddle and the next minimum (the default; in a separable landscape it is
    /// θ₁ = the 1-D midpoint).
    case midpoint
    /// The hyperplane through the saddle itself (≈ half the escape time).
    case saddle
    /// Within distance r of any other minimum.
    case radius(Double)

    /// Parses `midpoint`, `saddle` or `radius=R`.
    public static func parse(_ text: String) throws(InvalidParameter) -> EscapeTargetND {
        switch text {
        case "midpoint": return .midpoint
        case "saddle": return .saddle
        default:
            if text.hasPrefix("radius="), let r = Double(text.dropFirst(7)), r.isFinite, r > 0 { return .radius(r) }
            throw InvalidParameter("escape-at", given: "'\(text)'", allowed: "midpoint, saddle or radius=R (R > 0) in d dimensions")
        }
    }

    public var description: String {
        switch self {
        case .midpoint: "midpoint"
        case .saddle: "saddle"
        case .radius(let r): "radius=\(Validate.format(r))"
        }
    }
}

/// How an Adam-type preconditioner is formed from the noise covariance C in d dimensions.
public enum PreconditionerForm: String, Sendable, CaseIterable, Codable {
    /// From diag(C), coordinate by coordinate, as the real optimizers do (docs/theory.md §1).
    case elementwise
    /// The matrix function of C (C^{−1/2}, C^{1/2}), for comparison.
    case full
}

/// One escape question in d dimensions (the d-dimensional ``EscapeProblem``): a landscape,
/// its analysed minima and saddles, the start minimum, the saddle it escapes over (the
/// lowest one linked to it), the escape target, and the dynamics.
public struct EscapeProblemND: Sendable {
    public let landscape: LandscapeNDModel
    public let analysis: LandscapeAnalysis
    /// Indices into `analysis.minima`.
    public let startIndex: Int
    public let nextIndex: Int
    public let saddle: CriticalPointND
    /// The minimum-energy path from the start minimum to the next one (found with the saddle).
    public let path: [[Double]]
    public let target: EscapeTargetND
    public let optimizer: OptimizerKind
    public let noise: NoiseSpec
    public let learningRate: Double
    public let model: DynamicsModel
    public let form: PreconditionerForm
    public let settings: OptimizerSettings
    public let maxSteps: Int
    public let divergenceRadius: Double
    /// The unit normal of the target hyperplane (the unstable eigenvector, pointing from the
    /// start to the next minimum) and a point on it.
    public let normal: [Double]
    public let planePoint: [Double]

    public var start: CriticalPointND { analysis.minima[startIndex] }
    public var next: CriticalPointND { analysis.minima[nextIndex] }
    public var dimension: Int { landscape.dimension }

    public init(landscape: LandscapeNDModel, from startIndex: Int = 0, target: EscapeTargetND = .midpoint,
                optimizer: OptimizerKind = .sgd, noise: NoiseSpec, learningRate: Double,
                model: DynamicsModel = .sde(integrator: .automatic, dt: nil), form: PreconditionerForm = .elementwise,
                maxSteps: Int = 100_000_000, divergenceRadius: Double? = nil,
                settings: OptimizerSettings = OptimizerSettings()) throws {
        try Validate.positive(learningRate, "lr")
        try settings.validate(for: optimizer, model: model)
        if !type(of: noise.model).hasMultiDimensionalForm {
            throw InvalidParameter("noise", given: "\(noise.name) in d dimensions",
                                   allowed: NoiseRegistry.names { $0.hasMultiDimensionalForm } + " (\(noise.name) is a 1-D model)")
        }
        try noise.validate()
        if noise.model.vanishesWithCurvature, let parts = landscape.separableParts, parts.base.hasPiecewiseConstantCurvature {
            // L″ is one of the critical points' curvatures, never 0, and the spectators are > 0:
            // C stays positive definite.
        } else if noise.model.vanishesWithCurvature {
            throw InvalidParameter("noise-floor", given: "0 on \(landscape.spec)",
                                   allowed: "> 0: the Hessian has vanishing eigenvalues on the way, where C = √(H² + δ²)/B would be singular")
        }
        if case .sde(let kind, _) = model, let scheme = kind.scheme, let reason = scheme.multiDimensionalRefusal {
            let available = ["auto"] + IntegratorRegistry.schemes.filter { $0.multiDimensionalRefusal == nil }.map { $0.name }
            throw InvalidParameter("integrator", given: "\(kind) in d dimensions", allowed: Validate.alternatives(available) + " (\(reason))")
        }
        try model.validate()
        try Validate.stepCap(maxSteps)
        if let parts = landscape.separableParts, !parts.base.isSmooth, noise.name != "isotropic" {
            throw InvalidParameter("noise", given: noise.name,
                                   allowed: "isotropic on a rough landscape (C from L″ would follow every wiggle of the field)")
        }
        let analysis = try LandscapeAnalysis(try landscape.smoothForAnalysis)
        guard startIndex >= 0 && startIndex < analysis.minima.count else {
            throw InvalidParameter("from-minimum", given: "\(startIndex)", allowed: "0…\(analysis.minima.count - 1) (the minima `escape landscape` lists)")
        }
        let links = analysis.links.filter { $0.first == startIndex || $0.second == startIndex }
        guard let link = links.min(by: { $0.saddle.value < $1.saddle.value }) else {
            throw InvalidParameter("landscape", given: landscape.spec, allowed: "a landscape with a saddle joining minimum \(startIndex) to another minimum")
        }
        let next = link.first == startIndex ? link.second : link.first
        let a = analysis.minima[startIndex].x, c = analysis.minima[next].x, b = link.saddle.x
        var n = link.saddle.escapeDirection!
        if zip(n, zip(c, a)).reduce(0, { $0 + $1.0 * ($1.1.0 - $1.1.1) }) < 0 { n = n.map { -$0 } }
        self.landscape = landscape
        self.analysis = analysis
        self.startIndex = startIndex
        self.nextIndex = next
        self.saddle = link.saddle
        path = link.first == startIndex ? link.path : link.path.reversed()
        self.target = target
        self.optimizer = optimizer
        self.noise = noise
        self.learningRate = learningRate
        self.model = model
        self.form = form
        self.settings = settings
        self.maxSteps = maxSteps
        normal = n
        planePoint = target == .saddle ? b : zip(b, c).map { 0.5 * ($0 + $1) }
        let radius = divergenceRadius ?? 1000 * CriticalPointSearch.distance(a, c)
        try Validate.positive(radius, "divergence-radius")
        self.divergenceRadius = radius
    }

    /// ΔL = L(saddle) − L(start).
    public var barrier: Double { saddle.value - start.value }
}
