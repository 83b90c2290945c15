/// xoshiro256++: 256 bits of state, period 2²⁵⁶ − 1, all 64 output bits of full quality.
///
///   out = rotl(s₀ + s₃, 23) + s₀;  t = s₁ ≪ 17;
///   s₂ ^= s₀; s₃ ^= s₁; s₁ ^= s₂; s₀ ^= s₃; s₂ ^= t; s₃ = rotl(s₃, 45)
///
/// Blackman & Vigna, "Scrambled linear pseudorandom number generators", ACM TOMS 47(4),
/// 2021 (passes BigCrush and PractRand to 32 TB). Seeded, as the authors recommend, with
/// four consecutive outputs of SplitMix64 (``SplitMix64Generator``) — never all zero.
public struct Xoshiro256PlusPlus: RandomNumberGenerator, Sendable, Equatable {
    public var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// The state four SplitMix64 outputs of `seed` give.
    @inlinable
    public init(seed: UInt64) {
        var splitmix = SplitMix64Generator(seed: seed)
        s0 = splitmix.next(); s1 = splitmix.next(); s2 = splitmix.next(); s3 = splitmix.next()
    }

    /// The generator in state (s₀, s₁, s₂, s₃) (not all zero).
    @inlinable
    public init(state s0: UInt64, _ s1: UInt64, _ s2: UInt64, _ s3: UInt64) {
        self.s0 = s0; self.s1 = s1; self.s2 = s2; self.s3 = s3
    }

    @inlinable
    public mutating func next() -> UInt64 {
        let result = Self.rotateLeft(s0 &+ s3, by: 23) &+ s0
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t
        s3 = Self.rotateLeft(s3, by: 45)
        return result
    }

    @inlinable
    static func rotateLeft(_ x: UInt64, by k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// A uniform draw on [0, 1): the top 53 bits of one output, times 2⁻⁵³.
    @inlinable
    public mutating func uniform() -> Double { Double(next() >> 11) * 0x1p-53 }
}
