import Foundation
import Landscapes
import NumericKit

/// `alpha-stable` (docs/theory.md §15): heavy-tailed gradient noise ξ ~ S_α(c), the symmetric
/// α-stable law of GSL's `gsl_ran_levy` (characteristic function exp(−|ct|^α)), i.i.d. per
/// step — Şimşekli, Sagun & Gürbüzbalaban (ICML 2019, "A tail-index analysis of stochastic
/// gradient noise in deep neural networks").
///
/// For α < 2 the variance is infinite, so there is no C(θ): what the model hands to the
/// variance-based machinery (``withNoise1D(on:_:)``: the exact MFPT, Kramers, the step size) is
/// its α = 2 member, isotropic noise of σ² = 2c² — exactly this model at α = 2, and the Gaussian
/// reference beside the jump law for α < 2. The runs draw the α-stable increments
/// (``StableIncrement``) in place of the normal: the discrete rules see g = L′ + c·S, the reduced
/// SDE is driven by Lévy motion, dθ = −P·L′ dt + P·c·η^{1−1/α} dL_α (§15). The escape-time law
/// is Imkeller & Pavlyukevich's (``JumpEscapePrediction``). Only the rules with a constant
/// preconditioner (sgd, momentum; momentum discrete only), 1-D, a constant learning rate and
/// the Euler–Maruyama step.
public struct StableNoiseModel: NoiseModel {
    public static var name: String { "alpha-stable" }
    public static var help: String {
        "ξ ~ S_α(c), symmetric α-stable (GSL's levy; --alpha in (1, 2], default 1.5; --scale c > 0, default 1; α = 2 is isotropic σ² = 2c²): jump-driven escape; sgd or momentum, 1-D only"
    }
    public static var parameters: [NoiseParameter] { [.alpha, .scale] }
    public static var isConstant: Bool { true }
    public static var hasMultiDimensionalForm: Bool { false }
    public static var isGaussian: Bool { false }

    /// The tail index α ∈ (1, 2].
    public let alpha: Double
    /// The scale c > 0.
    public let scale: Double

    public init(alpha: Double, scale: Double) { self.alpha = alpha; self.scale = scale }

    public init(_ values: [NoiseParameter: Double]) throws(InvalidParameter) {
        self.init(alpha: values[.alpha] ?? 1.5, scale: values[.scale] ?? 1)
        try validate()
    }

    public func validate() throws(InvalidParameter) {
        guard alpha.isFinite, alpha > 1, alpha <= 2 else {
            throw InvalidParameter("alpha", given: Validate.format(alpha),
                                   allowed: "a tail index in (1, 2] (α ≤ 1 has no mean: the gradient noise would not average out)")
        }
        try Validate.positive(scale, "scale")
    }
    public var values: [NoiseParameter: Double] { [.alpha: alpha, .scale: scale] }

    /// The Gaussian member σ² = 2c² (what α = 2 is).
    public var gaussianMember: IsotropicNoise { IsotropicNoise(sigma2: 2 * scale * scale) }

    public func withNoise1D<L: Landscape1D, V: GradientNoise1DVisitor>(on landscape: L, _ visitor: V) throws -> V.Output {
        try visitor.visit(gaussianMember)
    }
    public func withNoiseND<V: GradientNoiseNDVisitor>(_ visitor: V) throws -> V.Output {
        throw InvalidParameter("noise", given: "alpha-stable in d dimensions", allowed: "isotropic or hessian (alpha-stable is 1-D only)")
    }

    /// The increment a run draws in place of the standard normal z, for a variance-based step
    /// that multiplies z by √(2c²) (``gaussianMember``) and, in the SDE, by √(η·2c²)·`timeScale`:
    /// S_α(1)/√2 for the discrete rule (g = L′ + c·S), and S_α(1)·η^{1/2 − 1/α}/√2 for the SDE,
    /// whose increments over dt are then P·c·η^{1−1/α}·dt^{1/α}·S (§15).
    public func increment(learningRate eta: Double, sde: Bool) -> StableIncrement {
        StableIncrement(alpha: alpha, factor: (sde ? pow(eta, 0.5 - 1 / alpha) : 1) / 2.0.squareRoot())
    }
}

extension NoiseKind {
    public static let alphaStable = NoiseKind(StableNoiseModel.self)
}
