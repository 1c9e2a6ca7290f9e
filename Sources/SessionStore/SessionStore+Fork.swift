import ChatCore
import GRDB

// Forking: a new session that starts as a copy of another (to some message), then goes its
// own way.
extension SessionStore {
    /// Copies session `sourceID`'s parameters and its messages up to and including `lastMessageID`
    /// (all of them when nil) into the new session `fork` (which must not exist). The copies get
    /// new ids (`fork.id` + "-" + the old id); their recorded requests stay with the originals.
    /// Returns how many messages were copied.
    @discardableResult
    public func forkSession(_ sourceID: String, upTo lastMessageID: String?, into fork: SessionSummary) throws(StoreError) -> Int {
        try perform {
            try writer.write { db in
                guard let parameters = try Row.fetchOne(
                    db, sql: "SELECT parameters_json FROM session WHERE id = ?", arguments: [sourceID])
                else {
                    throw StoreError(kind: .other, message: "\(StoreError.describe(path: path)) has no session with id \(sourceID).")
                }
                var lastSeq = Int64.max
                if let lastMessageID {
                    lastSeq = try Int64.fetchOne(
                        db, sql: "SELECT seq FROM message WHERE id = ? AND session_id = ?", arguments: [lastMessageID, sourceID]) ?? Int64.max
                }
                try db.execute(
                    sql: "INSERT INTO session (id, title, created_at, updated_at, parameters_json) VALUES (?, ?, ?, ?, ?)",
                    arguments: [fork.id, fork.title, fork.createdAtMillis, fork.updatedAtMillis, parameters["parameters_json"] as String?])
                let copied = MessageRow.contentColumns.filter { $0 != "content" && $0 != "request_json" }
                let list = copied.joined(separator: ", ")
                try db.execute(
                    sql: """
                        INSERT INTO message (id, session_id, seq, content, \(list))
                        SELECT ? || '-' || id, ?, seq, \(MessageRow.contentExpression), \(list)
                        FROM message WHERE session_id = ? AND seq <= ? ORDER BY seq
                        """,
                    arguments: [fork.id, fork.id, sourceID, lastSeq])
                return db.changesCount
            }
        }
    }
}
