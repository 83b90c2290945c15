/// Eight xoshiro256++ streams side by side in SIMD lanes, drawing eight standard normals
/// per call — the random numbers of the fast engine's interleaved trajectories.
///
/// Lane k seeded as stream i produces exactly the numbers of
/// `FastRandomStream(runSeed:stream: i)`: the generator step runs on all lanes at once
/// (``Xoshiro256PlusPlus``'s recurrence on `SIMD8<UInt64>`), the ziggurat's fast path
/// (``ZigguratNormal``: two table reads, a multiply, a compare) runs on all lanes at once,
/// and a lane whose draw is rejected (≈ 1% per lane) finishes it alone with the scalar
/// slow path on its own state. Which lane or thread runs a trajectory never changes its
/// numbers.
///
/// Performance notes (measured on AVX2, docs/performance.md): the state lives in one
/// 64-byte-aligned block, loaded and stored each step, so a lane's scalar draws need no
/// lane shuffles; the rotation counts are stored properties rather than literals, because
/// LLVM turns a constant 64-bit vector rotate into eight scalar `rorx` (≈ 20% slower).
public final class NormalLanes {
    public static let width = 8
    public typealias Words = SIMD8<UInt64>
    public typealias Values = SIMD8<Double>

    /// s₀…s₃ of the eight lanes, structure of arrays: word j of lane k at [8j + k].
    @usableFromInline let state: UnsafeMutableRawPointer
    @usableFromInline let ziggurat = ZigguratNormal.shared
    // Shift counts of the recurrence (see the performance note).
    @usableFromInline let shift23: Words, shift41: Words, shift45: Words, shift19: Words, shift17: Words

    public init() {
        state = .allocate(byteCount: 4 * Self.width * 8, alignment: 64)
        state.initializeMemory(as: UInt64.self, repeating: 0, count: 4 * Self.width)
        let counts = Self.shiftCounts()
        shift23 = Words(repeating: counts[0]); shift41 = Words(repeating: counts[1])
        shift45 = Words(repeating: counts[2]); shift19 = Words(repeating: counts[3])
        shift17 = Words(repeating: counts[4])
    }

    deinit { state.deallocate() }

    /// 23, 41 (= 64 − 23), 45, 19 (= 64 − 45), 17; not inlinable, so callers cannot fold them.
    static func shiftCounts() -> [UInt64] { [23, 41, 45, 19, 17] }

    /// Positions lane `k` at stream `index` of a run seeded with `runSeed`.
    public func seed(lane k: Int, runSeed: UInt64, stream index: Int) {
        setGenerator(Xoshiro256PlusPlus(seed: StreamSeeding.streamSeed(run: runSeed, stream: UInt64(index))), lane: k)
    }

    /// Lane k's generator as a scalar ``Xoshiro256PlusPlus``.
    @inlinable
    public func generator(lane k: Int) -> Xoshiro256PlusPlus {
        let words = state.assumingMemoryBound(to: UInt64.self)
        return Xoshiro256PlusPlus(state: words[k], words[Self.width + k], words[2 * Self.width + k], words[3 * Self.width + k])
    }

    @inlinable
    public func setGenerator(_ g: Xoshiro256PlusPlus, lane k: Int) {
        let words = state.assumingMemoryBound(to: UInt64.self)
        words[k] = g.s0; words[Self.width + k] = g.s1; words[2 * Self.width + k] = g.s2; words[3 * Self.width + k] = g.s3
    }

    /// One output of every lane.
    @inlinable @inline(__always)
    public func next() -> Words {
        var (s0, s1, s2, s3) = load()
        let result = advance(&s0, &s1, &s2, &s3)
        store(s0, s1, s2, s3)
        return result
    }

    /// One standard normal per lane.
    @inlinable @inline(__always)
    public func gaussians() -> Values {
        let bits = next()
        var (z, accepted) = fastPath(bits)
        if _slowPath(!Self.all(accepted)) {
            for k in 0..<Self.width where !accepted[k] { z[k] = rejected(lane: k, bits: bits[k]) }
        }
        return z
    }

    /// `count` standard normals per lane into `normals[0..<count]`: the numbers of `count`
    /// calls of ``gaussians()``, with the generator state held in registers between draws
    /// (stored only around a rejected lane's scalar slow path). ``gaussians()`` loads and
    /// stores the state per call, so consecutive calls wait on each other through memory; a
    /// d-dimensional step draws its d vectors here at once.
    @inlinable @inline(__always)
    public func fill(_ normals: UnsafeMutablePointer<Values>, count: Int) {
        var (s0, s1, s2, s3) = load()
        for j in 0..<count {
            let bits = advance(&s0, &s1, &s2, &s3)
            var (z, accepted) = fastPath(bits)
            if _slowPath(!Self.all(accepted)) {
                store(s0, s1, s2, s3)
                for k in 0..<Self.width where !accepted[k] { z[k] = rejected(lane: k, bits: bits[k]) }
                (s0, s1, s2, s3) = load()
            }
            normals[j] = z
        }
        store(s0, s1, s2, s3)
    }

    /// xoshiro256++'s output and state transition on all lanes.
    @inlinable @inline(__always)
    func advance(_ s0: inout Words, _ s1: inout Words, _ s2: inout Words, _ s3: inout Words) -> Words {
        let sum = s0 &+ s3
        let result = ((sum &<< shift23) | (sum &>> shift41)) &+ s0
        let t = s1 &<< shift17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t
        s3 = (s3 &<< shift45) | (s3 &>> shift19)
        return result
    }

    /// The ziggurat's fast path on all lanes: the candidate z = u·xᵢ and whether it is accepted
    /// (|z| < xᵢ₊₁).
    @inlinable @inline(__always)
    func fastPath(_ bits: Words) -> (Values, SIMDMask<SIMD8<Int64>>) {
        let layer = bits & Words(repeating: ZigguratNormal.layerMask)
        let u = unsafeBitCast((bits &>> 12) | Words(repeating: 0x3FF0_0000_0000_0000), to: Values.self) * 2 - 3
        let x = ziggurat.x
        let z = u * Self.gather(x, layer, offset: 0)
        let magnitude = unsafeBitCast(unsafeBitCast(z, to: Words.self) & Words(repeating: 0x7FFF_FFFF_FFFF_FFFF), to: Values.self)
        return (z, magnitude .< Self.gather(x, layer, offset: 1))
    }

    @inlinable @inline(__always)
    func load() -> (Words, Words, Words, Words) {
        (state.load(as: Words.self), state.load(fromByteOffset: 64, as: Words.self),
         state.load(fromByteOffset: 128, as: Words.self), state.load(fromByteOffset: 192, as: Words.self))
    }

    @inlinable @inline(__always)
    func store(_ s0: Words, _ s1: Words, _ s2: Words, _ s3: Words) {
        state.storeBytes(of: s0, as: Words.self)
        state.storeBytes(of: s1, toByteOffset: 64, as: Words.self)
        state.storeBytes(of: s2, toByteOffset: 128, as: Words.self)
        state.storeBytes(of: s3, toByteOffset: 192, as: Words.self)
    }

    /// Lane k finishes a rejected draw with the scalar slow path on its own state.
    @inline(never)
    public func rejected(lane k: Int, bits: UInt64) -> Double {
        var g = generator(lane: k)
        let z = ziggurat.rejected(bits: bits, using: &g)
        setGenerator(g, lane: k)
        return z
    }

    /// A uniform draw on [0, 1) from lane k alone (as ``FastRandomStream/uniform()``).
    @inlinable @inline(__always)
    public func uniform(lane k: Int) -> Double {
        var g = generator(lane: k)
        let u = g.uniform()
        setGenerator(g, lane: k)
        return u
    }

    /// Whether any lane of a comparison is true (an OR-reduction by halves; the standard
    /// library's `any` is a call to a generic `max` in the lane loop).
    @inlinable @inline(__always)
    public static func any(_ mask: SIMDMask<SIMD8<Int64>>) -> Bool {
        let lanes = unsafeBitCast(mask, to: Words.self)
        let four = lanes.lowHalf | lanes.highHalf
        let two = four.lowHalf | four.highHalf
        return (two[0] | two[1]) != 0
    }

    /// Whether every lane of a comparison is true.
    @inlinable @inline(__always)
    public static func all(_ mask: SIMDMask<SIMD8<Int64>>) -> Bool {
        let lanes = unsafeBitCast(mask, to: Words.self)
        let four = lanes.lowHalf & lanes.highHalf
        let two = four.lowHalf & four.highHalf
        return (two[0] & two[1]) != 0
    }

    @inlinable @inline(__always)
    static func gather(_ table: UnsafeMutablePointer<Double>, _ index: Words, offset: Int) -> Values {
        Values(table[Int(index[0]) + offset], table[Int(index[1]) + offset], table[Int(index[2]) + offset],
               table[Int(index[3]) + offset], table[Int(index[4]) + offset], table[Int(index[5]) + offset],
               table[Int(index[6]) + offset], table[Int(index[7]) + offset])
    }
}
