import Deterministic
import ChatCore
import GRDB
import StreamProtocol

/// What `message.request_json` holds: either a whole `SentRequest` (as before, and whenever
/// the body cannot be cut exactly) or this compact record, whose body lacks the history its
/// `historyMessageIDs` name. The history is put back from those messages (same session) when
/// the request is read, and the result is checked against the recorded length and hash.
///
/// An older chatterm cannot decode this record (it has no `body`) and shows "not recorded",
/// never a wrong body.
struct CompactRequestRecord: Codable, Equatable {
    var url: String
    var dialect: Dialect
    var hadAPIKey: Bool
    var notCarried: [String]
    var historyMessageIDs: [String]
    var bodyHead: String
    var bodyTail: String
    /// The whole body's length in UTF-8 bytes, and its 64-bit FNV-1a hash as 16 hex digits.
    var bodyLength: Int
    var bodyFNV1a: String
}

enum RequestRecord {
    /// The text to store for `request` when saving a message of `sessionID`: the compact record
    /// when the body can be rebuilt byte for byte from the history messages as they are stored
    /// now (checked here, in the same transaction), otherwise the whole request.
    static func storedJSON(for request: SentRequest?, sessionID: String, db: Database) throws -> String? {
        guard let request else { return nil }
        if let ids = request.historyMessageIDs, !ids.isEmpty,
           let history = try storedHistory(ids, sessionID: sessionID, db: db) {
            let body = Array(request.body.utf8)
            let encoded = BodyCompaction.encodedHistory(history)
            if let compaction = BodyCompaction.split(body, around: encoded) {
                return try StoredJSON.encode(CompactRequestRecord(
                    url: request.url, dialect: request.dialect, hadAPIKey: request.hadAPIKey,
                    notCarried: request.notCarried, historyMessageIDs: ids,
                    bodyHead: String(decoding: compaction.head, as: UTF8.self),
                    bodyTail: String(decoding: compaction.tail, as: UTF8.self),
                    bodyLength: body.count, bodyFNV1a: FNV1a.hex(body)))
            }
        }
        return try StoredJSON.encode(request)
    }

    /// The request recorded in `json` for a message of `sessionID`; nil when there is none or it
    /// is unreadable. A compact record whose history is gone or changed comes back with
    /// `historyUnavailable` and an empty body.
    static func load(_ json: String?, sessionID: String, db: Database) throws -> SentRequest? {
        if let compact = StoredJSON.decode(CompactRequestRecord.self, from: json) {
            var request = SentRequest(
                url: compact.url, dialect: compact.dialect, body: "", hadAPIKey: compact.hadAPIKey,
                notCarried: compact.notCarried, historyMessageIDs: compact.historyMessageIDs)
            if let body = try rebuiltBody(compact, sessionID: sessionID, db: db) {
                request.body = body
            } else {
                request.historyUnavailable = true
            }
            return request
        }
        return StoredJSON.decode(SentRequest.self, from: json)
    }

    private static func rebuiltBody(_ record: CompactRequestRecord, sessionID: String, db: Database) throws -> String? {
        guard let history = try storedHistory(record.historyMessageIDs, sessionID: sessionID, db: db) else { return nil }
        let compaction = BodyCompaction(head: Array(record.bodyHead.utf8), tail: Array(record.bodyTail.utf8))
        let body = compaction.body(with: BodyCompaction.encodedHistory(history))
        guard body.count == record.bodyLength, FNV1a.hex(body) == record.bodyFNV1a else { return nil }
        return String(decoding: body, as: UTF8.self)
    }

    /// The messages `ids` name, as the body carries them (role and text), in that order; nil
    /// when one is missing from the session or is not a user or assistant message.
    private static func storedHistory(_ ids: [String], sessionID: String, db: Database) throws -> [ChatMessage]? {
        let statement = try db.cachedStatement(
            sql: "SELECT role, \(MessageRow.contentExpression) AS content FROM message WHERE id = ? AND session_id = ?")
        var history: [ChatMessage] = []
        history.reserveCapacity(ids.count)
        for id in ids {
            guard let row = try Row.fetchOne(statement, arguments: [id, sessionID]),
                  let roleText: String = row["role"], let role = ChatRole(rawValue: roleText), role != .system,
                  let content: String = row["content"]
            else { return nil }
            history.append(ChatMessage(role: role, content: content))
        }
        return history
    }
}
