/// The fast engine's stream: xoshiro256++ (``Xoshiro256PlusPlus``) with the 1024-layer
/// ziggurat (``ZigguratNormal``), seeded per trajectory exactly like the GSL streams
/// (``StreamSeeding/streamSeed(run:stream:)``, then four SplitMix64 outputs).
///
/// Stream `i` of a run draws the same numbers here and in lane k of ``NormalLanes``,
/// whichever lane or thread runs it: the SIMD engine is the same sequence, faster.
public final class FastRandomStream: RandomSource {
    public var generator: Xoshiro256PlusPlus
    @usableFromInline let ziggurat = ZigguratNormal.shared

    public init(seed: UInt64) { generator = Xoshiro256PlusPlus(seed: seed) }

    public convenience init(runSeed: UInt64, stream index: Int) {
        self.init(seed: StreamSeeding.streamSeed(run: runSeed, stream: UInt64(index)))
    }

    @inlinable
    public func reseed(runSeed: UInt64, stream index: Int) {
        generator = Xoshiro256PlusPlus(seed: StreamSeeding.streamSeed(run: runSeed, stream: UInt64(index)))
    }

    @inlinable
    public func gaussian() -> Double {
        ziggurat.normal(bits: generator.next(), using: &generator)
    }

    @inlinable
    public func uniform() -> Double { generator.uniform() }

    /// S_α(1) by Chambers–Mallows–Stuck from this stream's uniforms (GSL's algorithm).
    @inlinable
    public func stable(alpha: Double) -> Double { chambersMallowsStuck(alpha: alpha) }
}
