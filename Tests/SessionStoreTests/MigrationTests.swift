import ChatCore
import Foundation
import GRDB
import StreamProtocol
import XCTest
@testable import SessionStore

/// A database written by chatterm before migration v2 (issues 3 and 4) must open, upgrade in
/// place, and load everything it held, with the new fields unset.
final class MigrationTests: XCTestCase {
    /// The JSON the first release wrote for `SessionParameters` (synthesised keys, sorted).
    static let version1ParametersJSON = """
        {"frequencyPenalty":-0.5,"maxTokens":512,"model":"gpt-4o","presencePenalty":1.25,"seed":42,\
        "stop":["END","\\n\\n"],"systemPrompt":"Be terse.","temperature":0.7,"topP":0.9,"user":"dev-1"}
        """
    static let version1Parameters = SessionParameters(
        model: "gpt-4o", systemPrompt: "Be terse.", temperature: 0.7, topP: 0.9, maxTokens: 512,
        frequencyPenalty: -0.5, presencePenalty: 1.25, seed: 42, stop: ["END", "\n\n"], user: "dev-1"
    )

    /// Builds a file exactly as the first release left it: only migration v1, rows of its shape.
    func makeVersion1Database() throws -> String {
        let path = try makeTemporaryDirectory(self) + "/old.sqlite"
        let queue = try DatabaseQueue(path: path)
        try StoreSchema.migrator.migrate(queue, upTo: "v1")
        try queue.write { db in
            try db.execute(
                sql: "INSERT INTO session (id, title, created_at, updated_at, parameters_json) VALUES (?, ?, ?, ?, ?)",
                arguments: ["s1", "Old question", 100, 300, Self.version1ParametersJSON]
            )
            try db.execute(
                sql: """
                    INSERT INTO message (id, session_id, seq, role, content, status, error_json, trace_id,
                                         document_chunks_json, model, parameters_json, created_at)
                    VALUES ('u1', 's1', 1, 'user', 'Old question', 'complete', NULL, NULL, NULL, NULL, NULL, 200),
                           ('a1', 's1', 2, 'assistant', 'Old answer about zebras', 'failed',
                            '{"code":"RateLimitError","message":"Slow down","status":429}', 'trace-1',
                            NULL, 'gpt-4o-2024', ?, 300)
                    """,
                arguments: [Self.version1ParametersJSON]
            )
        }
        try queue.close()
        return path
    }

    func testVersion1DatabaseUpgradesAndLoadsWithNewFieldsUnset() throws {
        let path = try makeVersion1Database()
        let store = try SessionStore(path: path)

        XCTAssertEqual(
            try store.listSessions(),
            [SessionSummary(id: "s1", title: "Old question", createdAtMillis: 100, updatedAtMillis: 300)]
        )
        let parameters = try XCTUnwrap(store.loadParameters(sessionID: "s1"))
        XCTAssertEqual(parameters, Self.version1Parameters)
        XCTAssertNil(parameters.logitBias)
        XCTAssertNil(parameters.repositoryIDs)
        XCTAssertNil(parameters.projectID)

        let messages = try store.loadMessages(sessionID: "s1")
        XCTAssertEqual(messages, [
            Message(id: "u1", role: .user, content: "Old question", createdAtMillis: 200),
            Message(
                id: "a1", role: .assistant, content: "Old answer about zebras", createdAtMillis: 300, status: .failed,
                error: APIError(status: 429, code: "RateLimitError", message: "Slow down"), traceID: "trace-1",
                model: "gpt-4o-2024", parameters: Self.version1Parameters, request: nil, stats: nil
            ),
        ])
        // The search index built by v1 still finds old text, and presets work on the old file.
        XCTAssertEqual(try store.searchMessages("zebras", limit: 5).map(\.messageID), ["a1"])
        try store.savePreset(Preset(name: "p", parameters: parameters), updatedAtMillis: 1)
        XCTAssertEqual(try store.listPresets().map(\.name), ["p"])

        // New records go into the upgraded file next to the old ones.
        var reply = messages[1]
        reply.stats = ReplyStats(timeToFirstTokenMillis: 5, totalMillis: 10, deltaCount: 1)
        try store.saveMessage(reply, sessionID: "s1")
        XCTAssertEqual(try store.loadMessages(sessionID: "s1")[1].stats, reply.stats)
    }

    func testUpgradeRecordsBothMigrationsAndIsIdempotent() throws {
        let path = try makeVersion1Database()
        _ = try SessionStore(path: path)
        _ = try SessionStore(path: path)  // a second open finds nothing to do
        let queue = try DatabaseQueue(path: path)
        try queue.read { db in
            XCTAssertEqual(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier"), ["v1", "v10", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9"])
            XCTAssertEqual(try db.columns(in: "message_tail").map(\.name), ["message_id", "seq", "text"])
            let messageColumns = try db.columns(in: "message").map(\.name)
            XCTAssertTrue(messageColumns.contains("request_json"))
            XCTAssertTrue(messageColumns.contains("stats_json"))
            XCTAssertEqual(try db.columns(in: "preset").map(\.name), ["name", "parameters_json", "updated_at"])
            XCTAssertEqual(try db.primaryKey("preset").columns, ["name"])
        }
    }
}
