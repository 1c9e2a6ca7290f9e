import ChatCore
import StreamProtocol
import XCTest
@testable import SessionStore

/// A word said in every message of a large history: the search shows many sessions, newest
/// first, not every match of the one long session that holds the newest of them.
final class CommonWordSearchTests: XCTestCase {
    private func history() throws -> SessionStore {
        let store = try SessionStore.inMemory()
        for index in 0..<120 {
            try store.importSession(
                SessionSummary(id: "s\(index)", title: "Session \(index)", createdAtMillis: 1, updatedAtMillis: Int64(1_000 + index)),
                parameters: SessionParameters(),
                messages: (0..<4).map { turn in
                    Message(id: "s\(index)-\(turn)", role: turn % 2 == 0 ? .user : .assistant,
                            content: "| turn | note |\n|:--|--:|\n| \(turn) | the **history** of session \(index) |", createdAtMillis: Int64(turn))
                })
        }
        // The newest session, longer than a page of the index's matches.
        try store.importSession(
            SessionSummary(id: "long", title: "Long", createdAtMillis: 1, updatedAtMillis: 9_999),
            parameters: SessionParameters(),
            messages: (0..<(SessionStore.searchPageSize + 500)).map {
                Message(id: "long-\($0)", role: .user, content: "history again, number \($0)", createdAtMillis: Int64($0))
            })
        return store
    }

    func testTheAppsSearchShowsTheNewestSessionsFirstEachWithItsMatch() throws {
        let store = try history()
        let hits = try store.searchSessions("hist", limit: 50)
        XCTAssertEqual(hits.count, 50)
        XCTAssertEqual(hits.map(\.summary.id), ["long"] + (71..<120).reversed().map { "s\($0)" }, "newest first")
        XCTAssertEqual(hits[0].messageID, "long-\(SessionStore.searchPageSize + 499)", "the session's newest match")
        XCTAssertEqual(hits[1].messageID, "s119-3")
        XCTAssertEqual(hits[1].snippet, "turn · note 3 · the \u{1}history\u{2} of session 119", "plain words, the match marked")
    }

    func testTheCommandShowsAFewMessagesOfEachOfManySessions() throws {
        let store = try history()
        let hits = try store.searchMessagesBySession("history", limit: 20, perSession: 3)
        XCTAssertEqual(hits.count, 20)
        XCTAssertEqual(Array(Set(hits.map(\.sessionID))).count, 7)
        XCTAssertEqual(hits.prefix(4).map(\.messageID), ["long-2499", "long-2498", "long-2497", "s119-3"])
        // Before: the best-ranked 20 matches, all of one session.
        XCTAssertEqual(Set(try store.searchMessages("history", limit: 20).map(\.sessionID)).count, 1)
    }

    /// Sessions holding fewer matches than `perSession`: `--limit 20` still lists 20 hits (from
    /// more sessions), not 20 / perSession sessions' worth (it listed 14).
    func testTheLimitIsFilledWhenSessionsHoldFewMatches() throws {
        let store = try SessionStore.inMemory()
        for index in 0..<60 {
            try store.importSession(
                SessionSummary(id: "z\(index)", title: "Z \(index)", createdAtMillis: 1, updatedAtMillis: Int64(1_000 + index)),
                parameters: SessionParameters(),
                messages: (0..<4).map { (turn: Int) -> Message in
                    let asks = turn % 2 == 0
                    let content = asks ? "about the zebra, turn \(turn)" : "nothing here"
                    return Message(id: "z\(index)-\(turn)", role: asks ? .user : .assistant, content: content, createdAtMillis: Int64(turn))
                })
        }
        let hits = try store.searchMessagesBySession("zebra", limit: 20, perSession: 3)
        XCTAssertEqual(hits.count, 20)
        XCTAssertEqual(Set(hits.map(\.sessionID)).count, 10, "two hits from each of the ten newest sessions")
        XCTAssertEqual(hits.first?.sessionID, "z59")
    }

    func testAWordSaidInFewPlacesIsStillRankedByTheIndex() throws {
        let store = try history()
        try store.importSession(
            SessionSummary(id: "rare", title: "Rare", createdAtMillis: 1, updatedAtMillis: 5),
            parameters: SessionParameters(), messages: [Message(id: "r", role: .user, content: "a quokka smiles", createdAtMillis: 1)])
        XCTAssertEqual(try store.searchSessions("quok", limit: 50).map(\.messageID), ["r"])
        XCTAssertEqual(try store.searchMessagesBySession("quokka", limit: 20).map(\.messageID), ["r"])
    }
}
