import ChatCore
import Foundation
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
                    (sessionID: row["session_id"] ?? "", messageID: row["id"] ?? "", snippet: SearchSnippet.plain(row["snippet"] ?? ""))
                }
            }
        }
    }

    /// A search first reads this many of the newest matching messages (for a word said in a
    /// few places, every match); when they are all taken, `probeSessions` finds the others.
    static let searchPageSize = 2_000

    /// Sessions whose messages match `query`, one hit each (its best message), best first among
    /// the newest matching messages (`searchPageSize` of them, then each newer session's newest
    /// match for a common word).
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
                // Enough words that the match has context on both sides once Markdown's markers
                // are taken out (`SearchSnippet`); the view cuts it to the match.
                let snippetSQL = "SELECT snippet(message_fts, 0, char(1), char(2), '…', 24) FROM message_fts "
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
                    // Plain words common in the newest sessions are read from those, newest first.
                    let recent = usesSyntax ? nil : try recentHits(
                        words: WordPrefixMatch.words(of: query), sessions: limit, perSession: 1, db: db)
                    let found = try recent.map { $0.map { SessionSearchHit(summary: $0.summary, messageID: $0.messages[0].messageID, snippet: $0.messages[0].snippet) } }
                        ?? messageHits(pattern)
                    let messages = found.filter { hit in !titled.contains { $0.summary.id == hit.summary.id } }
                    return Array((titled + messages).prefix(limit))
                }
                func messageHits(_ pattern: FTS5Pattern) throws -> [SessionSearchHit] {
                    var best: [String: (messageID: String, rowid: Int64, score: Double)] = [:]
                    // The newest matches: for a word said in a few places, all of them.
                    let rows = try Row.fetchAll(
                        db, sql: candidatesSQL, arguments: [pattern.rawPattern, Int64.max, Self.searchPageSize])
                    for row in rows {
                        let session: String = row["session_id"] ?? ""
                        let score: Double = row["score"] ?? 0
                        let rowid: Int64 = row["fts_rowid"] ?? 0
                        if let kept = best[session], kept.score <= score { continue }
                        best[session] = (row["message_id"] ?? "", rowid, score)
                    }
                    // A common word: its newest matches crowd into a few sessions (one long
                    // session can hold them all), so more pages would find no more sessions.
                    // Each other session, newest first, is asked for its newest match instead:
                    // a seek into the index within the session's span of rowids.
                    if rows.count == Self.searchPageSize, best.count < limit {
                        try probeSessions(pattern, into: &best, limit: limit, db: db)
                    }
                    let ordered = best.sorted { $0.value.score < $1.value.score || ($0.value.score == $1.value.score && $0.value.rowid > $1.value.rowid) }
                    return try ordered.prefix(limit).compactMap { session, hit in
                        guard let row = try Row.fetchOne(db, sql: summarySQL, arguments: [session]) else { return nil }
                        return SessionSearchHit(
                            summary: SessionSummary(
                                id: row["id"] ?? "", title: row["title"] ?? "",
                                createdAtMillis: row["created_at"] ?? 0, updatedAtMillis: row["updated_at"] ?? 0),
                            messageID: hit.messageID,
                            snippet: SearchSnippet.plain(
                                try String.fetchOne(db, sql: snippetSQL, arguments: [pattern.rawPattern, hit.rowid]) ?? ""))
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

extension SessionStore {
    /// How many sessions a common word's search asks one by one, and for how long at most.
    static let probedSessions = 400
    static let probeBudgetNanoseconds: UInt64 = 40_000_000

    /// For each session without a hit yet, newest first, its newest message matching `pattern`
    /// among the last 16 matches of its span of rowids (from its first message to its last).
    /// A session whose messages are interleaved with many others' may be missed: this is the
    /// budgeted path for common words, where the newest sessions are what a user looks for.
    func probeSessions(
        _ pattern: FTS5Pattern, into best: inout [String: (messageID: String, rowid: Int64, score: Double)], limit: Int,
        db: Database
    ) throws {
        let started = DispatchTime.now().uptimeNanoseconds
        let sessions = try String.fetchAll(
            db, sql: "SELECT id FROM session ORDER BY updated_at DESC LIMIT ?", arguments: [Self.probedSessions])
        let span = try db.cachedStatement(sql: """
            SELECT (SELECT rowid FROM message WHERE session_id = ?1 ORDER BY seq LIMIT 1) AS first,
                   (SELECT rowid FROM message WHERE session_id = ?1 ORDER BY seq DESC LIMIT 1) AS last
            """)
        // No bm25 here: these hits rank after the first page's, newest session first.
        let probe = try db.cachedStatement(sql: """
            SELECT message.id AS message_id, found.rowid AS fts_rowid
            FROM (SELECT rowid FROM message_fts
                  WHERE message_fts MATCH ? AND rowid BETWEEN ? AND ? ORDER BY rowid DESC LIMIT 16) AS found
            JOIN message ON message.rowid = found.rowid
            WHERE message.session_id = ? LIMIT 1
            """)
        for session in sessions where best[session] == nil {
            guard best.count < limit, DispatchTime.now().uptimeNanoseconds - started < Self.probeBudgetNanoseconds else { break }
            guard let range = try Row.fetchOne(span, arguments: [session]),
                  let first: Int64 = range["first"], let last: Int64 = range["last"] else { continue }
            if let row = try Row.fetchOne(probe, arguments: [pattern.rawPattern, min(first, last), max(first, last), session]) {
                // Ranked after every hit of the first page (bm25 scores are negative), in the
                // order the sessions were asked: newest first.
                best[session] = (row["message_id"] ?? "", row["fts_rowid"] ?? 0, Double(best.count))
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
