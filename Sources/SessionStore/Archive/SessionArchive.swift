import ChatCore
import Foundation
import StreamProtocol

/// chatterm's own export format: one session with every field the store keeps, every version
/// of every message (each with its parent and whether it is on the path shown) and each reply's
/// request as sent. `chatterm import` reads it back into the same rows.
///
/// A file holds one session (`chatterm export`), or an array of them. Keys are the Swift field
/// names, as in the database's JSON columns; unknown keys are ignored, so a file written by a
/// later chatterm still imports what this one knows.
public struct SessionArchive: Codable, Equatable, Sendable {
    public static let formatName = "chatterm-session"
    public static let currentVersion = 1

    public var format: String
    public var version: Int
    public var session: Session
    public var messages: [ArchivedMessage]

    public struct Session: Codable, Equatable, Sendable {
        public var id: String
        public var title: String
        public var createdAt: Int64
        public var updatedAt: Int64
        public var parameters: SessionParameters?
    }

    public init(session: Session, messages: [ArchivedMessage]) {
        format = Self.formatName
        version = Self.currentVersion
        self.session = session
        self.messages = messages
    }

    /// Pretty-printed with sorted keys: stable output, readable diffs.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}

/// One message of an archive: a stored row, field by field.
public struct ArchivedMessage: Codable, Equatable, Sendable {
    public var id: String
    /// Nil for a root (the first message, or another version of it).
    public var parentID: String?
    /// On the path the session shows.
    public var onPath: Bool
    public var role: String
    public var content: String
    public var status: String
    public var createdAt: Int64
    public var model: String?
    public var parameters: SessionParameters?
    public var request: SentRequest?
    public var stats: ReplyStats?
    /// The same shapes as the database's JSON columns (one format for both).
    var error: StoredAPIError?
    public var traceID: String?
    /// Prem's `document_chunks` exactly as received (JSON text).
    public var documentChunks: String?
    public var reasoning: String?
    var toolCalls: [StoredToolCall]?
    public var finishReason: String?
    public var toolCallID: String?
    /// For a `tool` message chatterm ran or refused: server, tool, outcome, time taken.
    public var toolRun: ToolRunRecord?

    /// The message as chatterm holds it (`request` included), and where it hangs.
    var message: Message {
        var message = Message(
            id: id, role: MessageRow.role(from: role), content: content, createdAtMillis: createdAt,
            status: MessageRow.status(from: status), error: error?.apiError, traceID: traceID,
            documentChunksJSON: documentChunks, model: model, parameters: parameters, request: request, stats: stats)
        message.reasoning = reasoning ?? ""
        message.toolCalls = toolCalls?.map(\.toolCall) ?? []
        message.finishReason = finishReason
        message.toolCallID = toolCallID
        message.toolRun = toolRun
        return message
    }

    init(_ message: Message, parentID: String?, onPath: Bool) {
        id = message.id
        self.parentID = parentID
        self.onPath = onPath
        role = message.role.rawValue
        content = message.content
        status = message.status.rawValue
        createdAt = message.createdAtMillis
        model = message.model
        parameters = message.parameters
        request = message.request
        stats = message.stats
        error = message.error.map(StoredAPIError.init)
        traceID = message.traceID
        documentChunks = message.documentChunksJSON
        reasoning = message.reasoning.isEmpty ? nil : message.reasoning
        toolCalls = message.toolCalls.isEmpty ? nil : message.toolCalls.map(StoredToolCall.init)
        finishReason = message.finishReason
        toolCallID = message.toolCallID
        toolRun = message.toolRun
    }
}
