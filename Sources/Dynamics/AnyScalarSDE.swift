/// A reduced SDE behind closures, with its noise rescaled to another learning rate, for the runs
/// that should not be compiled once per concrete SDE: a scheduled run's loop (``LearningRateClock``)
/// is specialised per scheme only, over this type, instead of once more for every landscape ×
/// noise × preconditioner. Each evaluation is an indirect call (docs/performance.md gives the cost).
///
/// At rate η′ the drift is the wrapped SDE's and g (and g′) are scaled by √(η′/η) — the reduced
/// SDE's law, g = P·√(ηC) (``ReducedSDE``) — so a change of rate costs a multiplication, not a
/// rebuild; at η′ = η the factor is exactly 1 and the values are the wrapped SDE's bit for bit.
public struct AnyScalarSDE: ScalarSDE {
    @usableFromInline let driftAt: @Sendable (Double) -> Double
    @usableFromInline let diffusionAt: @Sendable (Double) -> Double
    @usableFromInline let slopeAt: @Sendable (Double) -> Double
    /// η of the wrapped SDE.
    public let learningRate: Double
    /// √(η′/η).
    public let noiseFactor: Double

    /// `sde`, whose learning rate is η.
    public init<S: ScalarSDE>(_ sde: S, learningRate eta: Double) {
        driftAt = { sde.drift($0) }
        diffusionAt = { sde.diffusion($0) }
        slopeAt = { sde.diffusionSlope($0) }
        learningRate = eta
        noiseFactor = 1
    }

    init(_ other: AnyScalarSDE, noiseFactor: Double) {
        driftAt = other.driftAt; diffusionAt = other.diffusionAt; slopeAt = other.slopeAt
        learningRate = other.learningRate
        self.noiseFactor = noiseFactor
    }

    @inlinable public func drift(_ x: Double) -> Double { driftAt(x) }
    @inlinable public func diffusion(_ x: Double) -> Double { noiseFactor * diffusionAt(x) }
    @inlinable public func diffusionSlope(_ x: Double) -> Double { noiseFactor * slopeAt(x) }
    /// The same SDE at rate η′: g scaled by √(η′/η).
    public func at(learningRate eta: Double) -> AnyScalarSDE {
        AnyScalarSDE(self, noiseFactor: (eta / learningRate).squareRoot())
    }
}
