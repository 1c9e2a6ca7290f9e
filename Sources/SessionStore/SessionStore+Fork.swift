import ChatCore
import GRDB

// Forking: a new session that starts as a copy of another (to some message), then goes its
// own way.
extension SessionStore {
    /// Copies session `sourceID`'s parameters and the path shown up to and including `lastMessageID`
    /// (all of it when nil) into the new session `fork` (which must not exist). The copies get
    /// new ids (`fork.id` + "-" + the old id); their recorded requests stay with the originals.
    /// Returns how many messages were copied.
    @discardableResult
    public func forkSession(_ sourceID: String, upTo lastMessageID: String?, into fork: SessionSummary) throws(StoreError) -> Int {
        try perform {
            try write { db in
                guard let parameters = try Row.fetchOne(
                    db, sql: "SELECT parameters_json FROM session WHERE id = ?", arguments: [sourceID])
                else {
                    throw StoreError(kind: .other, message: "\(StoreError.describe(path: path)) has no session with id \(sourceID).")
                }
                var lastSeq = Int64.max
                if let lastMessageID {
                    lastSeq = try pathSeq(of: lastMessageID, sessionID: sourceID, db: db) ?? Int64.max
                }
                try db.execute(
                    sql: "INSERT INTO session (id, title, created_at, updated_at, parameters_json) VALUES (?, ?, ?, ?, ?)",
                    arguments: [fork.id, fork.title, fork.createdAtMillis, fork.updatedAtMillis, parameters["parameters_json"] as String?])
                let copied = MessageRow.contentColumns.filter { $0 != "content" && $0 != "request_json" }
                let list = copied.joined(separator: ", ")
                // The path shown, as one chain: the other versions stay with the original.
                try db.execute(
                    sql: """
                        INSERT INTO message (id, session_id, seq, parent_id, on_path, content, \(list))
                        SELECT ? || '-' || id, ?, seq, CASE WHEN parent_id IS NULL THEN NULL ELSE ? || '-' || parent_id END, 1,
                            \(MessageRow.contentExpression), \(list)
                        FROM message WHERE session_id = ? AND on_path = 1 AND seq <= ? ORDER BY seq
                        """,
                    arguments: [fork.id, fork.id, fork.id, sourceID, lastSeq])
                return db.changesCount
            }
        }
    }
}
