import Synchronization

/// A shared counter handing out work indices (trajectories, splitting runs) to the workers of
/// a parallel loop: each `take(k)` returns the first of k indices no other call returns.
public final class WorkCounter: Sendable {
    @usableFromInline let next = Atomic<Int>(0)
    public init() {}
    @inlinable public func take(_ count: Int) -> Int { next.add(count, ordering: .relaxed).oldValue }
}
