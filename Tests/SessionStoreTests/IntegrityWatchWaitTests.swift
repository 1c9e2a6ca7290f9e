import Clocks
import Foundation
import XCTest
@testable import SessionStore
import TestClockSupport

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

/// How a `requireSound` on another thread ended.
private final class WaitOutcome: @unchecked Sendable {
    // safe: `lock` guards `ended` and `failure`, the only mutable fields; the waiter has its own lock.
    private let lock = NSLock()
    private var ended = false
    private var failure: (any Error)?
    private let waiter = ConditionWaiter()

    var hasEnded: Bool { lock.withLock { ended } }
    var error: (any Error)? { lock.withLock { failure } }

    func end(_ error: (any Error)?) {
        lock.withLock {
            ended = true
            failure = error
        }
        waiter.changed()
    }

    /// True once the wait ended.
    func waitForEnd() async -> Bool {
        await waiter.wait { [self] in hasEnded }
    }
}
