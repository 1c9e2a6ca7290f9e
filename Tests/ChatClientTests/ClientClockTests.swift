@testable import ChatClient
import Clocks
import Foundation
import TestClockSupport
import XCTest

/// The wrapper every timer of the client reads: time since it was made, and actions run
/// once a duration has passed, both on the clock it was given.
final class ClientClockTests: XCTestCase {
    func testElapsedFollowsTheClockFromWhenItWasMade() async {
        let clock = TestClock()
        await clock.advance(by: .seconds(5))
        let wrapped = ClientClock(clock)
        XCTAssertEqual(wrapped.elapsed(), .zero)
        await clock.advance(by: .milliseconds(250))
        XCTAssertEqual(wrapped.elapsed(), .milliseconds(250))
    }

    func testAnActionRunsWhenItsDurationHasPassedAndNotBefore() async {
        let clock = TestClock()
        let wrapped = ClientClock(clock)
        let runs = RunCount()
        _ = wrapped.after(.seconds(2)) { runs.add() }
        let waiting = await clock.waitForSleeper()
        XCTAssertTrue(waiting)
        await clock.advance(by: .milliseconds(1_999))
        XCTAssertEqual(runs.value, 0)
        await clock.advance(by: .milliseconds(1))
        let ran = await runs.waitFor(1)
        XCTAssertTrue(ran)
    }

    func testACancelledActionNeverRuns() async {
        let clock = TestClock()
        let wrapped = ClientClock(clock)
        let runs = RunCount()
        let pending = wrapped.after(.seconds(1)) { runs.add() }
        _ = await clock.waitForSleeper()
        pending.cancel()
        await pending.value
        await clock.advance(by: .seconds(10))
        XCTAssertEqual(runs.value, 0)
        let sleeping = await clock.hasSleeper
        XCTAssertFalse(sleeping, "the cancelled wait left the clock")
    }

    func testTheDateIsTheOneGiven() {
        let fixed = Date(timeIntervalSince1970: 784_111_777)
        XCTAssertEqual(ClientClock(TestClock(), date: { fixed }).date(), fixed)
    }
}

private final class RunCount: @unchecked Sendable {
    // safe: `lock` guards `count`, the only mutable field; the waiter has its own lock.
    private let lock = NSLock()
    private var count = 0
    private let waiter = ConditionWaiter()

    var value: Int { lock.withLock { count } }

    func add() {
        lock.withLock { count += 1 }
        waiter.changed()
    }

    func waitFor(_ expected: Int) async -> Bool {
        await waiter.wait { [self] in value >= expected }
    }
}
