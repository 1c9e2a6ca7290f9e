import ChatCore
import GRDB

// The sessions list: pages of summaries (the pane), listings with counts and models
// (`chatterm sessions`), ids by prefix.
extension SessionStore {
    /// At most `limit` sessions, most recently updated first.
    public func listSessions(limit: Int = 500) throws(StoreError) -> [SessionSummary] {
        try perform {
            try writer.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT id, title, created_at, updated_at FROM session
                        ORDER BY updated_at DESC, created_at DESC, id LIMIT ?
                        """,
                    arguments: [max(0, limit)]
                ).map { row in
                    SessionSummary(
                        id: row["id"] ?? "",
                        title: row["title"] ?? "",
                        createdAtMillis: row["created_at"] ?? 0,
                        updatedAtMillis: row["updated_at"] ?? 0
                    )
                }
            }
        }
    }

    /// The page of at most `limit` sessions that follows `last` in the list's order (most
    /// recently updated first): keyset paging on the `updated_at` index, as fast for the last
    /// page of 100,000 sessions as for the first.
    public func listSessions(after last: SessionSummary, limit: Int) throws(StoreError) -> [SessionSummary] {
        try perform {
            try writer.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT id, title, created_at, updated_at FROM session
                        WHERE updated_at < ?1 OR (updated_at = ?1 AND (created_at < ?2 OR (created_at = ?2 AND id > ?3)))
                        ORDER BY updated_at DESC, created_at DESC, id LIMIT ?4
                        """,
                    arguments: [last.updatedAtMillis, last.createdAtMillis, last.id, max(0, limit)]
                ).map { row in
                    SessionSummary(
                        id: row["id"] ?? "", title: row["title"] ?? "",
                        createdAtMillis: row["created_at"] ?? 0, updatedAtMillis: row["updated_at"] ?? 0)
                }
            }
        }
    }

    /// The ids of sessions whose id starts with `prefix`, at most `limit` (sorted), so a caller
    /// can accept an unambiguous prefix (`chatterm ask --session 3f2a`).
    /// A number that changes whenever another connection (another chatterm, a script) commits
    /// to the database, and only then: SQLite's `data_version` as the writing connection sees
    /// it, so this store's own writes do not count.
    public func outsideChangeCount() throws(StoreError) -> Int {
        try perform {
            try writer.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0 }
        }
    }

    /// The profile session `id` was last used with; nil when none was recorded.
    public func sessionProfile(id: String) throws(StoreError) -> String? {
        try perform {
            try writer.read { db in try String.fetchOne(db, sql: "SELECT profile FROM session WHERE id = ?", arguments: [id]) }
        }
    }

    public func setSessionProfile(id: String, name: String) throws(StoreError) {
        try perform {
            try write { db in
                try db.execute(sql: "UPDATE session SET profile = ? WHERE id = ?", arguments: [name, id])
            }
        }
    }

    public func sessionIDs(startingWith prefix: String, limit: Int = 2) throws(StoreError) -> [String] {
        try perform {
            try writer.read { db in
                // substr, not LIKE: ids are text from the user, and `%` or `_` in them are not patterns.
                try String.fetchAll(
                    db, sql: "SELECT id FROM session WHERE substr(id, 1, length(?1)) = ?1 ORDER BY id LIMIT ?2",
                    arguments: [prefix, max(0, limit)])
            }
        }
    }

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
