import ChatCore
import GRDB
import StreamProtocol

/// What an import did with one conversation.
public struct ImportOutcome: Sendable, Equatable {
    public var sessionID: String
    public var title: String
    /// Messages stored; 0 when the session was stored already (and left as it is).
    public var messageCount: Int
    public var alreadyStored: Bool
    /// What the file had that was not stored, and why.
    public var skipped: [String]
}

// Export and import: a whole session, every version of every message, in and out.
extension SessionStore {
    /// Every field stored of session `sessionID` and of all its messages (every version, each
    /// with its parent and whether it is on the path, each reply with its request rebuilt as
    /// sent); nil when there is no such session.
    public func exportArchive(sessionID: String) throws(StoreError) -> SessionArchive? {
        try perform {
            try writer.read { db in
                guard let session = try Row.fetchOne(
                    db, sql: "SELECT id, title, created_at, updated_at, parameters_json FROM session WHERE id = ?",
                    arguments: [sessionID])
                else { return nil }
                let rows = try Row.fetchAll(
                    db, sql: "SELECT \(MessageRow.loadedColumns), on_path, request_json FROM message WHERE session_id = ? ORDER BY seq, rowid",
                    arguments: [sessionID])
                let messages = try rows.map { row in
                    var message = MessageRow.message(from: row)
                    message.request = try RequestRecord.load(row["request_json"], sessionID: sessionID, db: db)
                    return ArchivedMessage(message, parentID: row["parent_id"], onPath: row["on_path"] as Int? == 1)
                }
                return SessionArchive(
                    session: SessionArchive.Session(
                        id: sessionID, title: session["title"] ?? "", createdAt: session["created_at"] ?? 0,
                        updatedAt: session["updated_at"] ?? 0,
                        parameters: StoredJSON.decode(SessionParameters.self, from: session["parameters_json"])),
                    messages: messages)
            }
        }
    }

    /// Stores an imported conversation as a new session, all of it or (on any failure) none of
    /// it. A session already stored under the same id is left as it is (`alreadyStored`): the
    /// same file imported twice adds nothing. A message whose parent is not in the file becomes
    /// a root, and is reported.
    public func importConversation(_ conversation: ImportedConversation) throws(StoreError) -> ImportOutcome {
        var outcome = ImportOutcome(
            sessionID: conversation.sessionID, title: conversation.title, messageCount: 0, alreadyStored: false,
            skipped: conversation.skipped)
        try perform {
            let parametersJSON = try StoredJSON.encode(conversation.parameters)
            try write { db in
                if try Self.sessionExists(db, id: conversation.sessionID) {
                    outcome.alreadyStored = true
                    return
                }
                let summary = SessionSummary(
                    id: conversation.sessionID, title: conversation.title,
                    createdAtMillis: conversation.createdAtMillis, updatedAtMillis: conversation.updatedAtMillis)
                try db.execute(
                    sql: "INSERT INTO session (id, title, created_at, updated_at, parameters_json) VALUES (?, ?, ?, ?, ?)",
                    arguments: [summary.id, summary.title, summary.createdAtMillis, summary.updatedAtMillis, parametersJSON])
                let columns = (["id", "session_id", "seq", "parent_id", "on_path"] + MessageRow.contentColumns).joined(separator: ", ")
                let placeholders = Array(repeating: "?", count: MessageRow.contentColumns.count + 5).joined(separator: ", ")
                let insert = try db.makeStatement(sql: "INSERT INTO message (\(columns)) VALUES (\(placeholders))")
                var stored: Set<String> = []
                var leaf: String?
                for (index, node) in conversation.nodes.enumerated() {
                    if let owner = try String.fetchOne(db, sql: "SELECT session_id FROM message WHERE id = ?", arguments: [node.message.id]) {
                        throw StoreError(
                            kind: .other,
                            message: "\(StoreError.describe(path: path)) already has message \(node.message.id) (in session \(owner)).")
                    }
                    var parentID = node.parentID
                    if let parent = parentID, !stored.contains(parent) {
                        outcome.skipped.append("message \(node.message.id): its parent \(parent) is not before it in the file, so it starts a new thread")
                        parentID = nil
                    }
                    let requestJSON = try RequestRecord.storedJSON(for: node.message.request, sessionID: summary.id, db: db)
                    let values = try MessageRow.values(of: node.message, requestJSON: requestJSON)
                    try insert.execute(arguments: StatementArguments([node.message.id, summary.id, index + 1, parentID, 0] + values))
                    stored.insert(node.message.id)
                    if node.onPath || leaf == nil { leaf = node.message.id }
                }
                // The path as the file marks it, down to its last message marked (or the
                // newest below it): always one chain from a root.
                if let leaf { try activatePath(endingAt: try Self.newestDescendant(of: leaf, db: db), sessionID: summary.id, db: db) }
                outcome.messageCount = conversation.nodes.count
            }
        }
        return outcome
    }
}
