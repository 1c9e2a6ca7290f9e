import ChatCore
import GRDB
import StreamProtocol

/// Conversion between `Message` and a row of the `message` table.
enum MessageRow {
    /// The columns written on every save, in the order of `values(of:)`.
    static let contentColumns = [
        "role", "content", "status", "error_json", "trace_id",
        "document_chunks_json", "model", "parameters_json", "created_at",
        "request_json", "stats_json", "reasoning", "tool_calls_json", "finish_reason", "tool_call_id",
        "tool_run_json",
    ]

    /// The columns `message(from:)` reads: all but `request_json`, which may be large (a whole
    /// body, when it could not be stored compactly) and is read only when the inspector asks.
    /// `parent_id` comes along for the branch positions (`SessionStore.messagesWithBranches`).
    static let loadedColumns = (["id", "parent_id"] + contentColumns.filter { $0 != "request_json" }.map {
        $0 == "content" ? contentExpression + " AS content" : $0
    }).joined(separator: ", ")

    /// A message's whole text: `content` plus the pieces a streaming reply appended since
    /// (`message_tail`, empty once the reply is finished), in order.
    static let contentExpression = "message.content || COALESCE((SELECT group_concat(text, '') FROM "
        + "(SELECT text FROM message_tail WHERE message_tail.message_id = message.id ORDER BY seq)), '')"

    /// `UPDATE … SET` assignments for `values(of:)`. A message without a request never clears
    /// a stored one: replies in memory (and their once-a-second saves) do not carry theirs.
    static let updateAssignments = contentColumns.map { column in
        column == "request_json" ? "request_json = COALESCE(?, request_json)" : "\(column) = ?"
    }.joined(separator: ", ")

    /// `requestJSON` is what `RequestRecord.storedJSON` made of `message.request`: it depends
    /// on the stored history, so it is worked out inside the saving transaction.
    static func values(of message: Message, requestJSON: String?) throws -> [DatabaseValueConvertible?] {
        [
            message.role.rawValue,
            message.content,
            message.status.rawValue,
            try StoredJSON.encode(message.error.map(StoredAPIError.init)),
            message.traceID,
            message.documentChunksJSON,
            message.model,
            try StoredJSON.encode(message.parameters),
            message.createdAtMillis,
            requestJSON,
            try StoredJSON.encode(message.stats),
            message.reasoning.isEmpty ? nil : message.reasoning,
            message.toolCalls.isEmpty ? nil : try StoredJSON.encode(message.toolCalls.map(StoredToolCall.init)),
            message.finishReason,
            message.toolCallID,
            try StoredJSON.encode(message.toolRun),
        ]
    }

    /// Reads a row leniently: the file may have been written by a newer chatterm or edited by
    /// hand, so unknown enum strings map to a sensible value and the text is always kept.
    static func message(from row: Row) -> Message {
        let errorJSON: String? = row["error_json"]
        var error = StoredJSON.decode(StoredAPIError.self, from: errorJSON)?.apiError
        if error == nil, errorJSON != nil {
            // Keep the fact that something went wrong even if its details are unreadable.
            error = APIError(message: "The details of this error could not be read from the session database.")
        }
        let roleText: String? = row["role"]
        let statusText: String? = row["status"]
        var message = Message(
            id: row["id"] ?? "",
            role: role(from: roleText),
            content: row["content"] ?? "",
            createdAtMillis: row["created_at"] ?? 0,
            status: status(from: statusText),
            error: error,
            traceID: row["trace_id"],
            documentChunksJSON: row["document_chunks_json"],
            model: row["model"],
            parameters: StoredJSON.decode(SessionParameters.self, from: row["parameters_json"]),
            // The request stays in the file (see `loadedColumns`); `loadSentRequest` reads it.
            request: nil,
            stats: StoredJSON.decode(ReplyStats.self, from: row["stats_json"])
        )
        message.reasoning = row["reasoning"] ?? ""
        message.toolCalls = StoredJSON.decode([StoredToolCall].self, from: row["tool_calls_json"])?.map(\.toolCall) ?? []
        message.finishReason = row["finish_reason"]
        message.toolCallID = row["tool_call_id"]
        // Unreadable (a newer chatterm's outcome, a hand edit): the result is kept, its record not.
        message.toolRun = StoredJSON.decode(ToolRunRecord.self, from: row["tool_run_json"])
        return message
    }

    /// An unknown role can only come from a newer version or a hand edit; showing it as a reply
    /// is harmless, whereas `user` would put words in the user's mouth and `system` would hide it.
    static func role(from text: String?) -> ChatRole {
        text.flatMap(ChatRole.init(rawValue:)) ?? .assistant
    }

    /// An unknown status becomes `complete`: every non-complete status we know carries a meaning
    /// (still arriving, cancelled, failed) that we cannot claim for a value we do not understand.
    static func status(from text: String?) -> MessageStatus {
        text.flatMap(MessageStatus.init(rawValue:)) ?? .complete
    }
}
