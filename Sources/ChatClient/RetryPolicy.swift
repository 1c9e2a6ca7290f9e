/// How often and how patiently a request that failed before its reply began is tried again.
/// Pure arithmetic: the random draw comes in as a number in [0, 1), so tests can pin it.
public struct RetryPolicy: Sendable, Equatable {
    /// How the backoff ceiling is turned into an actual wait.
    public enum Jitter: Sendable, Equatable {
        /// A uniform draw in [0, ceiling], the ceiling doubling per retry (spreads a crowd of
        /// clients that failed together the most; AWS's "full jitter").
        case full
        /// A uniform draw in [base, 3 x previous wait], capped: grows about as fast as
        /// doubling but never restarts from zero ("decorrelated jitter").
        case decorrelated
    }

    /// Retries after the first attempt (0 = never retry).
    public var maxRetries: Int
    /// The ceiling of the first retry's wait.
    public var baseDelayMillis: Int64
    /// No computed wait is longer than this (a server's `Retry-After` may be; see `RetryAfter`).
    public var maxDelayMillis: Int64
    public var jitter: Jitter

    public init(maxRetries: Int, baseDelayMillis: Int64 = 500, maxDelayMillis: Int64 = 8_000, jitter: Jitter = .full) {
        self.maxRetries = max(maxRetries, 0)
        self.baseDelayMillis = max(baseDelayMillis, 0)
        self.maxDelayMillis = max(maxDelayMillis, 0)
        self.jitter = jitter
    }

    /// Never retry: every failure is reported as it happens.
    public static let none = RetryPolicy(maxRetries: 0)

    /// What the app uses: three retries, about 0.5 s, 1 s, 2 s ceilings, never over 8 s, so a
    /// brief overload is ridden out without keeping the user waiting long.
    public static let standard = RetryPolicy(maxRetries: 3, baseDelayMillis: 500, maxDelayMillis: 8_000, jitter: .full)

    /// The wait before retry number `attempt` (1 for the first retry). `previousDelayMillis` is
    /// the wait before the previous retry (nil for the first; only decorrelated jitter uses it),
    /// `unitRandom` a draw in [0, 1) (values outside are clamped).
    public func delayMillis(attempt: Int, previousDelayMillis: Int64?, unitRandom: Double) -> Int64 {
        let draw = unitRandom.isFinite ? min(max(unitRandom, 0), 1) : 0
        let cap = Double(maxDelayMillis)
        let base = min(Double(baseDelayMillis), cap)
        switch jitter {
        case .full:
            // base * 2^(attempt-1); the shift is bounded so a huge attempt cannot overflow.
            let doublings = UInt64(min(max(attempt, 1) - 1, 62))
            let ceiling = min(base * Double(UInt64(1) << doublings), cap)
            return Int64((ceiling * draw).rounded(.down))
        case .decorrelated:
            let previous = Double(previousDelayMillis ?? baseDelayMillis)
            let upper = min(max(previous * 3, base), cap)
            return Int64((base + (upper - base) * draw).rounded(.down))
        }
    }
}

/// Where retry waits get their randomness. `.system` for the app; tests pass a fixed or
/// scripted source so every wait is known in advance.
public struct JitterSource: Sendable {
    /// A draw in [0, 1).
    public let next: @Sendable () -> Double

    public init(_ next: @escaping @Sendable () -> Double) {
        self.next = next
    }

    public static let system = JitterSource { Double.random(in: 0..<1) }

    /// Always the same draw (1 gives the full ceiling, 0 no wait at all under full jitter).
    public static func fixed(_ value: Double) -> JitterSource {
        JitterSource { value }
    }
}
