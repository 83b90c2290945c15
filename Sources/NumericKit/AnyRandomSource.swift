/// Either engine behind one concrete type: a GSL ``RandomStream`` or a ``FastRandomStream``,
/// chosen per draw by a branch that always goes the same way. For code that is not bound by
/// the cost of a draw and should be compiled once rather than once per engine — adaptive
/// multilevel splitting, whose steps already pass through a closure. The numbers are the
/// wrapped engine's own: a run draws the same sequence through this type as without it.
public final class AnyRandomSource: RandomSource {
    @usableFromInline
    enum Engine {
        case gsl(RandomStream)
        case fast(FastRandomStream)
    }

    @usableFromInline let engine: Engine

    /// A source of `generator` seeded with `seed`, as ``RandomGenerator/makeSource(seed:)``.
    public init(generator: RandomGenerator, seed: UInt64) {
        engine = generator.isGSL ? .gsl(RandomStream(generator: generator, seed: seed)) : .fast(FastRandomStream(seed: seed))
    }

    @inlinable
    public func gaussian() -> Double {
        switch engine {
        case .gsl(let s): s.gaussian()
        case .fast(let s): s.gaussian()
        }
    }

    @inlinable
    public func uniform() -> Double {
        switch engine {
        case .gsl(let s): s.uniform()
        case .fast(let s): s.uniform()
        }
    }

    @inlinable
    public func stable(alpha: Double) -> Double {
        switch engine {
        case .gsl(let s): s.stable(alpha: alpha)
        case .fast(let s): s.stable(alpha: alpha)
        }
    }

    @inlinable
    public func reseed(runSeed: UInt64, stream index: Int) {
        switch engine {
        case .gsl(let s): s.reseed(runSeed: runSeed, stream: index)
        case .fast(let s): s.reseed(runSeed: runSeed, stream: index)
        }
    }
}
