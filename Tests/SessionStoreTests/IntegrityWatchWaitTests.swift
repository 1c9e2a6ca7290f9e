import Foundation
import XCTest
@testable import SessionStore

/// A write waits for a check still running only so long: a large file's whole check takes
/// seconds, and the store's queue (the screen's reads behind it, `chatterm ask`) must not stall
/// for all of it. Damage the check finds afterwards still stops every later write.
final class IntegrityWatchWaitTests: XCTestCase {
    func testAWriteWaitsForAnUnfinishedCheckOnlyUpToItsLimit() throws {
        let watch = IntegrityWatch(finished: false)
        let started = Date()
        XCTAssertNoThrow(try watch.requireSound(waitingAtMost: 0.2))
        let waited = Date().timeIntervalSince(started)
        XCTAssertGreaterThanOrEqual(waited, 0.15, "it waited for the verdict first")
        XCTAssertLessThan(waited, 1.5, "then went ahead while the check goes on")
    }

    func testDamageFoundAfterTheWaitStopsTheNextWrite() throws {
        let watch = IntegrityWatch(finished: false)
        XCTAssertNoThrow(try watch.requireSound(waitingAtMost: 0.05))
        watch.record(damage: StoreError.damaged(path: "/tmp/x.sqlite", detail: "page 7: btree damaged"))
        XCTAssertThrowsError(try watch.requireSound(waitingAtMost: 0.05)) { error in
            XCTAssertTrue("\(error)".contains("damaged"), "\(error)")
        }
    }

    func testAVerdictThatArrivesWhileWaitingEndsTheWaitAtOnce() throws {
        let watch = IntegrityWatch(finished: false)
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.1) {
            watch.record(damage: StoreError.damaged(path: "/tmp/x.sqlite", detail: "page 7"))
        }
        let started = Date()
        XCTAssertThrowsError(try watch.requireSound(waitingAtMost: 10))
        XCTAssertLessThan(Date().timeIntervalSince(started), 5, "the waiter was woken by the verdict")
    }
}
