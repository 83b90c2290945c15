import NumericKit

/// A Markov chain that adaptive multilevel splitting can run: its state, its step drawing from
/// a random source, and a reaction coordinate ξ measuring progress from home, A = {ξ ≤ a}, to
/// the target, B = {ξ ≥ b} (``AdaptiveMultilevelSplitting``). The state holds everything the
/// next step depends on — for an optimizer's own iteration its moments and step count — so
/// that a path can be branched at any of its states.
public protocol SplittableChain: Sendable {
    associatedtype State: Sendable
    /// The source a step draws from (one type per chain: the splitting loop is compiled for it).
    associatedtype Random: RandomSource
    /// The reaction coordinate ξ of `state`.
    func level(_ state: State) -> Double
    /// The time `state` carries, in the chain's unit (steps of an iteration; nominal steps of
    /// an SDE under step-size control).
    func time(_ state: State) -> Double
    /// The chain's step for one run: the state one step after a state, drawing from the
    /// source. Storage the step needs (a d-dimensional chain's vectors) is made here, once
    /// per run, and used by that run alone, on one thread.
    func makeStep() -> (State, Random) -> State
}

/// A chain whose step needs no storage of its own: ``step(_:random:)`` is the whole of it.
public protocol StorageFreeChain: SplittableChain {
    /// The state one step after `state`, drawing its randomness from `random`.
    func step(_ state: State, random: Random) -> State
}

extension StorageFreeChain {
    public func makeStep() -> (State, Random) -> State { { step($0, random: $1) } }
}
