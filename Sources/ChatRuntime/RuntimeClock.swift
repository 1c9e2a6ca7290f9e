/// The runtime's time, from a `Clock` it is given: `ContinuousClock` when run, swift-clocks'
/// `TestClock` in unit tests. `now` is the time since the clock was handed over (frame pacing,
/// ticks and waits only compare two of them), `sleep` waits on that same clock, so a test that
/// advances its clock by 40 ms runs exactly the work that was due within them.
public struct RuntimeClock: Sendable {
    public let now: @Sendable () -> Duration
    public let sleep: @Sendable (Duration) async throws -> Void

    public init<C: Clock>(_ clock: C) where C.Duration == Duration {
        let origin = clock.now
        now = { origin.duration(to: clock.now) }
        sleep = { try await clock.sleep(for: $0) }
    }
}

extension Duration {
    /// Whole milliseconds (rounded down), the unit the run loop's poll(2) takes.
    public var wholeMilliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
