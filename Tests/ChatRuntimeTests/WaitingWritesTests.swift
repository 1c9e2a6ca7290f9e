import ChatCore
import ChatRuntime
import Clocks
import Foundation
import StreamProtocol
import TestClockSupport
import XCTest

/// Writes the database refused for a reason that may pass (locked by another process,
/// read-only) are kept in order, tried before any later write and on the clock, and what is
/// still waiting at quit is handed over for the recovery file.
final class WaitingWritesTests: XCTestCase {
    private let store = FakeStore()
    private let posted = PostedActions()
    private let clock = TestClock()

    private func runner() -> EffectRunner {
        EffectRunner(
            dependencies: Dependencies(
                clock: RuntimeClock(clock), wallClockMillis: { 1234 }, store: store, streamer: FakeStreamer(name: "work").client),
            post: posted.post)
    }

    private static let question = Message(id: "q1", role: .user, content: "hello\nthere", createdAtMillis: 5)
    private static let newSession: [Effect] = [
        .createSession(.fixture("s1"), SessionParameters()), .saveMessage(question, sessionID: "s1"),
    ]

    private static func waiting(_ count: Int) -> Action {
        .storeNotice("Not saved: database locked by another process; retrying (\(count) change\(count == 1 ? "" : "s") waiting)")
    }

    func testALockedWriteIsKeptAndSavedBeforeTheNextWriteInOrder() async {
        store.lock("createSession(s1)", times: 1)
        let runner = runner()
        runner.perform([Self.newSession[0]])
        runner.drain()
        await clock.advance(by: EffectRunner.retryInterval)
        await Self.yieldToTasks()
        runner.perform([Self.newSession[1]])
        runner.drain()
        XCTAssertEqual(
            store.calls, ["createSession(s1)", "createSession(s1)", "setSessionProfile(s1, work)", "saveMessage(q1)"],
            "the session is created before its message is saved, never after")
        XCTAssertEqual(posted.actions, [
            Self.waiting(1), .storeNotice("Saved: the 1 change that waited is in the database now."),
        ])
        XCTAssertEqual(runner.unsavedWrites, [])
        runner.flush()
    }

    func testWhileTheLockIsHeldLaterWritesWaitBehindAndNoneOvertakes() {
        store.lock("createSession(s1)", times: 3)
        let runner = runner()
        runner.perform(Self.newSession)
        runner.drain()
        XCTAssertEqual(store.calls, ["createSession(s1)"], "the message is not tried before its session, nor the session again at once")
        XCTAssertEqual(posted.actions, [Self.waiting(1), Self.waiting(2)])
        XCTAssertEqual(runner.unsavedWrites.map(\.change), ["createSession", "saveMessage"])
        runner.flush()
    }

    func testKeptWritesAreTriedAgainOnTheClockUntilTheySucceed() async {
        store.lock("createSession(s1)", times: 3)
        let runner = runner()
        runner.perform(Self.newSession)
        runner.drain()
        // Each wait is armed from a task that may not have run yet, and each try hops to the
        // store queue: wait for the sleeper before advancing and for the try after (under
        // load a fixed number of yields was not enough, and CI would meet that).
        var sleeping = await clock.waitForSleeper()
        XCTAssertTrue(sleeping)
        await clock.advance(by: EffectRunner.retryInterval - .milliseconds(1))
        await Self.yieldToTasks()
        runner.drain()
        XCTAssertEqual(store.calls.count, 1, "nothing is tried before the interval is over")

        await clock.advance(by: .milliseconds(1))
        var tried = await callsReach(2)
        XCTAssertTrue(tried, "tried again once the interval is over")
        runner.drain()
        XCTAssertEqual(store.calls.count, 2)
        // Still locked: the clock's try says it again (a later notice may have hidden it).
        XCTAssertEqual(posted.actions, [Self.waiting(1), Self.waiting(2), Self.waiting(2)])
        sleeping = await clock.waitForSleeper()
        XCTAssertTrue(sleeping)
        await clock.advance(by: EffectRunner.retryInterval)
        tried = await callsReach(3)
        XCTAssertTrue(tried)
        runner.drain()
        XCTAssertEqual(store.calls.count, 3)
        XCTAssertEqual(posted.actions, [Self.waiting(1), Self.waiting(2), Self.waiting(2), Self.waiting(2)])
        sleeping = await clock.waitForSleeper()
        XCTAssertTrue(sleeping)

        let saved = posted.expect(5)
        await clock.advance(by: EffectRunner.retryInterval)
        await fulfillment(of: [saved], timeout: 10)
        runner.drain()
        XCTAssertEqual(
            store.calls.suffix(3), ["createSession(s1)", "setSessionProfile(s1, work)", "saveMessage(q1)"])
        XCTAssertEqual(posted.actions, [
            Self.waiting(1), Self.waiting(2), Self.waiting(2), Self.waiting(2),
            .storeNotice("Saved: the 2 changes that waited are in the database now."),
        ])
        XCTAssertEqual(runner.unsavedWrites, [])
        runner.flush()
    }

    func testQuittingTriesOnceMoreAndHandsOverWhatIsStillNotSaved() {
        store.lock("createSession(s1)", times: 3)
        let runner = runner()
        runner.perform(Self.newSession)
        runner.flush()
        XCTAssertEqual(store.calls, ["createSession(s1)", "createSession(s1)"], "one more try at quit")
        XCTAssertEqual(runner.unsavedWrites, [
            UnsavedWrite(change: "createSession", sessionID: "s1", fields: ["title": "Session s1", "createdAtMillis": "1"]),
            UnsavedWrite(change: "saveMessage", sessionID: "s1", fields: [
                "message": "q1", "role": "user", "content": "hello\nthere", "createdAtMillis": "5", "status": "complete",
            ]),
        ])
        XCTAssertEqual(
            runner.unsavedWrites.last?.jsonLine,
            #"{"change":"saveMessage","content":"hello\nthere","createdAtMillis":"5","message":"q1","role":"user","session":"s1","status":"complete"}"#)
    }

    func testAFailureTryingAgainCannotMendIsSaidAndDroppedAsBefore() {
        store.fail("createSession(s1)")
        let runner = runner()
        runner.perform(Self.newSession)
        runner.drain()
        XCTAssertEqual(store.calls, ["createSession(s1)", "saveMessage(q1)"])
        XCTAssertEqual(runner.unsavedWrites, [])
    }

    func testAReadRefusedByTheLockSaysTheShortReasonFirst() {
        store.lock("listSessions(\(SessionPaging.pageSize))", times: 1)
        let runner = runner()
        runner.perform([.loadSessions])
        runner.drain()
        XCTAssertEqual(posted.actions, [.storeFailed(
            "Could not read: database locked by another process. The session database /x/chatterm.sqlite is locked by another process (waited 3 s).")])
    }

    /// Lets tasks the clock just woke run up to their next wait.
    /// True once the store has been called `count` times (a try runs on the store queue after
    /// the clock's wake); false after 10 s, a bound against a hang, not part of the test.
    private func callsReach(_ count: Int) async -> Bool {
        let giveUp = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < giveUp {
            if store.calls.count >= count { return true }
            await Task.yield()
        }
        return false
    }

    private static func yieldToTasks() async {
        for _ in 0..<100 { await Task.yield() }
    }
}

extension WaitingWritesTests {
    func testAReplySavedAgainWhileWaitingTakesItsEarlierSavesPlace() {
        store.lock("createSession(s1)", times: 3)
        let runner = runner()
        var reply = Message(id: "r1", role: .assistant, content: "par", createdAtMillis: 6, status: .streaming)
        runner.perform(Self.newSession + [.saveMessage(reply, sessionID: "s1")])
        reply.content = "partial and whole"
        reply.status = .complete
        runner.perform([.saveMessage(reply, sessionID: "s1")])
        runner.flush()
        XCTAssertEqual(runner.unsavedWrites.map(\.change), ["createSession", "saveMessage", "saveMessage"])
        XCTAssertEqual(runner.unsavedWrites.last?.fields["content"], "partial and whole", "the newest state, at the first save's turn")
        XCTAssertEqual(posted.actions, [Self.waiting(1), Self.waiting(2), Self.waiting(3)], "the same words are not said again")
    }
}
