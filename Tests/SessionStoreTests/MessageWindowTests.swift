import ChatCore
import StreamProtocol
import XCTest
@testable import SessionStore

/// Pages of a long session, read by position on the (session_id, seq) index.
final class MessageWindowTests: XCTestCase {
    /// A session of `count` alternating user/assistant messages "m0"… and one other session.
    private func store(count: Int) throws -> SessionStore {
        let store = try SessionStore.inMemory()
        let messages = (0..<count).map(message(_:))
        try store.importSession(session("long", updated: 1), parameters: SessionParameters(), messages: messages)
        try store.importSession(session("other", updated: 2), parameters: SessionParameters(), messages: [userMessage("o1", "x", at: 1)])
        return store
    }

    private func message(_ index: Int) -> Message {
        let role: ChatRole = index % 2 == 0 ? .user : .assistant
        let status: MessageStatus = index == 5 ? .failed : .complete
        let parameters: SessionParameters? = index % 2 == 1 ? SessionParameters(temperature: 0.5) : nil
        return Message(
            id: "m\(index)", role: role, content: "text \(index)", createdAtMillis: Int64(index), status: status,
            parameters: parameters)
    }

    private func ids(_ window: MessageWindow) -> [String] { window.messages.map(\.id) }

    func testEachEndAndThePagesBeside() throws {
        let store = try store(count: 25)
        let newest = try store.loadMessageWindow(sessionID: "long", .newest, limit: 10)
        XCTAssertEqual(ids(newest), (15..<25).map { "m\($0)" })
        XCTAssertEqual(newest.earlierCount, 15)
        XCTAssertEqual(newest.laterCount, 0)
        XCTAssertEqual(newest.messages[0].content, "text 15")
        XCTAssertEqual(newest.messages[0].role, .assistant)
        XCTAssertEqual(newest.messages[0].parameters, SessionParameters(temperature: 0.5), "pages are whole messages")

        let oldest = try store.loadMessageWindow(sessionID: "long", .oldest, limit: 10)
        XCTAssertEqual(ids(oldest), (0..<10).map { "m\($0)" })
        XCTAssertEqual(oldest.earlierCount, 0)
        XCTAssertEqual(oldest.laterCount, 15)

        let before = try store.loadMessageWindow(sessionID: "long", .before(messageID: "m15"), limit: 10)
        XCTAssertEqual(ids(before), (5..<15).map { "m\($0)" })
        XCTAssertEqual(before.earlierCount, 5)
        XCTAssertEqual(before.messages[0].status, .failed)

        let first = try store.loadMessageWindow(sessionID: "long", .before(messageID: "m3"), limit: 10)
        XCTAssertEqual(ids(first), ["m0", "m1", "m2"])
        XCTAssertEqual(first.earlierCount, 0)

        let after = try store.loadMessageWindow(sessionID: "long", .after(messageID: "m9"), limit: 10)
        XCTAssertEqual(ids(after), (10..<20).map { "m\($0)" })
        XCTAssertEqual(after.laterCount, 5)
        XCTAssertEqual(after.earlierCount, 10)
    }

    func testEdgesAndMessagesThatAreGone() throws {
        let store = try store(count: 4)
        XCTAssertEqual(ids(try store.loadMessageWindow(sessionID: "long", .after(messageID: "m3"))), [])
        XCTAssertEqual(ids(try store.loadMessageWindow(sessionID: "long", .before(messageID: "m0"))), [])
        XCTAssertEqual(try store.loadMessageWindow(sessionID: "long", .before(messageID: "deleted")), MessageWindow(messages: []))
        // A message id of another session is not a position in this one.
        XCTAssertEqual(ids(try store.loadMessageWindow(sessionID: "long", .before(messageID: "o1"))), [])
        XCTAssertEqual(ids(try store.loadMessageWindow(sessionID: "none", .newest)), [])
        let all = try store.loadMessageWindow(sessionID: "long", .newest, limit: 100)
        XCTAssertEqual(all, MessageWindow(messages: try store.loadMessages(sessionID: "long")))
    }

    func testTheRequestHistoryIsEveryMessageWithWhatARequestNeeds() throws {
        let store = try store(count: 7)
        try store.saveMessage(
            Message(id: "m7", role: .assistant, content: "grow", createdAtMillis: 7, status: .streaming), sessionID: "long")
        try store.saveMessage(
            Message(id: "m7", role: .assistant, content: "growing", createdAtMillis: 7, status: .streaming), sessionID: "long")
        let history = try store.loadRequestHistory(sessionID: "long")
        XCTAssertEqual(history.map(\.id), (0..<8).map { "m\($0)" })
        XCTAssertEqual(history[5].status, .failed)
        XCTAssertEqual(history[7].content, "growing", "with the streaming tail")
        XCTAssertEqual(history[1].role, .assistant)
        XCTAssertNil(history[1].parameters, "only what a request needs")
    }
}
