import ChatCore
import Foundation
import GRDB

// A common word's search, read from the newest sessions' newest messages rather than asked of
// the full-text index: a prefix query makes FTS5 gather the word's whole list of matches, about
// 70 ms for a word in a million messages, and per session that cost comes again. Reading a few
// messages of each newest session is a seek each on `message_on_session_id_seq`.
extension SessionStore {
    /// How many of each session's newest messages the scan reads.
    static let scannedMessagesPerSession = 8
    /// How many of the newest sessions it reads, at most, for each session it is to find: a word
    /// found in fewer than one in three of them is not common, and the index answers it.
    static let scannedSessionsPerWanted = 3
    /// After this many sessions, a scan that found too few of them stops.
    static let scanTrial = 16

    struct RecentHit {
        var summary: SessionSummary
        var messages: [(messageID: String, snippet: String)]
    }

    /// The newest sessions whose newest messages contain every word of `words` (each as a word
    /// prefix, as the index matches), newest first, with up to `perSession` of those messages
    /// each (newest first); nil unless `sessions` of them are found among the first
    /// `sessions * scannedSessionsPerWanted` sessions, when the word is not common. With
    /// `enoughMessages`, it is done as soon as the sessions found hold that many messages.
    func recentHits(words: [String], sessions: Int, perSession: Int, enoughMessages: Int? = nil, db: Database) throws -> [RecentHit]? {
        guard !words.isEmpty, sessions > 0 else { return nil }
        let sessionRows = try Row.fetchAll(
            db, sql: "SELECT id, title, created_at, updated_at FROM session ORDER BY updated_at DESC LIMIT ?",
            arguments: [sessions * Self.scannedSessionsPerWanted])
        let newest = try db.cachedStatement(sql: "SELECT id, content FROM message WHERE session_id = ? ORDER BY seq DESC LIMIT ?")
        var found: [RecentHit] = []
        var foundMessages = 0
        var scanned = 0
        for row in sessionRows {
            let summary = SessionSummary(
                id: row["id"] ?? "", title: row["title"] ?? "",
                createdAtMillis: row["created_at"] ?? 0, updatedAtMillis: row["updated_at"] ?? 0)
            var messages: [(messageID: String, snippet: String)] = []
            for message in try Row.fetchAll(newest, arguments: [summary.id, Self.scannedMessagesPerSession]) {
                guard messages.count < perSession else { break }
                let content: String = message["content"] ?? ""
                guard let matches = WordPrefixMatch.matches(of: words, in: content) else { continue }
                messages.append((message["id"] ?? "", SearchSnippet.plain(WordPrefixMatch.snippet(of: content, matches: matches))))
            }
            if !messages.isEmpty {
                found.append(RecentHit(summary: summary, messages: messages))
                foundMessages += messages.count
            }
            if found.count == sessions { return found }
            if let enoughMessages, foundMessages >= enoughMessages { return found }
            // A word most sessions do not say gives up early, leaving the index its little work.
            scanned += 1
            if scanned >= Self.scanTrial, found.count * Self.scannedSessionsPerWanted < scanned { return nil }
        }
        return nil
    }
}

extension SessionStore {
    /// Messages matching `query`, for `chatterm sessions search`: for a common word, the newest
    /// sessions first with up to `perSession` hits each (so it shows many sessions, not every
    /// match of one long one); otherwise as `searchMessages`, best matches first.
    public func searchMessagesBySession(
        _ query: String, limit: Int, perSession: Int = 3
    ) throws(StoreError) -> [(sessionID: String, messageID: String, snippet: String)] {
        guard limit > 0 else { return [] }
        let recent = try perform {
            try writer.read { db in
                // Up to `limit` sessions (one hit each at worst), done once `limit` hits are in:
                // `--limit 20` lists 20 hits, not 20 / perSession sessions' worth.
                try recentHits(
                    words: WordPrefixMatch.words(of: query), sessions: limit,
                    perSession: max(1, perSession), enoughMessages: limit, db: db)
            }
        }
        guard let recent else { return try searchMessages(query, limit: limit) }
        let hits = recent.flatMap { hit in
            hit.messages.map { (sessionID: hit.summary.id, messageID: $0.messageID, snippet: $0.snippet) }
        }
        return Array(hits.prefix(limit))
    }
}
