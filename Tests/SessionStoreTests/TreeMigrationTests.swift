import ChatCore
import GRDB
import XCTest
@testable import SessionStore

/// Migration v5 turns every session written by an earlier chatterm into a chain: each
/// message's parent is the one before it, all of it on the path, from each earlier schema.
final class TreeMigrationTests: XCTestCase {
    /// A file migrated up to `version`, holding two sessions of three messages whose rows were
    /// inserted out of order (the chain follows seq, not insertion), and from v3 on a reply cut
    /// off while streaming (its text partly in `message_tail`).
    func makeDatabase(upTo version: String) throws -> String {
        let path = try makeTemporaryDirectory(self) + "/\(version).sqlite"
        let queue = try DatabaseQueue(path: path)
        try StoreSchema.migrator.migrate(queue, upTo: version)
        try queue.write { db in
            for session in ["s1", "s2"] {
                try db.execute(
                    sql: "INSERT INTO session (id, title, created_at, updated_at, parameters_json) VALUES (?, ?, 1, 2, NULL)",
                    arguments: [session, "Title " + session])
                for (seq, role) in [(3, "user"), (1, "user"), (2, "assistant")] {
                    try db.execute(
                        sql: """
                            INSERT INTO message (id, session_id, seq, role, content, status, created_at)
                            VALUES (?, ?, ?, ?, ?, 'complete', ?)
                            """,
                        arguments: ["\(session)-\(seq)", session, seq, role, "\(session) text \(seq) okapi", seq])
                }
            }
            if version >= "v3" {
                try db.execute(sql: "UPDATE message SET status = 'streaming' WHERE id = 's2-2'")
                try db.execute(sql: "INSERT INTO message_tail (message_id, seq, text) VALUES ('s2-2', 1, ' and more')")
            }
        }
        try queue.close()
        return path
    }

    func testEveryEarlierSchemaBecomesChains() throws {
        for version in ["v1", "v2", "v3", "v4"] {
            let store = try SessionStore(path: try makeDatabase(upTo: version))
            for session in ["s1", "s2"] {
                let messages = try store.loadMessages(sessionID: session)
                XCTAssertEqual(messages.map(\.id), ["\(session)-1", "\(session)-2", "\(session)-3"], version)
                XCTAssertEqual(messages.map(\.branch), [nil, nil, nil], version)
                var parents: [String?] = []
                try store.readForTesting { db in
                    parents = try Row.fetchAll(
                        db, sql: "SELECT parent_id FROM message WHERE session_id = ? ORDER BY seq", arguments: [session]
                    ).map { $0["parent_id"] }
                }
                XCTAssertEqual(parents, [nil, "\(session)-1", "\(session)-2"], version)
            }
            if version >= "v3" {
                XCTAssertEqual(try store.loadMessages(sessionID: "s2")[1].content, "s2 text 2 okapi and more", version)
            }
            XCTAssertEqual(try store.searchMessages("okapi", limit: 10).count, 6, version)
            XCTAssertNoThrow(
                try store.executeForTesting(sql: "INSERT INTO message_fts(message_fts, rank) VALUES('integrity-check', 1)"), version)

            // The upgraded file grows as a tree: a new message follows the chain, an edit
            // branches from it, and editing text still reaches the search index.
            try store.saveMessage(Message(id: "n1", role: .user, content: "next", createdAtMillis: 9), sessionID: "s1")
            XCTAssertEqual(try store.loadMessages(sessionID: "s1").map(\.id), ["s1-1", "s1-2", "s1-3", "n1"], version)
            var edit = Message(id: "n2", role: .user, content: "edited", createdAtMillis: 10)
            edit.placement = .besideMessage("s1-3")
            try store.saveMessage(edit, sessionID: "s1")
            XCTAssertEqual(try store.loadMessages(sessionID: "s1").map(\.id), ["s1-1", "s1-2", "n2"], version)
            var changed = try XCTUnwrap(store.loadMessages(sessionID: "s1").first)
            changed.content = "capybara"
            try store.saveMessage(changed, sessionID: "s1")
            XCTAssertEqual(try store.searchMessages("capybara", limit: 5).map(\.messageID), ["s1-1"], version)
            XCTAssertEqual(try store.searchMessages("okapi", limit: 10).count, 5, version)
            try store.close()
        }
    }
}
