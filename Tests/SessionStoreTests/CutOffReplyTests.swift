import ChatCore
import Foundation
import GRDB
import StreamProtocol
import XCTest
@testable import SessionStore

/// A reply saved as streaming by a chatterm that was killed is marked interrupted when the file
/// is next opened; one that another open store is streaming right now is left alone.
final class CutOffReplyTests: XCTestCase {
    private func streamingReply(in path: String) throws -> SessionStore {
        let store = try SessionStore(path: path)
        try store.createSession(session("s", updated: 1), parameters: SessionParameters())
        try store.saveMessage(userMessage("u", "question", at: 2), sessionID: "s")
        var reply = Message(id: "a", role: .assistant, content: "Hello", createdAtMillis: 3, status: .streaming)
        try store.saveMessage(reply, sessionID: "s")
        reply.content += ", world"
        try store.saveMessage(reply, sessionID: "s")
        return store
    }

    private func storedStatus(_ path: String) throws -> String? {
        try DatabaseQueue(path: path).read { db in try String.fetchOne(db, sql: "SELECT status FROM message WHERE id = 'a'") }
    }

    func testAReplyWhoseStoreIsGoneIsMarkedInterruptedAtTheNextOpenWithItsText() throws {
        let path = try makeTemporaryDirectory(self) + "/chatterm.sqlite"
        var writer: SessionStore? = try streamingReply(in: path)
        XCTAssertNotNil(writer)
        writer = nil  // as a kill -9 leaves it: no final save, the lock dropped with the process's files
        XCTAssertEqual(try storedStatus(path), "streaming")

        let reopened = try SessionStore(path: path)
        XCTAssertEqual(try storedStatus(path), "interrupted")
        let reply = try XCTUnwrap(try reopened.loadMessages(sessionID: "s").last)
        XCTAssertEqual(reply.status, .interrupted)
        XCTAssertEqual(reply.content, "Hello, world", "the streamed pieces are kept")
        XCTAssertEqual(try reopened.exportArchive(sessionID: "s")?.messages.last?.status, "interrupted")
    }

    func testAReplyAnotherOpenStoreIsStreamingIsLeftAlone() throws {
        let path = try makeTemporaryDirectory(self) + "/chatterm.sqlite"
        let writer = try streamingReply(in: path)
        let other = try SessionStore(path: path)
        XCTAssertEqual(try other.markCutOffReplies(), [])
        XCTAssertEqual(try storedStatus(path), "streaming")

        // It goes on streaming and ends as usual.
        let reply = Message(id: "a", role: .assistant, content: "Hello, world!", createdAtMillis: 3, status: .complete)
        try writer.saveMessage(reply, sessionID: "s")
        XCTAssertEqual(try storedStatus(path), "complete")
        XCTAssertEqual(try other.loadMessages(sessionID: "s").last?.content, "Hello, world!")
        try DatabaseQueue(path: path).read { db in
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM message_stream_owner"), 0, "an ended reply has no owner")
        }
    }

    func testAReplySavedAsStreamingWithoutAnOwnerIsCutOff() throws {
        // What an older chatterm (before owners were recorded) or a hand edit leaves.
        let path = try makeTemporaryDirectory(self) + "/chatterm.sqlite"
        let store = try SessionStore(path: path)
        try store.createSession(session("s", updated: 1), parameters: SessionParameters())
        try store.saveMessage(
            Message(id: "a", role: .assistant, content: "partial", createdAtMillis: 3, status: .complete), sessionID: "s")
        try store.executeForTesting(sql: "UPDATE message SET status = 'streaming' WHERE id = 'a'")
        XCTAssertEqual(try store.markCutOffReplies(), ["a"])
        XCTAssertEqual(try store.loadMessages(sessionID: "s").last?.status, .interrupted)
    }
}
