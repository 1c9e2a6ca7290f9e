import Clocks
import Foundation

/// Shared by the test targets whose code runs on an injected clock.
extension TestClock<Swift.Duration> {
    /// Waits until some task sleeps on this clock (a retry wait or an idle watchdog is armed
    /// from a task that may not have run yet), so that a following `advance` reaches it.
    /// Yields rather than sleeps; false when nothing slept within `giveUpAfter` (a bound
    /// that keeps a broken test from hanging, not part of what is tested).
    public func waitForSleeper(giveUpAfter: Duration = .seconds(10)) async -> Bool {
        let giveUp = ContinuousClock.now + giveUpAfter
        while ContinuousClock.now < giveUp {
            do {
                try await checkSuspension()
            } catch {
                return true  // SuspensionError: someone is asleep on the clock
            }
            await Task.yield()
        }
        return false
    }

    /// Whether any task sleeps on this clock now.
    public var hasSleeper: Bool {
        get async {
            do {
                try await checkSuspension()
                return false
            } catch {
                return true
            }
        }
    }
}
