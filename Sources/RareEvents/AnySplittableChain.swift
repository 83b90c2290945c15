import NumericKit

/// A splittable chain behind closures, drawing from ``AnyRandomSource``: the splitting loop
/// (``AdaptiveMultilevelSplitting``, ``SplittingEscapeTime``) is compiled once per state type
/// instead of once per landscape × noise × preconditioner × scheme × engine, at the price of
/// an indirect call per step (the step itself stays specialised inside the closure).
public struct AnySplittableChain<State: Sendable>: SplittableChain {
    public typealias Random = AnyRandomSource
    @usableFromInline let levelOf: @Sendable (State) -> Double
    @usableFromInline let timeOf: @Sendable (State) -> Double
    @usableFromInline let advance: @Sendable (State, AnyRandomSource) -> State

    public init<C: SplittableChain>(_ chain: C) where C.State == State, C.Random == AnyRandomSource {
        levelOf = { chain.level($0) }
        timeOf = { chain.time($0) }
        advance = { chain.step($0, random: $1) }
    }

    @inlinable public func level(_ state: State) -> Double { levelOf(state) }
    @inlinable public func time(_ state: State) -> Double { timeOf(state) }
    @inlinable public func step(_ state: State, random: AnyRandomSource) -> State { advance(state, random) }
}
