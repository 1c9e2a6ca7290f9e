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

/// `repositories` (RAG options) of the prem dialect. Each member is optional; an all-nil value
/// is not sent.
public struct RepositoryOptions: Sendable, Equatable {
    public var ids: [Int]?
    public var limit: Int?
    public var similarityThreshold: Double?
    public init(ids: [Int]? = nil, limit: Int? = nil, similarityThreshold: Double? = nil) {
        self.ids = ids
        self.limit = limit
        self.similarityThreshold = similarityThreshold
    }
    public var isEmpty: Bool { ids == nil && limit == nil && similarityThreshold == nil }
}

/// One chat-completions request, dialect-neutral: every field of the seed schema
/// (`ChatCompletionCreateParamsStreaming`). `nil` means "the user has not set it" and such a
/// field is never sent; `stream` is always true and so is not stored.
public struct ChatRequest: Sendable, Equatable {
    public var projectID: Int?
    public var model: String?
    /// The conversation so far, `user` and `assistant` turns only.
    public var messages: [ChatMessage]
    public var systemPrompt: String?
    public var sessionID: String?
    public var temperature: Double?
    public var topP: Double?
    public var maxTokens: Int?
    public var frequencyPenalty: Double?
    public var presencePenalty: Double?
    public var seed: Int?
    /// Up to four stop sequences: one is sent as a string, several as an array, none not at all.
    public var stop: [String]?
    public var user: String?
    public var logitBias: JSONValue?
    public var responseFormat: JSONValue?
    public var tools: JSONValue?
    public var repositories: RepositoryOptions?

    public init(
        projectID: Int? = nil, model: String? = nil, messages: [ChatMessage] = [],
        systemPrompt: String? = nil, sessionID: String? = nil,
        temperature: Double? = nil, topP: Double? = nil, maxTokens: Int? = nil,
        frequencyPenalty: Double? = nil, presencePenalty: Double? = nil, seed: Int? = nil,
        stop: [String]? = nil, user: String? = nil, logitBias: JSONValue? = nil,
        responseFormat: JSONValue? = nil, tools: JSONValue? = nil, repositories: RepositoryOptions? = nil
    ) {
        self.projectID = projectID
        self.model = model
        self.messages = messages
        self.systemPrompt = systemPrompt
        self.sessionID = sessionID
        self.temperature = temperature
        self.topP = topP
        self.maxTokens = maxTokens
        self.frequencyPenalty = frequencyPenalty
        self.presencePenalty = presencePenalty
        self.seed = seed
        self.stop = stop
        self.user = user
        self.logitBias = logitBias
        self.responseFormat = responseFormat
        self.tools = tools
        self.repositories = repositories
    }
}
