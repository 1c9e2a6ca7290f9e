/// SplitMix64: a tiny, fast generator that gives the same numbers for the same seed on every
/// platform and in every process, so a generated reply, a random byte split or a property
/// test's input reproduces from its seed. Not for anything secret.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    public mutating func pick<T>(_ items: [T]) -> T {
        items[Int(next() % UInt64(items.count))]
    }

    /// `count` different items (a partial Fisher-Yates shuffle), so a list never repeats itself.
    public mutating func pickDistinct<T>(_ items: [T], count: Int) -> [T] {
        var pool = items
        var chosen: [T] = []
        while chosen.count < count, !pool.isEmpty {
            chosen.append(pool.remove(at: Int(next() % UInt64(pool.count))))
        }
        return chosen
    }
}
