import ChatCore
import Foundation
import GRDB
import StreamProtocol
import XCTest
@testable import SessionStore

/// MCP tools (issue 23) in the store: a `tool` message keeps how its call ran (`tool_run_json`),
/// each session keeps the tools it switched off (`session_tool_switches`), and a database an
/// older chatterm left (up to v9) upgrades with neither.
final class ToolRunStoreTests: XCTestCase {
    private func toolResult(_ id: String, _ run: ToolRunRecord?) -> Message {
        var message = Message(id: id, role: .tool, content: "contents of a.txt", createdAtMillis: 3_000)
        message.toolCallID = "call_\(id)"
        message.toolRun = run
        return message
    }

    func testAToolRunRoundTripsWithItsMessage() throws {
        let store = try SessionStore(path: try makeTemporaryDirectory(self) + "/s.sqlite")
        try store.createSession(session("s1", updated: 1), parameters: SessionParameters())
        let ran = toolResult("t0", ToolRunRecord(server: "files", tool: "read", outcome: .succeeded, elapsedMillis: 450))
        let refused = toolResult("t1", ToolRunRecord(server: "files", tool: "read", outcome: .refused))
        let byHand = toolResult("t2", nil)
        for message in [ran, refused, byHand] { try store.saveMessage(message, sessionID: "s1") }
        XCTAssertEqual(try store.loadMessages(sessionID: "s1"), [ran, refused, byHand])

        // Saved again (a result is saved once, but a save must never lose the record).
        try store.saveMessage(ran, sessionID: "s1")
        XCTAssertEqual(try store.loadMessages(sessionID: "s1").first?.toolRun, ran.toolRun)
    }

    func testAnUnreadableRecordKeepsTheResult() throws {
        let store = try SessionStore(path: try makeTemporaryDirectory(self) + "/s.sqlite")
        try store.createSession(session("s1", updated: 1), parameters: SessionParameters())
        try store.saveMessage(toolResult("t0", ToolRunRecord(server: "files", tool: "read", outcome: .succeeded)), sessionID: "s1")
        try store.executeForTesting(sql: #"UPDATE message SET tool_run_json = '{"server":"files","tool":"read","outcome":"teleported"}'"#)
        let loaded = try store.loadMessages(sessionID: "s1")
        XCTAssertEqual(loaded.map(\.content), ["contents of a.txt"])
        XCTAssertNil(loaded.first?.toolRun)
    }

    func testTheJSONExportCarriesItAndTheMarkdownSaysIt() throws {
        let store = try SessionStore(path: try makeTemporaryDirectory(self) + "/s.sqlite")
        try store.createSession(session("s1", updated: 1), parameters: SessionParameters())
        let ran = toolResult("t0", ToolRunRecord(server: "files", tool: "read", outcome: .timedOut, elapsedMillis: 60_000))
        try store.saveMessage(ran, sessionID: "s1")
        let archive = try XCTUnwrap(store.exportArchive(sessionID: "s1"))
        XCTAssertEqual(archive.messages.first?.toolRun, ran.toolRun)
        let json = String(decoding: try archive.encoded(), as: UTF8.self)
        XCTAssertTrue(json.contains(#""outcome" : "timed-out""#) || json.contains(#""outcome":"timed-out""#), json)

        let markdown = ConversationMarkdown.text(of: [ran])
        XCTAssertTrue(markdown.contains("## Tool result (call_t0)\n\n*result of files · read (timed-out)*\n\n"), markdown)
    }

    func testSwitchesAreSavedWholeAndLoadedPerSession() throws {
        let store = try SessionStore(path: try makeTemporaryDirectory(self) + "/s.sqlite")
        try store.createSession(session("s1", updated: 1), parameters: SessionParameters())
        try store.createSession(session("s2", updated: 2), parameters: SessionParameters())
        XCTAssertEqual(try store.loadToolSwitches(sessionID: "s1"), [], "every tool is on until switched off")
        try store.saveToolSwitches(sessionID: "s1", switchedOff: ["files__read", "files__list"])
        try store.saveToolSwitches(sessionID: "s2", switchedOff: ["web__fetch"])
        XCTAssertEqual(try store.loadToolSwitches(sessionID: "s1"), ["files__list", "files__read"])
        try store.saveToolSwitches(sessionID: "s1", switchedOff: ["files__list"])
        XCTAssertEqual(try store.loadToolSwitches(sessionID: "s1"), ["files__list"])
        XCTAssertEqual(try store.loadToolSwitches(sessionID: "s2"), ["web__fetch"])

        XCTAssertThrowsError(try store.saveToolSwitches(sessionID: "gone", switchedOff: ["x"]), "no such session: said, not kept")
        try store.deleteSession(id: "s2")
        XCTAssertEqual(try store.loadToolSwitches(sessionID: "s2"), [], "they go with their session")

        // And come back with it when its delete is undone.
        XCTAssertTrue(try store.deleteSession(id: "s1", deletionID: "del-1"))
        XCTAssertEqual(try store.loadToolSwitches(sessionID: "s1"), [])
        XCTAssertTrue(try store.restoreDeletion("del-1"))
        XCTAssertEqual(try store.loadToolSwitches(sessionID: "s1"), ["files__list"])
    }

    /// A file as chatterm left it before tools ran: migrations up to v9, a tool result typed by
    /// hand. It upgrades in place; the result reads back without a record, and switches work.
    func testADatabaseFromBeforeToolRunsUpgrades() throws {
        let path = try makeTemporaryDirectory(self) + "/old.sqlite"
        let queue = try DatabaseQueue(path: path)
        try StoreSchema.migrator.migrate(queue, upTo: "v9")
        try queue.write { db in
            try db.execute(sql: "INSERT INTO session (id, title, created_at, updated_at) VALUES ('s1', 'Old', 1, 2)")
            try db.execute(sql: """
                INSERT INTO message (id, session_id, seq, role, content, status, created_at, tool_call_id, on_path)
                VALUES ('t1', 's1', 1, 'tool', 'typed by hand', 'complete', 5, 'call_1', 1)
                """)
        }
        try queue.close()

        let store = try SessionStore(path: path)
        var expected = Message(id: "t1", role: .tool, content: "typed by hand", createdAtMillis: 5)
        expected.toolCallID = "call_1"
        XCTAssertEqual(try store.loadMessages(sessionID: "s1"), [expected])
        try store.saveToolSwitches(sessionID: "s1", switchedOff: ["files__read"])
        XCTAssertEqual(try store.loadToolSwitches(sessionID: "s1"), ["files__read"])
        let ran = toolResult("t2", ToolRunRecord(server: "files", tool: "read", outcome: .stopped, elapsedMillis: 7))
        try store.saveMessage(ran, sessionID: "s1")
        XCTAssertEqual(try store.loadMessages(sessionID: "s1").last, ran)
    }
}
