import ChatCore
import GRDB

// Finding sessions by what was said in them (the sessions pane's `/`, `chatterm sessions search`).
extension SessionStore {
    /// Messages whose content contains every word of `query` (each as a word prefix), best
    /// matches first, with a short snippet of the surrounding text. A query with no words
    /// finds nothing. The query is never passed to SQLite as FTS syntax, so any text is safe.
    public func searchMessages(
        _ query: String, limit: Int
    ) throws(StoreError) -> [(sessionID: String, messageID: String, snippet: String)] {
        guard limit > 0, let pattern = FTS5Pattern(matchingAllPrefixesIn: query) else { return [] }
        return try perform {
            try writer.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT message.session_id, message.id,
                               snippet(message_fts, 0, '', '', '…', 12) AS snippet
                        FROM message_fts JOIN message ON message.rowid = message_fts.rowid
                        WHERE message_fts MATCH ?
                        ORDER BY message_fts.rank
                        LIMIT ?
                        """,
                    arguments: [pattern.rawPattern, limit]
                ).map { row in
                    (sessionID: row["session_id"] ?? "", messageID: row["id"] ?? "", snippet: row["snippet"] ?? "")
                }
            }
        }
    }

    /// A search reads matching messages newest first, this many at a time, until it has found
    /// enough sessions or read `searchPages` pages (the budget that keeps a common word in a
    /// million messages under a tenth of a second).
    static let searchPageSize = 2_000
    static let searchPages = 4

    /// Sessions whose messages match `query`, one hit each (its best message), best first among
    /// the newest matching messages (up to `searchPages` × `searchPageSize` of them).
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
                // Candidates are the newest matching messages, found by walking the index from
                // its end (FTS5 stops at the LIMIT instead of ranking every match, which for a
                // common word in a million messages takes seconds); among them each session
                // keeps its best-ranked message (bm25, lower is better) and sessions are ordered
                // by it. Then each hit's summary and snippet, by row.
                let candidatesSQL = """
                    SELECT message.session_id, message.id AS message_id, found.rowid AS fts_rowid, found.score
                    FROM (SELECT rowid, bm25(message_fts) AS score FROM message_fts
                          WHERE message_fts MATCH ? AND rowid < ? ORDER BY rowid DESC LIMIT ?) AS found
                    JOIN message ON message.rowid = found.rowid
                    """
                let summarySQL = "SELECT id, title, created_at, updated_at FROM session WHERE id = ?"
                let snippetSQL = "SELECT snippet(message_fts, 0, char(1), char(2), '…', 10) FROM message_fts "
                    + "WHERE message_fts MATCH ? AND rowid = ?"
                // Sessions whose title matches come first (newest first), as a hit on no message.
                let titleSQL = """
                    SELECT session.id, session.title, session.created_at, session.updated_at,
                           snippet(session_fts, 0, char(1), char(2), '…', 10) AS snippet
                    FROM session_fts JOIN session ON session.rowid = session_fts.rowid
                    WHERE session_fts MATCH ? ORDER BY session.updated_at DESC LIMIT ?
                    """
                func titleHits(_ pattern: FTS5Pattern) throws -> [SessionSearchHit] {
                    try Row.fetchAll(db, sql: titleSQL, arguments: [pattern.rawPattern, limit]).map { row in
                        SessionSearchHit(
                            summary: SessionSummary(
                                id: row["id"] ?? "", title: row["title"] ?? "",
                                createdAtMillis: row["created_at"] ?? 0, updatedAtMillis: row["updated_at"] ?? 0),
                            messageID: "", snippet: row["snippet"] ?? "")
                    }
                }
                func run(_ pattern: FTS5Pattern) throws -> [SessionSearchHit] {
                    let titled = try titleHits(pattern)
                    let messages = try messageHits(pattern).filter { hit in !titled.contains { $0.summary.id == hit.summary.id } }
                    return Array((titled + messages).prefix(limit))
                }
                func messageHits(_ pattern: FTS5Pattern) throws -> [SessionSearchHit] {
                    var best: [String: (messageID: String, rowid: Int64, score: Double)] = [:]
                    // Pages from the newest match back, until enough sessions or the budget.
                    var below = Int64.max
                    for _ in 0..<Self.searchPages where best.count < limit {
                        let rows = try Row.fetchAll(
                            db, sql: candidatesSQL, arguments: [pattern.rawPattern, below, Self.searchPageSize])
                        for row in rows {
                            let session: String = row["session_id"] ?? ""
                            let score: Double = row["score"] ?? 0
                            let rowid: Int64 = row["fts_rowid"] ?? 0
                            below = min(below, rowid)
                            if let kept = best[session], kept.score <= score { continue }
                            best[session] = (row["message_id"] ?? "", rowid, score)
                        }
                        if rows.count < Self.searchPageSize { break }
                    }
                    let ordered = best.sorted { $0.value.score < $1.value.score || ($0.value.score == $1.value.score && $0.value.rowid > $1.value.rowid) }
                    return try ordered.prefix(limit).compactMap { session, hit in
                        guard let row = try Row.fetchOne(db, sql: summarySQL, arguments: [session]) else { return nil }
                        return SessionSearchHit(
                            summary: SessionSummary(
                                id: row["id"] ?? "", title: row["title"] ?? "",
                                createdAtMillis: row["created_at"] ?? 0, updatedAtMillis: row["updated_at"] ?? 0),
                            messageID: hit.messageID,
                            snippet: try String.fetchOne(db, sql: snippetSQL, arguments: [pattern.rawPattern, hit.rowid]) ?? "")
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

// Finding text in one session (the conversation pane's `/` in a session not held whole).
extension SessionStore {
    /// Ids of the session's messages whose text contains `needle` (ASCII letters in any case,
    /// as the pane's own matching), in conversation order, at most `limit`.
    public func messageIDs(containing needle: String, sessionID: String, limit: Int = 10_000) throws(StoreError) -> [String] {
        guard !needle.isEmpty else { return [] }
        return try perform {
            try writer.read { db in
                try String.fetchAll(
                    db,
                    sql: """
                        SELECT id FROM message WHERE session_id = ? AND on_path = 1 AND instr(lower(\(MessageRow.contentExpression)), lower(?)) > 0
                        ORDER BY seq LIMIT ?
                        """,
                    arguments: [sessionID, needle, limit])
            }
        }
    }
}
