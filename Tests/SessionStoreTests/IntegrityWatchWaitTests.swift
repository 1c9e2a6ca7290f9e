import Clocks
import Foundation
import XCTest
@testable import SessionStore

/// A write waits for a check still running only so long: a large file's whole check takes
/// seconds, and the store's queue (the screen's reads behind it, `chatterm ask`) must not stall
/// for all of it. Damage the check finds afterwards still stops every later write. The limit
/// runs on a `TestClock` the test advances.
final class IntegrityWatchWaitTests: XCTestCase {
    /// Runs `requireSound` on its own thread (it blocks), reporting how it ended.
    private func requireSoundInBackground(_ watch: IntegrityWatch, limit: TimeInterval) -> WaitOutcome {
        let outcome = WaitOutcome()
        Thread.detachNewThread {
            do {
                try watch.requireSound(waitingAtMost: limit)
                outcome.end(nil)
            } catch {
                outcome.end(error)
            }
        }
        return outcome
    }

    func testAWriteWaitsForAnUnfinishedCheckOnlyUpToItsLimit() async {
        let clock = TestClock()
        let watch = IntegrityWatch(finished: false, clock: clock)
        let outcome = requireSoundInBackground(watch, limit: 0.2)
        let limitArmed = await clock.waitForSleeper()
        XCTAssertTrue(limitArmed, "the wait's limit runs on the clock")
        await clock.advance(by: .milliseconds(199))
        XCTAssertFalse(outcome.hasEnded, "it waits for the verdict first")
        await clock.advance(by: .milliseconds(1))
        let ended = await outcome.waitForEnd()
        XCTAssertTrue(ended, "then goes ahead while the check goes on")
        XCTAssertNil(outcome.error)
    }

    func testDamageFoundAfterTheWaitStopsTheNextWrite() async {
        let clock = TestClock()
        let watch = IntegrityWatch(finished: false, clock: clock)
        let first = requireSoundInBackground(watch, limit: 0.05)
        _ = await clock.waitForSleeper()
        await clock.advance(by: .milliseconds(50))
        let firstEnded = await first.waitForEnd()
        XCTAssertTrue(firstEnded)
        XCTAssertNil(first.error)
        watch.record(damage: StoreError.damaged(path: "/tmp/x.sqlite", detail: "page 7: btree damaged"))
        XCTAssertThrowsError(try watch.requireSound(waitingAtMost: 0.05)) { error in
            XCTAssertTrue("\(error)".contains("damaged"), "\(error)")
        }
    }

    func testAVerdictThatArrivesWhileWaitingEndsTheWaitAtOnce() async {
        let clock = TestClock()
        let watch = IntegrityWatch(finished: false, clock: clock)
        let outcome = requireSoundInBackground(watch, limit: 10)
        _ = await clock.waitForSleeper()
        watch.record(damage: StoreError.damaged(path: "/tmp/x.sqlite", detail: "page 7"))
        let ended = await outcome.waitForEnd()
        XCTAssertTrue(ended, "the waiter was woken by the verdict, with the clock still at 0")
        XCTAssertNotNil(outcome.error)
        let limitCancelled = await clock.hasSleeper
        XCTAssertFalse(limitCancelled, "the limit's timer is gone with the wait")
    }
}

/// How a `requireSound` on another thread ended, awaited without polling.
private final class WaitOutcome: @unchecked Sendable {
    // safe: `lock` guards `ended`, `failure` and `waiter`, the only mutable fields.
    private let lock = NSLock()
    private var ended = false
    private var failure: (any Error)?
    private var waiter: CheckedContinuation<Bool, Never>?

    var hasEnded: Bool { lock.withLock { ended } }
    var error: (any Error)? { lock.withLock { failure } }

    func end(_ error: (any Error)?) {
        let waiting = lock.withLock {
            ended = true
            failure = error
            defer { waiter = nil }
            return waiter
        }
        waiting?.resume(returning: true)
    }

    /// True once the wait ended (XCTest's own timeout ends a test that hangs here).
    func waitForEnd() async -> Bool {
        await withCheckedContinuation { continuation in
            let done = lock.withLock {
                if ended { return true }
                waiter = continuation
                return false
            }
            if done { continuation.resume(returning: true) }
        }
    }
}

extension TestClock<Swift.Duration> {
    /// Waits until some task sleeps on this clock, yielding rather than sleeping; false when
    /// none did within `giveUpAfter` (a bound that keeps a broken test from hanging).
    func waitForSleeper(giveUpAfter: Duration = .seconds(10)) async -> Bool {
        let giveUp = ContinuousClock.now + giveUpAfter
        while ContinuousClock.now < giveUp {
            do {
                try await checkSuspension()
            } catch {
                return true
            }
            await Task.yield()
        }
        return false
    }

    /// Whether any task sleeps on this clock now.
    var hasSleeper: Bool {
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
