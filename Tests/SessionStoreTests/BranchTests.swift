import ChatCore
import GRDB
import StreamProtocol
import XCTest
@testable import SessionStore

/// The conversation as a tree: edits and regenerated replies are siblings, the path shown is
/// one chain, and switching, deleting, forking and searching follow it.
final class BranchTests: XCTestCase {
    var store: SessionStore!

    override func setUpWithError() throws {
        store = try SessionStore(path: try makeTemporaryDirectory(self) + "/tree.sqlite")
        try store.createSession(session("s", updated: 1), parameters: SessionParameters())
        // u1 → a1 → u2 → a2
        for (index, message) in [user("u1", "first"), reply("a1", "one"), user("u2", "second"), reply("a2", "two")].enumerated() {
            var m = message
            m.createdAtMillis = Int64(index + 1)
            try store.saveMessage(m, sessionID: "s")
        }
    }

    func user(_ id: String, _ text: String, beside sibling: String? = nil) -> Message {
        var m = Message(id: id, role: .user, content: text, createdAtMillis: 10)
        if let sibling { m.placement = .besideMessage(sibling) }
        return m
    }

    func reply(_ id: String, _ text: String, beside sibling: String? = nil, temperature: Double? = nil) -> Message {
        var m = Message(
            id: id, role: .assistant, content: text, createdAtMillis: 10, parameters: SessionParameters(temperature: temperature))
        if let sibling { m.placement = .besideMessage(sibling) }
        return m
    }

    func path() throws -> [String] { try store.loadMessages(sessionID: "s").map(\.id) }

    func parent(of id: String) throws -> String? {
        var parent: String?
        try store.readForTesting { db in
            parent = try String.fetchOne(db, sql: "SELECT parent_id FROM message WHERE id = ?", arguments: [id])
        }
        return parent
    }

    func testALinearSessionIsAChainWithNoBranchPositions() throws {
        XCTAssertEqual(try path(), ["u1", "a1", "u2", "a2"])
        XCTAssertNil(try parent(of: "u1"))
        XCTAssertEqual(try parent(of: "a1"), "u1")
        XCTAssertEqual(try parent(of: "a2"), "u2")
        XCTAssertEqual(try store.loadMessages(sessionID: "s").map(\.branch), [nil, nil, nil, nil])
    }

    /// Compare's other columns: beside the first column's reply, the path left on it, so a
    /// run quit before a pick reopens on column 1 (it reopened on the last column saved).
    func testASiblingSavedOffThePathLeavesThePathWhereItWas() throws {
        var other = reply("a2b", "two, hotter", temperature: 1.4)
        other.placement = .besideMessageOffPath("a2")
        try store.saveMessage(other, sessionID: "s")
        XCTAssertEqual(try parent(of: "a2b"), "u2")
        XCTAssertEqual(try path(), ["u1", "a1", "u2", "a2"])
        XCTAssertEqual(try store.loadMessages(sessionID: "s").last?.branch?.index, 1)
        XCTAssertEqual(try store.loadMessages(sessionID: "s").last?.branch?.count, 2)
        // Saved again as it streams: still off the path.
        other.content += " and more"
        try store.saveMessage(other, sessionID: "s")
        XCTAssertEqual(try path(), ["u1", "a1", "u2", "a2"])
    }

    func testAnEditGoesBesideTheMessageAndTheOldBranchLeavesThePath() throws {
        try store.saveMessage(user("u2b", "second, better", beside: "u2"), sessionID: "s")
        XCTAssertEqual(try parent(of: "u2b"), "a1")
        XCTAssertEqual(try path(), ["u1", "a1", "u2b"])
        let shown = try store.loadMessages(sessionID: "s")
        XCTAssertEqual(shown.last?.branch, BranchPosition(index: 2, count: 2))
        XCTAssertNil(shown[1].branch)
        // The next message goes below the edit.
        try store.saveMessage(reply("a2b", "two, better"), sessionID: "s")
        XCTAssertEqual(try path(), ["u1", "a1", "u2b", "a2b"])
        XCTAssertEqual(try parent(of: "a2b"), "u2b")
    }

    func testARegeneratedReplyIsASiblingThatKnowsTheFirstVersionsParameters() throws {
        try store.saveMessage(reply("a2", "two"), sessionID: "s")  // re-saving never moves it
        var first = reply("a2", "two", temperature: 0.2)
        first.createdAtMillis = 4
        try store.saveMessage(first, sessionID: "s")
        try store.saveMessage(reply("a2b", "two again", beside: "a2", temperature: 1.2), sessionID: "s")
        try store.saveMessage(reply("a2c", "two thrice", beside: "a2b", temperature: 0.7), sessionID: "s")
        XCTAssertEqual(try path(), ["u1", "a1", "u2", "a2c"])
        XCTAssertEqual(
            try store.loadMessages(sessionID: "s").last?.branch,
            BranchPosition(index: 3, count: 3, firstParameters: SessionParameters(temperature: 0.2)))
    }

    func testSwitchingShowsTheSiblingWithItsNewestDescendants() throws {
        try store.saveMessage(user("u2b", "second, better", beside: "u2"), sessionID: "s")
        try store.saveMessage(reply("a2b", "two, better"), sessionID: "s")
        let back = try XCTUnwrap(store.switchBranch(sessionID: "s", from: "u2b", step: -1))
        XCTAssertEqual(back.messageID, "u2")
        XCTAssertEqual(back.window.messages.map(\.id), ["u1", "a1", "u2", "a2"])
        XCTAssertEqual(back.window.messages[2].branch, BranchPosition(index: 1, count: 2))
        XCTAssertEqual(try path(), ["u1", "a1", "u2", "a2"])
        // No version before the first or after the last.
        XCTAssertNil(try store.switchBranch(sessionID: "s", from: "u2", step: -1))
        XCTAssertNil(try store.switchBranch(sessionID: "s", from: "nope", step: 1))
        let forward = try XCTUnwrap(store.switchBranch(sessionID: "s", from: "u2", step: 1))
        XCTAssertEqual(forward.window.messages.map(\.id), ["u1", "a1", "u2b", "a2b"])
        // Growing the first branch again, then choosing it, follows its newest message.
        _ = try store.switchBranch(sessionID: "s", from: "u2b", step: -1)
        try store.saveMessage(user("u3", "third"), sessionID: "s")
        _ = try store.switchBranch(sessionID: "s", from: "u2", step: 1)
        XCTAssertEqual(try store.switchBranch(sessionID: "s", from: "u2b", step: -1)?.window.messages.map(\.id),
                       ["u1", "a1", "u2", "a2", "u3"])
    }

    func testEditingTheFirstMessageMakesASecondRoot() throws {
        try store.saveMessage(user("u1b", "first, again", beside: "u1"), sessionID: "s")
        XCTAssertNil(try parent(of: "u1b"))
        XCTAssertEqual(try path(), ["u1b"])
        XCTAssertEqual(try store.loadMessages(sessionID: "s").first?.branch, BranchPosition(index: 2, count: 2))
        XCTAssertEqual(try store.switchBranch(sessionID: "s", from: "u1b", step: -1)?.window.messages.map(\.id),
                       ["u1", "a1", "u2", "a2"])
    }

    func testWindowsAndCountsCoverThePathOnly() throws {
        try store.saveMessage(user("u2b", "second, better", beside: "u2"), sessionID: "s")
        let window = try store.loadMessageWindow(sessionID: "s", .newest, limit: 2)
        XCTAssertEqual(window.messages.map(\.id), ["a1", "u2b"])
        XCTAssertEqual(window.earlierCount, 1)
        XCTAssertEqual(window.laterCount, 0)
        // A message off the path has no window.
        XCTAssertEqual(try store.loadMessageWindow(sessionID: "s", .around(messageID: "a2")).messages, [])
        XCTAssertEqual(try store.loadRequestHistory(sessionID: "s").map(\.id), ["u1", "a1", "u2b"])
        XCTAssertEqual(try store.loadRequestHistory(sessionID: "s", before: "u2b").map(\.id), ["u1", "a1"])
        XCTAssertEqual(try store.messageIDs(containing: "second", sessionID: "s"), ["u2b"])
    }

    func testOpeningAMessageOffThePathSwitchesToItsBranch() throws {
        try store.saveMessage(user("u2b", "second, better", beside: "u2"), sessionID: "s")
        try store.showOnPath(messageID: "a2", sessionID: "s")
        XCTAssertEqual(try path(), ["u1", "a1", "u2", "a2"])
        try store.showOnPath(messageID: "u1", sessionID: "s")  // on the path already: nothing moves
        XCTAssertEqual(try path(), ["u1", "a1", "u2", "a2"])
    }

    func testDeletingAVersionShowsTheNewestOtherAndUndoPutsThePathBack() throws {
        try store.saveMessage(user("u2b", "second, better", beside: "u2"), sessionID: "s")
        try store.saveMessage(reply("a2b", "two, better"), sessionID: "s")
        XCTAssertEqual(try store.deleteMessages(from: "u2b", sessionID: "s", deletionID: "d1"), 2)
        XCTAssertEqual(try path(), ["u1", "a1", "u2", "a2"])
        XCTAssertEqual(try store.loadMessages(sessionID: "s").map(\.branch), [nil, nil, nil, nil])
        XCTAssertTrue(try store.restoreDeletion("d1"))
        XCTAssertEqual(try path(), ["u1", "a1", "u2b", "a2b"])
        XCTAssertEqual(try store.loadMessages(sessionID: "s")[2].branch, BranchPosition(index: 2, count: 2))
    }

    func testDeletingTakesEveryBranchBelowTheMessage() throws {
        try store.saveMessage(reply("a2b", "two again", beside: "a2"), sessionID: "s")
        XCTAssertEqual(try store.deleteMessages(from: "u2", sessionID: "s", deletionID: "d1"), 3)
        XCTAssertEqual(try path(), ["u1", "a1"])
        var left = 0
        try store.readForTesting { db in left = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM message") ?? 0 }
        XCTAssertEqual(left, 2)
        XCTAssertTrue(try store.restoreDeletion("d1"))
        XCTAssertEqual(try path(), ["u1", "a1", "u2", "a2b"])
        _ = try store.switchBranch(sessionID: "s", from: "a2b", step: -1)
        XCTAssertEqual(try path(), ["u1", "a1", "u2", "a2"])
    }

    func testAForkCopiesThePathShownAsOneChain() throws {
        try store.saveMessage(reply("a2b", "two again", beside: "a2"), sessionID: "s")
        try store.forkSession("s", upTo: nil, into: session("f", updated: 2))
        let copied = try store.loadMessages(sessionID: "f")
        XCTAssertEqual(copied.map(\.id), ["f-u1", "f-a1", "f-u2", "f-a2b"])
        XCTAssertEqual(copied.map(\.branch), [nil, nil, nil, nil])
        XCTAssertEqual(try parent(of: "f-a2b"), "f-u2")
        XCTAssertNil(try parent(of: "f-u1"))
    }

    func testSwitchingBranchesDoesNotRewriteTheSearchIndex() throws {
        try store.saveMessage(user("u2b", "zebra crossing", beside: "u2"), sessionID: "s")
        _ = try store.switchBranch(sessionID: "s", from: "u2b", step: -1)
        _ = try store.switchBranch(sessionID: "s", from: "u2", step: 1)
        XCTAssertEqual(try store.searchMessages("zebra", limit: 5).map(\.messageID), ["u2b"])
        XCTAssertEqual(try store.searchMessages("second", limit: 5).map(\.messageID), ["u2"])
        // Throws SQLITE_CORRUPT_VTAB when the index and the table disagree.
        XCTAssertNoThrow(try store.executeForTesting(sql: "INSERT INTO message_fts(message_fts, rank) VALUES('integrity-check', 1)"))
    }
}
