import ChatCore
import GRDB

// Listings for `chatterm sessions`: counts and models beside the summaries.
extension SessionStore {
    /// At most `limit` sessions, most recently updated first, each with its message count and
    /// latest model (both read by index: `(session_id, seq)`).
    public func listSessionListings(limit: Int) throws(StoreError) -> [SessionListing] {
        try perform {
            try writer.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT s.id, s.title, s.created_at, s.updated_at,
                               (SELECT COUNT(*) FROM message m WHERE m.session_id = s.id) AS message_count,
                               (SELECT m.model FROM message m WHERE m.session_id = s.id AND m.model IS NOT NULL
                                ORDER BY m.seq DESC LIMIT 1) AS model
                        FROM session s
                        ORDER BY s.updated_at DESC, s.created_at DESC, s.id LIMIT ?
                        """,
                    arguments: [max(0, limit)]
                ).map { row in
                    SessionListing(
                        summary: SessionSummary(
                            id: row["id"] ?? "", title: row["title"] ?? "",
                            createdAtMillis: row["created_at"] ?? 0, updatedAtMillis: row["updated_at"] ?? 0),
                        messageCount: row["message_count"] ?? 0, model: row["model"])
                }
            }
        }
    }

    /// The summary of one session, nil when there is none with that id.
    public func sessionSummary(id: String) throws(StoreError) -> SessionSummary? {
        try perform {
            try writer.read { db in
                try Row.fetchOne(
                    db, sql: "SELECT id, title, created_at, updated_at FROM session WHERE id = ?", arguments: [id]
                ).map { row in
                    SessionSummary(
                        id: row["id"] ?? "", title: row["title"] ?? "",
                        createdAtMillis: row["created_at"] ?? 0, updatedAtMillis: row["updated_at"] ?? 0)
                }
            }
        }
    }

    /// How many messages session `id` holds.
    public func messageCount(sessionID id: String) throws(StoreError) -> Int {
        try perform {
            try writer.read { db in
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM message WHERE session_id = ?", arguments: [id]) ?? 0
            }
        }
    }
}
