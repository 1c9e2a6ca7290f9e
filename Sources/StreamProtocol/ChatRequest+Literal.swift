/// `repositories` (RAG options) of the prem dialect, as a request built by hand gives them.
public struct RepositoryOptions: Sendable, Equatable {
    public var ids: [Int]?
    public var limit: Int?
    public var similarityThreshold: Double?
    public init(ids: [Int]? = nil, limit: Int? = nil, similarityThreshold: Double? = nil) {
        self.ids = ids
        self.limit = limit
        self.similarityThreshold = similarityThreshold
    }
}

extension ChatRequest {
    /// A request written out by hand (tests, the benchmark): JSON fields as values, kept as their
    /// compact text the way the pane keeps them. The app builds requests from a session's
    /// `SessionParameters` instead.
    public init(
        projectID: Int? = nil, model: String? = nil, messages: [ChatMessage] = [],
        systemPrompt: String? = nil, sessionID: String? = nil,
        temperature: Double? = nil, topP: Double? = nil, maxTokens: Int? = nil,
        frequencyPenalty: Double? = nil, presencePenalty: Double? = nil, seed: Int? = nil,
        stop: [String]? = nil, user: String? = nil, logitBias: JSONValue? = nil,
        responseFormat: JSONValue? = nil, tools: JSONValue? = nil, repositories: RepositoryOptions? = nil
    ) {
        self.init(messages: messages, parameters: SessionParameters(
            model: model, systemPrompt: systemPrompt, temperature: temperature, topP: topP, maxTokens: maxTokens,
            frequencyPenalty: frequencyPenalty, presencePenalty: presencePenalty, seed: seed, stop: stop, user: user,
            projectID: projectID, sessionID: sessionID, logitBias: logitBias?.compactText,
            responseFormat: responseFormat?.compactText, tools: tools?.compactText,
            repositoryIDs: repositories?.ids, repositoryLimit: repositories?.limit,
            similarityThreshold: repositories?.similarityThreshold))
    }
}
