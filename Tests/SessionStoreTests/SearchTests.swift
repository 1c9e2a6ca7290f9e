import ChatCore
import StreamProtocol
import XCTest
@testable import SessionStore

final class SearchTests: XCTestCase {
    func testFindsWordsAndPrefixesAcrossSessions() throws {
        let store = try SessionStore.inMemory()
        try store.createSession(session("a", updated: 1), parameters: SessionParameters())
        try store.createSession(session("b", updated: 1), parameters: SessionParameters())
        try store.saveMessage(userMessage("a1", "How do I parse JSON in Swift?", at: 1), sessionID: "a")
        try store.saveMessage(userMessage("b1", "Write a haiku about the sea", at: 2), sessionID: "b")

        let hits = try store.searchMessages("json", limit: 10)
        XCTAssertEqual(hits.count, 1)
        XCTAssertEqual(hits.first?.sessionID, "a")
        XCTAssertEqual(hits.first?.messageID, "a1")
        XCTAssertTrue(try XCTUnwrap(hits.first?.snippet).contains("JSON"))

        XCTAssertEqual(try store.searchMessages("hai", limit: 10).map(\.messageID), ["b1"], "prefix match")
        XCTAssertEqual(try store.searchMessages("haiku json", limit: 10).count, 0, "all words must match")
        XCTAssertEqual(try store.searchMessages("", limit: 10).count, 0)
        XCTAssertEqual(try store.searchMessages("json", limit: 0).count, 0)
    }

    func testIndexFollowsStreamingUpdates() throws {
        let store = try SessionStore.inMemory()
        try store.createSession(session("a", updated: 1), parameters: SessionParameters())
        var reply = Message(id: "r", role: .assistant, content: "alpha", createdAtMillis: 1, status: .streaming)
        try store.saveMessage(reply, sessionID: "a")
        reply.content = "beta gamma"
        try store.saveMessage(reply, sessionID: "a")

        XCTAssertEqual(try store.searchMessages("alpha", limit: 10).count, 0)
        XCTAssertEqual(try store.searchMessages("gamma", limit: 10).map(\.messageID), ["r"])
    }

    func testQuerySyntaxIsNeverInterpretedBySQLite() throws {
        let store = try SessionStore.inMemory()
        try store.createSession(session("a", updated: 1), parameters: SessionParameters())
        try store.saveMessage(userMessage("a1", "error: unexpected token", at: 1), sessionID: "a")
        for hostile in ["\"", "a OR", "NEAR(", "content:x", "*", "(", "'; DROP TABLE message; --"] {
            XCTAssertNoThrow(try store.searchMessages(hostile, limit: 5), hostile)
        }
        XCTAssertEqual(try store.searchMessages("\"unexpected\" (token", limit: 5).map(\.messageID), ["a1"])
    }
}
