import ChatCore
import Deterministic
import Foundation
import GRDB

// The once-a-second saves of a streaming reply: only what it gained is written.
extension SessionStore {
    /// A save of a reply still streaming, after its first: only the text it gained since the
    /// last save is written (one `message_tail` row), not the whole text, the request or the
    /// index entry. The check that it only grew is made in memory (`StreamingTails`): no read.
    /// False when it is not such a save (the first, or text that changed rather than grew),
    /// which then takes the full path.
    func appendStreamingText(_ message: Message, sessionID: String, db: Database) throws -> Bool {
        guard let written = streamingTails[message.id], written.sessionID == sessionID,
              written.besidesText == StreamingTails.besidesText(of: message) else { return false }
        let utf8 = message.content.utf8
        guard utf8.count >= written.bytes, FNV1a.hash(utf8.prefix(written.bytes)) == written.hash else { return false }
        guard utf8.count > written.bytes else { return true }
        let added = utf8.dropFirst(written.bytes)
        try db.cachedStatement(sql: "INSERT INTO message_tail (message_id, seq, text) VALUES (?, ?, ?)")
            .execute(arguments: [message.id, written.lastSeq + 1, String(decoding: added, as: UTF8.self)])
        streamingTails[message.id] = StreamingTails.Written(
            sessionID: sessionID, bytes: utf8.count, hash: FNV1a.hash(added, continuing: written.hash),
            lastSeq: written.lastSeq + 1, besidesText: written.besidesText)
        return true
    }
}

/// Of each reply still streaming, what this store last wrote: its length in UTF-8 bytes, their
/// FNV-1a hash and the last `message_tail` piece, so the next save appends only what the reply
/// gained, after checking in memory that it grew rather than changed. Saves come from one
/// queue; the lock keeps that assumption out of correctness.
// safe: `lock` guards `written`, the only mutable field.
final class StreamingTails: @unchecked Sendable {
    struct Written {
        var sessionID: String
        var bytes: Int
        var hash: UInt64
        var lastSeq: Int
        /// `besidesText(of:)` when written: reasoning or tool calls that grew since take the
        /// full path (they are rewritten whole; the text's tail scheme covers the text only).
        var besidesText: Int
    }

    /// A figure that changes whenever a streaming reply's reasoning or tool calls grow.
    static func besidesText(of message: Message) -> Int {
        message.toolCalls.reduce(message.reasoning.utf8.count) { $0 &+ 1 &+ $1.name.utf8.count &+ $1.arguments.utf8.count }
    }

    private let lock = NSLock()
    private var written: [String: Written] = [:]

    subscript(messageID: String) -> Written? {
        get {
            lock.lock()
            defer { lock.unlock() }
            return written[messageID]
        }
        set {
            lock.lock()
            defer { lock.unlock() }
            written[messageID] = newValue
        }
    }
}
