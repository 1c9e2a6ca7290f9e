import ChatCore
import Foundation
import GRDB
import StreamProtocol
import XCTest
@testable import SessionStore

/// A streaming reply's saves append what it gained (message_tail) instead of rewriting the
/// whole text and its index entry: linear, not quadratic, in the reply's length.
final class StreamingTailTests: XCTestCase {
    private func store() throws -> (SessionStore, String) {
        let path = try makeTemporaryDirectory(self) + "/chatterm.sqlite"
        let store = try SessionStore(path: path)
        try store.createSession(session("s", updated: 1), parameters: SessionParameters())
        try store.saveMessage(userMessage("u", "question", at: 2), sessionID: "s")
        return (store, path)
    }

    private func tailTexts(_ path: String) throws -> [String] {
        try DatabaseQueue(path: path).read { db in
            try String.fetchAll(db, sql: "SELECT text FROM message_tail WHERE message_id = 'a' ORDER BY seq")
        }
    }

    private func storedContent(_ path: String) throws -> String? {
        try DatabaseQueue(path: path).read { db in
            try String.fetchOne(db, sql: "SELECT content FROM message WHERE id = 'a'")
        }
    }

    func testEachSaveWritesOnlyWhatTheReplyGainedAndTheFinalSaveFoldsItIn() throws {
        let (store, path) = try store()
        var reply = Message(id: "a", role: .assistant, content: "", createdAtMillis: 3, status: .streaming)
        try store.saveMessage(reply, sessionID: "s")
        for piece in ["Hello", ", wörld", " 日本 👍🏽", "", " e\u{301}nd"] {
            reply.content += piece
            try store.saveMessage(reply, sessionID: "s")
        }
        XCTAssertEqual(try storedContent(path), "", "the row keeps its first text while streaming")
        XCTAssertEqual(try tailTexts(path), ["Hello", ", wörld", " 日本 👍🏽", " e\u{301}nd"], "an unchanged save writes nothing")
        XCTAssertEqual(try store.loadMessages(sessionID: "s").last?.content, reply.content, "loading joins the pieces")
        XCTAssertEqual(try store.searchMessages("wörld", limit: 5).count, 0, "not indexed while it streams")

        reply.status = .complete
        try store.saveMessage(reply, sessionID: "s")
        XCTAssertEqual(try storedContent(path), reply.content)
        XCTAssertEqual(try tailTexts(path), [])
        XCTAssertEqual(try store.loadMessages(sessionID: "s").last?.content, reply.content)
        XCTAssertEqual(try store.searchMessages("wörld", limit: 5).map(\.messageID), ["a"])
    }

    func testAReplyCutOffByACrashLoadsWithEverySavedPiece() throws {
        let (store, path) = try store()
        var reply = Message(id: "a", role: .assistant, content: "", createdAtMillis: 3, status: .streaming)
        try store.saveMessage(reply, sessionID: "s")
        reply.content = "partial answer"
        try store.saveMessage(reply, sessionID: "s")
        // Another process (the next launch) reads the file as the crashed one left it.
        let reopened = try SessionStore(path: path)
        let loaded = try reopened.loadMessages(sessionID: "s")
        XCTAssertEqual(loaded.last?.content, "partial answer")
        XCTAssertEqual(loaded.last?.status, .streaming, "the reducer shows it as interrupted")
    }

    func testDeletingTheSessionDeletesThePieces() throws {
        let (store, path) = try store()
        var reply = Message(id: "a", role: .assistant, content: "", createdAtMillis: 3, status: .streaming)
        try store.saveMessage(reply, sessionID: "s")
        reply.content = "x"
        try store.saveMessage(reply, sessionID: "s")
        try store.deleteSession(id: "s")
        XCTAssertEqual(try tailTexts(path), [])
    }

    func testBytesWrittenGrowLinearlyWithTheReply() throws {
        let (store, path) = try store()
        var reply = Message(id: "a", role: .assistant, content: "", createdAtMillis: 3, status: .streaming)
        for index in 0..<500 {
            reply.content += "token\(index) "
            try store.saveMessage(reply, sessionID: "s")
        }
        let tail = try tailTexts(path).joined()
        XCTAssertEqual(tail.unicodeScalars.count + (try storedContent(path)?.unicodeScalars.count ?? 0),
                       reply.content.unicodeScalars.count, "each character is written once")
    }
}
