/// What a trajectory draws from: standard normals, uniforms, and a way to be positioned at
/// stream `index` of a run. Two engines conform — ``RandomStream`` (GSL: mt19937 and the
/// other GSL generators, GSL's ziggurat) and ``FastRandomStream`` (xoshiro256++ with
/// ``ZigguratNormal``) — and the simulators are generic over it, so each engine runs a
/// loop specialised for its generator.
///
/// A source belongs to one thread (reference semantics, not `Sendable`).
public protocol RandomSource: AnyObject, SendableMetatype {
    /// A standard normal draw, N(0, 1).
    func gaussian() -> Double
    /// A uniform draw on [0, 1).
    func uniform() -> Double
    /// A draw of the symmetric α-stable law S_α(1), 0 < α ≤ 2 (``StableDistribution``): GSL's
    /// `gsl_ran_levy` on the GSL engines, the same Chambers–Mallows–Stuck formula on the fast one.
    func stable(alpha: Double) -> Double
    /// Restarts the source as stream `index` of a run seeded with `runSeed`
    /// (seeded through ``StreamSeeding/streamSeed(run:stream:)``).
    func reseed(runSeed: UInt64, stream index: Int)
}

extension RandomStream: RandomSource {}

extension RandomGenerator {
    /// A source of this engine seeded with `seed`: a GSL ``RandomStream`` or, for `fast`, a
    /// ``FastRandomStream``. (Hot loops take the concrete type instead, as EnsembleRunner does.)
    public func makeSource(seed: UInt64) -> any RandomSource {
        isGSL ? RandomStream(generator: self, seed: seed) : FastRandomStream(seed: seed)
    }
}
