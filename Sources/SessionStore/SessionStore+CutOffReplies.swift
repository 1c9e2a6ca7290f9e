import ChatCore
import Foundation
import GRDB

// Replies whose chatterm was killed while they streamed: saved as `streaming`, they would stay
// so in the store and in exports for ever. See `StreamOwnerLock` for how a live one is told apart.
extension SessionStore {
    /// Records which store writes `message` while it streams, and forgets it once it ended.
    func recordStreamOwner(of message: Message, db: Database) throws {
        if message.status == .streaming {
            try db.cachedStatement(sql: "INSERT OR REPLACE INTO message_stream_owner (message_id, owner) VALUES (?, ?)")
                .execute(arguments: [message.id, streamOwner?.owner ?? 0])
        } else {
            try db.cachedStatement(sql: "DELETE FROM message_stream_owner WHERE message_id = ?").execute(arguments: [message.id])
        }
    }

    /// Marks `interrupted` every reply saved as streaming whose writer is gone: one with no
    /// recorded owner (saved before owners were, or imported so) or whose owner's lock no open
    /// store holds. A reply another running chatterm is streaming is left alone. Run at open;
    /// cheap (a partial index holds only the streaming rows). Returns the ids marked.
    @discardableResult
    public func markCutOffReplies() throws(StoreError) -> [String] {
        try perform {
            let streaming = try writer.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT message.id, message_stream_owner.owner FROM message
                        LEFT JOIN message_stream_owner ON message_stream_owner.message_id = message.id
                        WHERE message.status = 'streaming'
                        """
                ).map { row -> (id: String, owner: Int64?) in (row["id"] ?? "", row["owner"]) }
            }
            let cutOff = streaming.filter { reply in
                guard let owner = reply.owner else { return true }
                return !(streamOwner?.isAlive(owner) ?? true)
            }.map(\.id)
            guard !cutOff.isEmpty else { return [] }
            try write { db in
                for id in cutOff {
                    try db.execute(
                        sql: "UPDATE message SET status = 'interrupted' WHERE id = ? AND status = 'streaming'", arguments: [id])
                    try db.execute(sql: "DELETE FROM message_stream_owner WHERE message_id = ?", arguments: [id])
                }
            }
            return cutOff
        }
    }
}
