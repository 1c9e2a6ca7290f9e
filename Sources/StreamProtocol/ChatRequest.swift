/// Who wrote a message. `system` exists only on the wire of the `openai` dialect, where the
/// system prompt travels as the first message; in the `prem` dialect it goes in `system_prompt`.
/// `tool` is the result of a tool call the model asked for (openai dialect only: prem's API has
/// no such role).
public enum ChatRole: String, Sendable, Equatable, Codable {
    case system, user, assistant, tool
}

public struct ChatMessage: Sendable, Equatable {
    public var role: ChatRole
    public var content: String
    /// The calls an assistant turn asked for (sent back as its `tool_calls`).
    public var toolCalls: [ToolCall]
    /// The call a `tool` message answers.
    public var toolCallID: String?

    public init(role: ChatRole, content: String, toolCalls: [ToolCall] = [], toolCallID: String? = nil) {
        self.role = role
        self.content = content
        self.toolCalls = toolCalls
        self.toolCallID = toolCallID
    }

    /// Whether prem's API could carry this turn (it has no tool calls or tool results).
    public var isPlainTurn: Bool { role != .tool && toolCalls.isEmpty }
}

/// One chat-completions request, dialect-neutral: the conversation and the request fields
/// (`SessionParameters`, the one declaration of the fields; the table in Fields/ says how each is
/// sent). `nil` means "not set" and such a field is never sent; `stream` is always true and so
/// is not stored. Fallbacks (the profile's model and project id, the session's id) are already
/// filled in. `request.temperature` reads the field through `parameters`.
@dynamicMemberLookup
public struct ChatRequest: Sendable, Equatable {
    /// The conversation so far, `user` and `assistant` turns only.
    public var messages: [ChatMessage]
    public var parameters: SessionParameters

    public init(messages: [ChatMessage] = [], parameters: SessionParameters) {
        self.messages = messages
        self.parameters = parameters
    }

    public subscript<Value>(dynamicMember path: WritableKeyPath<SessionParameters, Value>) -> Value {
        get { parameters[keyPath: path] }
        set { parameters[keyPath: path] = newValue }
    }
}
