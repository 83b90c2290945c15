import CGSL

/// The random-number engines: the GSL generators a ``RandomStream`` can use (`mt19937`
/// is the default), and `fast` — DiffusionEscape's own xoshiro256++ with a 1024-layer
/// ziggurat (``FastRandomStream``, ``NormalLanes``), which runs 1-D SDE ensembles in SIMD
/// lanes. Both seed trajectory i from ``StreamSeeding/streamSeed(run:stream:)``.
public enum RandomGenerator: String, CaseIterable, Sendable, Codable {
    case mt19937, taus2, ranlxd2, ranlux389, gfsr4, fast

    /// A GSL generator (everything but `fast`).
    public var isGSL: Bool { self != .fast }

    @usableFromInline
    var gslType: UnsafePointer<gsl_rng_type> {
        switch self {
        case .mt19937: cgsl_rng_mt19937()
        case .taus2: cgsl_rng_taus2()
        case .ranlxd2: cgsl_rng_ranlxd2()
        case .ranlux389: cgsl_rng_ranlux389()
        case .gfsr4: cgsl_rng_gfsr4()
        case .fast: preconditionFailure("the fast engine is not a GSL generator (use FastRandomStream)")
        }
    }
}

/// One stream of random numbers, owning a `gsl_rng` (freed in `deinit`).
///
/// Not `Sendable`: a stream belongs to one thread. An ensemble runner keeps one stream
/// per worker and re-seeds it for each trajectory with
/// ``StreamSeeding/streamSeed(run:stream:)``, so trajectory `i` sees the same numbers
/// whichever worker runs it.
public final class RandomStream {
    @usableFromInline let rng: UnsafeMutablePointer<gsl_rng>
    public let generator: RandomGenerator

    /// A stream of `generator` seeded with `seed` (GSL's `gsl_rng_set`).
    public init(generator: RandomGenerator = .mt19937, seed: UInt64) {
        GSLRuntime.prepare()
        guard let rng = gsl_rng_alloc(generator.gslType) else {
            fatalError("gsl_rng_alloc failed: out of memory")
        }
        self.rng = rng
        self.generator = generator
        gsl_rng_set(rng, UInt(truncatingIfNeeded: seed))
    }

    /// Stream `index` of a run seeded with `runSeed`.
    public convenience init(generator: RandomGenerator = .mt19937, runSeed: UInt64, stream index: Int) {
        self.init(generator: generator, seed: StreamSeeding.streamSeed(run: runSeed, stream: UInt64(index)))
    }

    deinit { gsl_rng_free(rng) }

    /// Restarts the stream from `seed`.
    @inlinable
    public func reseed(_ seed: UInt64) { gsl_rng_set(rng, UInt(truncatingIfNeeded: seed)) }

    /// Restarts the stream as stream `index` of a run seeded with `runSeed`.
    @inlinable
    public func reseed(runSeed: UInt64, stream index: Int) {
        reseed(StreamSeeding.streamSeed(run: runSeed, stream: UInt64(index)))
    }

    /// A standard normal draw, N(0, 1), by GSL's ziggurat (Marsaglia & Tsang 2000).
    @inlinable
    public func gaussian() -> Double { gsl_ran_gaussian_ziggurat(rng, 1.0) }

    /// A uniform draw on [0, 1).
    @inlinable
    public func uniform() -> Double { gsl_rng_uniform(rng) }

    /// S_α(1), GSL's `gsl_ran_levy` with c = 1 (Chambers–Mallows–Stuck).
    @inlinable
    public func stable(alpha: Double) -> Double { gsl_ran_levy(rng, 1, alpha) }

    /// A uniform draw on (0, 1): never exactly zero.
    @inlinable
    public func uniformPositive() -> Double { gsl_rng_uniform_pos(rng) }
}
