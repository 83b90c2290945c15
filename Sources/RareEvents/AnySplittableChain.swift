import NumericKit

/// A splittable chain behind closures, drawing from ``AnyRandomSource``: the splitting loop
/// (``AdaptiveMultilevelSplitting``, ``SplittingEscapeTime``) is compiled once per state type
/// instead of once per landscape × noise × preconditioner × scheme × engine, at the price of
/// an indirect call per step (the step itself stays specialised inside the closure).
public struct AnySplittableChain<State: Sendable>: SplittableChain {
    public typealias Random = AnyRandomSource
    @usableFromInline let levelOf: @Sendable (State) -> Double
    @usableFromInline let timeOf: @Sendable (State) -> Double
    @usableFromInline let stepMaker: @Sendable () -> (State, AnyRandomSource) -> State

    public init<C: SplittableChain>(_ chain: C) where C.State == State, C.Random == AnyRandomSource {
        levelOf = { chain.level($0) }
        timeOf = { chain.time($0) }
        stepMaker = { chain.makeStep() }
    }

    @inlinable public func level(_ state: State) -> Double { levelOf(state) }
    @inlinable public func time(_ state: State) -> Double { timeOf(state) }
    @inlinable public func makeStep() -> (State, AnyRandomSource) -> State { stepMaker() }
}
