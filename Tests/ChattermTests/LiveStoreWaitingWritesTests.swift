import ChatCore
import ChatRuntime
import Foundation
import StreamProtocol
import XCTest
@testable import SessionStore
@testable import chatterm

/// The tester's case on a real database: a new session sent to while another process holds
/// the write lock is kept, and once the lock is gone it is all in the file, in order.
final class LiveStoreWaitingWritesTests: XCTestCase {
    private var directory = ""

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "chatterm-waiting-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// What the runner posted, in order.
    private final class Posted: @unchecked Sendable {
        private let lock = NSLock()
        private var _actions: [Action] = []
        var actions: [Action] { lock.withLock { _actions } }
        func post(_ action: Action) { lock.withLock { _actions.append(action) } }
    }

    private func runner(_ store: SessionStore, _ posted: Posted) -> EffectRunner {
        let streamer = StreamClient(profileName: nil, start: { _, _, _ in }, cancel: { _ in }, listModels: { _ in })
        return EffectRunner(
            dependencies: Dependencies(
                clock: RuntimeClock(ContinuousClock()), wallClockMillis: { 1 }, store: LiveSessionStore(store), streamer: streamer),
            post: { posted.post($0) })
    }

    private static let session = SessionSummary(id: "s1", title: "New", createdAtMillis: 1, updatedAtMillis: 1)
    private static func message(_ id: String, _ role: ChatRole, at time: Int64) -> Message {
        Message(id: id, role: role, content: "text of \(id)", createdAtMillis: time)
    }

    func testANewSessionSentToWhileLockedIsAllSavedOnceTheLockIsGone() throws {
        let path = directory + "/chatterm.sqlite"
        let holder = try SessionStore(path: path)
        let store = try SessionStore(path: path, busyTimeoutSeconds: 0.05)
        let posted = Posted()
        let runner = runner(store, posted)
        try holder.holdingExclusiveLockForTesting {
            runner.perform([
                .createSession(Self.session, SessionParameters()), .saveMessage(Self.message("q1", .user, at: 2), sessionID: "s1"),
                .saveMessage(Self.message("r1", .assistant, at: 3), sessionID: "s1"),
            ])
            runner.drain()
        }
        XCTAssertEqual(runner.unsavedWrites.map(\.change), ["createSession", "saveMessage", "saveMessage"])
        XCTAssertEqual(posted.actions.last, .storeNotice("Not saved: database locked by another process; retrying (3 changes waiting)"))
        XCTAssertLessThanOrEqual("Not saved: database locked by another process; retrying (3 changes waiting)".count, 80)

        // The next send, after the lock is gone, goes in after them (a moment after the failed
        // try it joins them; the next try, here the quit's, saves all): no "has no session with id".
        runner.perform([.saveMessage(Self.message("q2", .user, at: 4), sessionID: "s1")])
        runner.flush()
        XCTAssertEqual(runner.unsavedWrites, [])
        XCTAssertEqual(posted.actions.last, .storeNotice("Saved: the 4 changes that waited are in the database now."))
        XCTAssertEqual(try holder.loadMessages(sessionID: "s1").map(\.id), ["q1", "r1", "q2"])
    }

    func testADatabaseThatTurnsReadOnlyKeepsTheChangesForTheRecoveryFile() throws {
        let path = directory + "/chatterm.sqlite"
        let store = try SessionStore(path: path)
        try store.makeReadOnlyForTesting()
        let posted = Posted()
        let runner = runner(store, posted)
        runner.perform([.createSession(Self.session, SessionParameters()), .saveMessage(Self.message("q1", .user, at: 2), sessionID: "s1")])
        runner.flush()
        XCTAssertEqual(posted.actions.last, .storeNotice("Not saved: database is read-only; retrying (2 changes waiting)"))
        XCTAssertEqual(runner.unsavedWrites.map(\.change), ["createSession", "saveMessage"])
        XCTAssertEqual(runner.unsavedWrites.last?.fields["content"], "text of q1")
    }
}
