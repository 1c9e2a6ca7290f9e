import Foundation

/// The time the client's own timers run on: retry waits, the heartbeat throttle and the idle
/// (stall) timeout. Built from a `Clock` the caller passes in, `ContinuousClock` when the app
/// runs and swift-clocks' `TestClock` in unit tests, so no test waits for real time to pass.
/// curl's own timeouts (connect) stay on curl's clock: they belong to a real socket.
///
/// The clock is kept behind two closures so the types that use it need not be generic over
/// the clock's `Instant`.
struct ClientClock: Sendable {
    /// Time passed since this value was made; never goes backwards.
    let elapsed: @Sendable () -> Duration
    /// Suspends for `duration` of the clock's time; throws `CancellationError` when the task
    /// is cancelled first.
    let sleep: @Sendable (Duration) async throws -> Void
    /// The calendar date, for a `Retry-After` given as an HTTP date (the only place a date
    /// rather than a duration is needed).
    let date: @Sendable () -> Date

    init<C: Clock<Duration>>(_ clock: C, date: @escaping @Sendable () -> Date = { Date() }) {
        let start = clock.now
        elapsed = { start.duration(to: clock.now) }
        sleep = { duration in try await clock.sleep(for: duration) }
        self.date = date
    }

    /// Runs `action` once `duration` has passed on this clock, unless the returned task is
    /// cancelled first.
    func after(_ duration: Duration, _ action: @escaping @Sendable () -> Void) -> Task<Void, Never> {
        Task { [sleep] in
            do {
                try await sleep(duration)
            } catch {
                return  // cancelled: the wait was abandoned
            }
            action()
        }
    }
}
