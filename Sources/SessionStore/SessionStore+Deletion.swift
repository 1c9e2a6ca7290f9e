import Foundation
import GRDB

// Deleting the end of a conversation, and undoing it while chatterm runs.
extension SessionStore {
    /// Deletes message `messageID` and everything below it in the tree (the rest of the path
    /// and any other versions hanging under it), keeping their rows, every column of them,
    /// under `deletionID` so `restoreDeletion` can put them back as they were (recorded
    /// requests and figures included) while this store is open. The path then goes on through
    /// the newest remaining sibling of the message, or ends at its parent when it had none.
    /// Returns how many messages were deleted (0 when there is no such message).
    @discardableResult
    public func deleteMessages(from messageID: String, sessionID: String, deletionID: String) throws(StoreError) -> Int {
        try perform {
            try write { db in
                guard let target = try Row.fetchOne(
                    db, sql: "SELECT parent_id FROM message WHERE id = ? AND session_id = ?", arguments: [messageID, sessionID])
                else { return 0 }
                let subtree = """
                    WITH RECURSIVE below(id) AS (
                        SELECT ? UNION ALL SELECT m.id FROM message m JOIN below ON m.parent_id = below.id
                    )
                    """
                let rows = try Row.fetchAll(
                    db, sql: subtree + "SELECT * FROM message WHERE id IN below ORDER BY seq", arguments: [messageID])
                let tails = try Row.fetchAll(
                    db, sql: subtree + "SELECT * FROM message_tail WHERE message_id IN below", arguments: [messageID])
                try db.execute(sql: subtree + "DELETE FROM message WHERE id IN below", arguments: [messageID])
                let parentID: String? = target["parent_id"]
                if let sibling = try Self.childIDs(of: parentID, sessionID: sessionID, db: db).last {
                    try activatePath(endingAt: try Self.newestDescendant(of: sibling, db: db), sessionID: sessionID, db: db)
                } else {
                    try activatePath(endingAt: parentID, sessionID: sessionID, db: db)
                }
                let pathEnd = rows.last { $0["on_path"] as Int? == 1 }?["id"] as String?
                deletions.keep(deletionID, DeletedMessages(
                    messages: rows.map(KeptRow.init), tails: tails.map(KeptRow.init), pathEnd: pathEnd))
                return rows.count
            }
        }
    }

    /// Puts back what `deleteMessages` removed under `deletionID`; false when there is nothing
    /// kept under it (another process's deletion, or this store was reopened). The path is
    /// the one shown when the messages were deleted.
    @discardableResult
    public func restoreDeletion(_ deletionID: String) throws(StoreError) -> Bool {
        guard let deleted = deletions.take(deletionID) else { return false }
        do {
            try perform {
                try write { db in
                    if let session = deleted.session { try insert(session, into: "session", db: db) }
                    // Off the path as they go in, then the path as it was (a whole session
                    // comes back with its own path as it stands).
                    let sessionID = deleted.session == nil ? deleted.messages.first?.value(of: "session_id") : nil
                    for row in deleted.messages {
                        try insert(sessionID == nil ? row : row.replacing("on_path", with: 0), into: "message", db: db)
                    }
                    for row in deleted.tails { try insert(row, into: "message_tail", db: db) }
                    for row in deleted.toolSwitches { try insert(row, into: "session_tool_switches", db: db) }
                    if let sessionID, let pathEnd = deleted.pathEnd {
                        try activatePath(endingAt: pathEnd, sessionID: sessionID, db: db)
                    }
                }
            }
        } catch {
            deletions.keep(deletionID, deleted)  // still undoable once the store is writable again
            throw error
        }
        return true
    }

    /// The table is one of ours, named by the caller; the column names are the ones SQLite gave
    /// when the row was read from that same table: nothing here comes from the user.
    private func insert(_ row: KeptRow, into table: String, db: Database) throws {
        let placeholders = Array(repeating: "?", count: row.columns.count).joined(separator: ", ")
        let names = row.columns.map { "\"\($0)\"" }.joined(separator: ", ")
        try db.execute(
            sql: "INSERT INTO \(table) (\(names)) VALUES (\(placeholders))",
            arguments: StatementArguments(row.values))
    }
}

/// A row as plain values: every column's name and value.
struct KeptRow: Sendable {
    var columns: [String]
    var values: [DatabaseValue]

    init(_ row: Row) {
        columns = Array(row.columnNames)
        values = Array(row.databaseValues)
    }

    func value(of column: String) -> String? {
        columns.firstIndex(of: column).flatMap { String.fromDatabaseValue(values[$0]) }
    }

    func replacing(_ column: String, with value: some DatabaseValueConvertible) -> KeptRow {
        var row = self
        if let index = columns.firstIndex(of: column) { row.values[index] = value.databaseValue }
        return row
    }
}

/// Rows deleted and kept for an undo, by deletion.
struct DeletedMessages: Sendable {
    /// The session's own row when the whole session was deleted.
    var session: KeptRow?
    var messages: [KeptRow]
    var tails: [KeptRow]
    /// The end of the path when the messages were deleted (some of them were on it).
    var pathEnd: String?
    /// The MCP tools the session switched off, when the whole session was deleted.
    var toolSwitches: [KeptRow] = []

    init(session: KeptRow? = nil, messages: [KeptRow], tails: [KeptRow], pathEnd: String? = nil) {
        self.session = session
        self.messages = messages
        self.tails = tails
        self.pathEnd = pathEnd
    }
}

/// What this store deleted and may put back, while it is open. Only the latest few deletions
/// are kept (undo goes back one step in the app).
// safe: `lock` guards `kept`, the only mutable field.
final class Deletions: @unchecked Sendable {
    private let lock = NSLock()
    private var kept: [(id: String, deleted: DeletedMessages)] = []

    func keep(_ id: String, _ deleted: DeletedMessages) {
        lock.lock()
        defer { lock.unlock() }
        kept.removeAll { $0.id == id }
        kept.append((id, deleted))
        if kept.count > 8 { kept.removeFirst(kept.count - 8) }
    }

    func take(_ id: String) -> DeletedMessages? {
        lock.lock()
        defer { lock.unlock() }
        guard let index = kept.firstIndex(where: { $0.id == id }) else { return nil }
        return kept.remove(at: index).deleted
    }
}

// Deleting a whole session, and undoing it.
extension SessionStore {
    /// Deletes session `id` with its messages, keeping every row under `deletionID` for
    /// `restoreDeletion`. False when there is no such session.
    @discardableResult
    public func deleteSession(id: String, deletionID: String) throws(StoreError) -> Bool {
        try perform {
            try write { db in
                guard let session = try Row.fetchOne(db, sql: "SELECT * FROM session WHERE id = ?", arguments: [id]) else {
                    return false
                }
                let messages = try Row.fetchAll(db, sql: "SELECT * FROM message WHERE session_id = ? ORDER BY seq", arguments: [id])
                let tails = try Row.fetchAll(
                    db,
                    sql: "SELECT message_tail.* FROM message_tail JOIN message ON message.id = message_tail.message_id "
                        + "WHERE message.session_id = ?",
                    arguments: [id])
                let switches = try Row.fetchAll(db, sql: "SELECT * FROM session_tool_switches WHERE session_id = ?", arguments: [id])
                try db.execute(sql: "DELETE FROM session WHERE id = ?", arguments: [id])
                var deleted = DeletedMessages(
                    session: KeptRow(session), messages: messages.map(KeptRow.init), tails: tails.map(KeptRow.init))
                deleted.toolSwitches = switches.map(KeptRow.init)
                deletions.keep(deletionID, deleted)
                return true
            }
        }
    }

    /// A session's new title (what the list shows; the first message no longer decides it).
    public func renameSession(id: String, title: String) throws(StoreError) {
        try perform {
            try write { db in
                try db.execute(sql: "UPDATE session SET title = ? WHERE id = ?", arguments: [title, id])
            }
        }
    }
}
