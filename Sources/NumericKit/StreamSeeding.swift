/// Per-trajectory seeds derived from a run seed.
///
/// Trajectory `i` of a run with seed `S` uses the generator seeded with
/// `streamSeed(S, i) = splitmix64(splitmix64(S) ⊕ splitmix64(i + 0x9E3779B97F4A7C15))`,
/// where `splitmix64` is the finaliser of Steele, Lea & Flood, "Fast splittable
/// pseudorandom number generators" (OOPSLA 2014) — a bijection of UInt64 with full
/// avalanche. The seed of a trajectory therefore depends only on (S, i): never on thread
/// count, scheduling or sharding.
///
/// GSL's mt19937 uses the low 32 bits of its seed, so two of n trajectories share a
/// stream with probability ≈ n²/2³³ (0.2% at n = 4000); a shared stream duplicates one
/// sample and leaves every estimator unbiased.
public enum StreamSeeding {
    /// The SplitMix64 output function.
    @inlinable
    public static func splitmix64(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The seed of stream `index` of a run seeded with `seed`.
    @inlinable
    public static func streamSeed(run seed: UInt64, stream index: UInt64) -> UInt64 {
        splitmix64(splitmix64(seed) ^ splitmix64(index &+ 0x9E37_79B9_7F4A_7C15))
    }
}

/// SplitMix64 as a Swift `RandomNumberGenerator`: state += γ, output ``StreamSeeding/splitmix64(_:)``
/// of the previous state. Small and reproducible — for test schedules and fuzzing, not for
/// the simulations (which use GSL streams).
public struct SplitMix64Generator: RandomNumberGenerator, Sendable {
    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        defer { state &+= 0x9E37_79B9_7F4A_7C15 }
        return StreamSeeding.splitmix64(state)
    }
}
