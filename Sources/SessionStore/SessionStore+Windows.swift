import ChatCore
import GRDB
import StreamProtocol

// Reading the path shown a window at a time, and the history a request carries.
extension SessionStore {
    /// A page of the path shown (see `WindowPosition`), at most `limit` messages, in
    /// conversation order, with how many messages of the path lie before and after it. Read by
    /// seq on the (session_id, on_path, seq) index, so a page costs the same at the start or
    /// the end of 100,000 messages. A `before`/`after` message that is not on the path gives an
    /// empty page.
    public func loadMessageWindow(
        sessionID: String, _ position: WindowPosition, limit: Int = ConversationWindow.pageSize
    ) throws(StoreError) -> MessageWindow {
        try perform {
            try writer.read { db in try messageWindow(sessionID: sessionID, position, limit: limit, db: db) }
        }
    }

    func messageWindow(sessionID: String, _ position: WindowPosition, limit: Int, db: Database) throws -> MessageWindow {
        let select = "SELECT seq, \(MessageRow.loadedColumns) FROM message WHERE session_id = ? AND on_path = 1"
        let limit = max(0, limit)
        var rows: [Row]
        switch position {
        case .newest:
            rows = try Row.fetchAll(
                db, sql: select + " ORDER BY seq DESC, rowid DESC LIMIT ?", arguments: [sessionID, limit]).reversed()
        case .oldest:
            rows = try Row.fetchAll(db, sql: select + " ORDER BY seq, rowid LIMIT ?", arguments: [sessionID, limit])
        case let .around(messageID):
            guard let seq = try pathSeq(of: messageID, sessionID: sessionID, db: db) else { return MessageWindow(messages: []) }
            let before = limit / 2
            rows = try Row.fetchAll(
                db, sql: select + " AND seq < ? ORDER BY seq DESC, rowid DESC LIMIT ?",
                arguments: [sessionID, seq, before]).reversed()
            rows += try Row.fetchAll(
                db, sql: select + " AND seq >= ? ORDER BY seq, rowid LIMIT ?", arguments: [sessionID, seq, limit - before])
        case let .before(messageID):
            guard let seq = try pathSeq(of: messageID, sessionID: sessionID, db: db) else { return MessageWindow(messages: []) }
            rows = try Row.fetchAll(
                db, sql: select + " AND seq < ? ORDER BY seq DESC, rowid DESC LIMIT ?", arguments: [sessionID, seq, limit]).reversed()
        case let .after(messageID):
            guard let seq = try pathSeq(of: messageID, sessionID: sessionID, db: db) else { return MessageWindow(messages: []) }
            rows = try Row.fetchAll(
                db, sql: select + " AND seq > ? ORDER BY seq, rowid LIMIT ?", arguments: [sessionID, seq, limit])
        }
        guard let firstSeq: Int64 = rows.first?["seq"], let lastSeq: Int64 = rows.last?["seq"] else {
            return MessageWindow(messages: [])
        }
        let count = "SELECT COUNT(*) FROM message WHERE session_id = ? AND on_path = 1 AND seq "
        return MessageWindow(
            messages: try Self.messagesWithBranches(rows, sessionID: sessionID, db: db),
            earlierCount: try Int.fetchOne(db, sql: count + "< ?", arguments: [sessionID, firstSeq]) ?? 0,
            laterCount: try Int.fetchOne(db, sql: count + "> ?", arguments: [sessionID, lastSeq]) ?? 0)
    }

    /// The seq of a message on the path; nil when it is not there.
    func pathSeq(of messageID: String, sessionID: String, db: Database) throws -> Int64? {
        try Int64.fetchOne(
            db, sql: "SELECT seq FROM message WHERE id = ? AND session_id = ? AND on_path = 1", arguments: [messageID, sessionID])
    }

    /// The path's messages with what a request needs of them (id, role, status, text, tool
    /// calls; nothing else is read), in conversation order, up to the one before `endMessageID`
    /// when given: the history a send carries when the conversation pane holds only a window
    /// of a long session (a regenerated reply carries the path above the reply it replaces).
    public func loadRequestHistory(sessionID: String, before endMessageID: String? = nil) throws(StoreError) -> [Message] {
        try perform {
            try writer.read { db in
                var endSeq = Int64.max
                if let endMessageID {
                    guard let seq = try pathSeq(of: endMessageID, sessionID: sessionID, db: db) else { return [] }
                    endSeq = seq
                }
                return try Row.fetchAll(
                    db,
                    sql: "SELECT id, role, status, tool_calls_json, tool_call_id, \(MessageRow.contentExpression) AS content "
                        + "FROM message WHERE session_id = ? AND on_path = 1 AND seq < ? ORDER BY seq, rowid",
                    arguments: [sessionID, endSeq]
                ).map { row in
                    var message = Message(
                        id: row["id"] ?? "", role: MessageRow.role(from: row["role"]), content: row["content"] ?? "",
                        createdAtMillis: 0, status: MessageRow.status(from: row["status"]))
                    message.toolCalls = StoredJSON.decode([StoredToolCall].self, from: row["tool_calls_json"])?.map(\.toolCall) ?? []
                    message.toolCallID = row["tool_call_id"]
                    return message
                }
            }
        }
    }
}
