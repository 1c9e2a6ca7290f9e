/// One RAG source the prem server attaches to a reply in its `done` event.
public struct DocumentChunk: Sendable, Equatable {
    public var repositoryID: Int?
    public var documentID: Int?
    public var chunkID: Int?
    public var documentName: String?
    public var similarityScore: Double?
    public var content: String?
    public init(
        repositoryID: Int? = nil, documentID: Int? = nil, chunkID: Int? = nil,
        documentName: String? = nil, similarityScore: Double? = nil, content: String? = nil
    ) {
        self.repositoryID = repositoryID
        self.documentID = documentID
        self.chunkID = chunkID
        self.documentName = documentName
        self.similarityScore = similarityScore
        self.content = content
    }
}

/// What the end of a successful stream told us.
public struct StreamCompletion: Sendable, Equatable {
    public var traceID: String?
    public var documentChunks: [DocumentChunk]
    /// The `document_chunks` line exactly as received (JSON text), kept for storage.
    public var documentChunksJSON: String?
    public init(traceID: String? = nil, documentChunks: [DocumentChunk] = [], documentChunksJSON: String? = nil) {
        self.traceID = traceID
        self.documentChunks = documentChunks
        self.documentChunksJSON = documentChunksJSON
    }
}

/// An error the server reported: a non-2xx body, or an `error` event inside the stream.
public struct APIError: Sendable, Equatable, Error {
    /// HTTP status, when the error came with one (nil for a mid-stream `error` event).
    public var status: Int?
    /// The server's error code (`RateLimitError`, `invalid_api_key`, ...), when given.
    public var code: String?
    /// A human-readable message; never empty (falls back to the shortened raw body).
    public var message: String
    /// Extra detail (`details` of a 400, `provider_message`, `type`), when given.
    public var details: String?
    public init(status: Int? = nil, code: String? = nil, message: String, details: String? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.details = details
    }
}

/// Token counts, when an `openai` server sends them in a final chunk.
public struct TokenUsage: Sendable, Equatable {
    public var promptTokens: Int?
    public var completionTokens: Int?
    public var totalTokens: Int?
    public init(promptTokens: Int? = nil, completionTokens: Int? = nil, totalTokens: Int? = nil) {
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.totalTokens = totalTokens
    }
}

extension TokenUsage {
    /// A later `usage` event updates what it names and keeps what it leaves out.
    public func updated(by newer: TokenUsage) -> TokenUsage {
        TokenUsage(
            promptTokens: newer.promptTokens ?? promptTokens,
            completionTokens: newer.completionTokens ?? completionTokens,
            totalTokens: newer.totalTokens ?? totalTokens)
    }
}

/// The decoded meaning of a stream, event by event, in either dialect. This is what the
/// reducer consumes; neither dialect's framing leaks past the decoder.
public enum StreamEvent: Sendable, Equatable {
    /// Text to append to the reply (never empty).
    case content(String)
    /// Text of the model's reasoning, streamed before (or beside) its answer: a delta's
    /// `reasoning_content` (DeepSeek, vLLM) or `reasoning` (Ollama, OpenRouter). Never empty.
    case reasoning(String)
    /// A piece of a tool call (`delta.tool_calls[]`): servers send a call's id and function
    /// name first, then its arguments in fragments, all under the call's index.
    /// `ToolCallAssembly` puts the pieces together.
    case toolCall(ToolCallDelta)
    /// The model that is answering, as the server named it (first chunk that carries one).
    case model(String)
    /// The server's reason for stopping (`stop`, `length`, ...).
    case finishReason(String)
    case usage(TokenUsage)
    /// The stream ended normally (`event: done` / `data: [DONE]`).
    case done(StreamCompletion)
    /// The stream ended with an error event.
    case error(APIError)
    /// A chunk whose data was not a JSON object: nothing of it can be shown, so it is skipped,
    /// and said (a reply that ends ✓ with a piece missing would otherwise look whole). Carries
    /// the start of the data as received (at most 80 characters), for the notice.
    case skipped(String)
}
