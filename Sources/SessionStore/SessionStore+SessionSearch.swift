import ChatCore
import GRDB

// Finding sessions by what was said in them (the sessions pane's `/`).
extension SessionStore {
    /// Sessions whose messages match `query`, best first, one hit each (its best message).
    /// Plain words, in any order, each match as a word prefix; FTS5 syntax works (phrases in
    /// quotes, `stream*`, AND/OR/NOT); text FTS5 would reject is searched as plain words, never
    /// reported as an SQL error. An empty query finds nothing.
    public func searchSessions(_ query: String, limit: Int) throws(StoreError) -> [SessionSearchHit] {
        guard limit > 0, !query.trimmingCharacters(in: .whitespaces).isEmpty else { return [] }
        return try perform {
            try writer.read { db in
                // Plain words match as prefixes (results follow the typing: "okap" finds okapi);
                // FTS5 syntax is used as written when the query has some and FTS5 accepts it.
                let words = query.split(whereSeparator: \.isWhitespace)
                let usesSyntax = query.contains { "\"*()".contains($0) }
                    || words.contains { ["AND", "OR", "NOT", "NEAR"].contains(String($0)) }
                let pattern: FTS5Pattern
                if usesSyntax, let raw = try? db.makeFTS5Pattern(rawPattern: query, forTable: "message_fts") {
                    pattern = raw
                } else if let plain = FTS5Pattern(matchingAllPrefixesIn: query) {
                    pattern = plain
                } else {
                    return []
                }
                // The best-ranked message of each session, the sessions in the order of their
                // best message; then each hit's snippet (FTS5's auxiliary functions cannot run
                // under a window function, so it is a second, per-hit query on the row found).
                let sql = """
                    SELECT session.id AS session_id, session.title, session.created_at, session.updated_at,
                           best.message_id, best.fts_rowid
                    FROM (
                        SELECT message.session_id, message.id AS message_id, message.rowid AS fts_rowid, rank,
                               row_number() OVER (PARTITION BY message.session_id ORDER BY rank) AS place
                        FROM (SELECT rowid, rank FROM message_fts WHERE message_fts MATCH ?) AS found
                        JOIN message ON message.rowid = found.rowid
                    ) AS best JOIN session ON session.id = best.session_id
                    WHERE best.place = 1
                    ORDER BY best.rank
                    LIMIT ?
                    """
                let snippetSQL = "SELECT snippet(message_fts, 0, char(1), char(2), '…', 10) FROM message_fts "
                    + "WHERE message_fts MATCH ? AND rowid = ?"
                func run(_ pattern: FTS5Pattern) throws -> [SessionSearchHit] {
                    try Row.fetchAll(db, sql: sql, arguments: [pattern.rawPattern, limit]).map { row in
                        let rowid: Int64 = row["fts_rowid"] ?? 0
                        return SessionSearchHit(
                            summary: SessionSummary(
                                id: row["session_id"] ?? "", title: row["title"] ?? "",
                                createdAtMillis: row["created_at"] ?? 0, updatedAtMillis: row["updated_at"] ?? 0),
                            messageID: row["message_id"] ?? "",
                            snippet: try String.fetchOne(db, sql: snippetSQL, arguments: [pattern.rawPattern, rowid]) ?? "")
                    }
                }
                do {
                    return try run(pattern)
                } catch {
                    guard let plain = FTS5Pattern(matchingAllPrefixesIn: query) else { return [] }
                    return try run(plain)
                }
            }
        }
    }
}
