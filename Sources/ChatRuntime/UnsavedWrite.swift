import ChatCore
import Foundation

/// A store write that has not reached the database yet, described for the user: what it
/// would change, in which session, and the text it carries. Written as one JSON object per
/// line to the recovery file when chatterm quits with it still unsaved.
public struct UnsavedWrite: Sendable, Equatable {
    /// The store call, by the effect's name: `createSession`, `saveMessage`, ...
    public var change: String
    public var sessionID: String?
    /// What the write carries (a message's role and text, a title, a draft), by name.
    public var fields: [String: String]

    public init(change: String, sessionID: String?, fields: [String: String] = [:]) {
        self.change = change
        self.sessionID = sessionID
        self.fields = fields
    }

    /// For a write that stores a whole record (a message by id, a session's draft or
    /// parameters), the record: a later write of it makes this one needless.
    var replaces: String? {
        switch change {
        case "saveMessage": fields["message"].map { "saveMessage \(sessionID ?? "") \($0)" }
        case "saveDraft", "saveParameters": "\(change) \(sessionID ?? "")"
        default: nil
        }
    }

    /// One line of the recovery file: `change`, `session` and the fields, keys sorted.
    public var jsonLine: String {
        var object = fields
        object["change"] = change
        if let sessionID { object["session"] = sessionID }
        // A [String: String] always encodes; the fallback keeps the write's name at least.
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(object), let line = String(data: data, encoding: .utf8)
        else { return "{\"change\":\"\(change)\"}" }
        return line
    }
}

extension UnsavedWrite {
    /// A message as the recovery file keeps it: who said what, and when.
    init(_ message: Message, sessionID: String) {
        var fields = [
            "message": message.id, "role": message.role.rawValue, "content": message.content,
            "createdAtMillis": "\(message.createdAtMillis)", "status": message.status.rawValue,
        ]
        if !message.reasoning.isEmpty { fields["reasoning"] = message.reasoning }
        if let model = message.model { fields["model"] = model }
        self.init(change: "saveMessage", sessionID: sessionID, fields: fields)
    }
}
