/// The request fields a user sets for a session: every field of the seed schema except
/// `messages` and `stream`. `nil` means unset: never sent. Stored per session (as JSON),
/// copied onto each assistant message it produced, and saved under a name as a preset.
///
/// JSON-valued fields (`logit_bias`, `response_format`, `tools`) are kept as the compact JSON
/// text the user entered, validated when it was accepted; the request carries it parsed.
/// Fields added after the first release decode as unset from older rows (synthesised
/// `Decodable` treats a missing optional as nil), so stored sessions keep loading.
public struct SessionParameters: Sendable, Equatable, Codable {
    public var model: String?
    public var systemPrompt: String?
    public var temperature: Double?
    public var topP: Double?
    public var maxTokens: Int?
    public var frequencyPenalty: Double?
    public var presencePenalty: Double?
    public var seed: Int?
    /// Up to four sequences: one is sent as a string, several as an array.
    public var stop: [String]?
    public var user: String?
    /// Overrides the profile's project id for this session (prem only).
    public var projectID: Int?
    /// Overrides the `session_id` sent (prem only); nil sends the session's own stable id.
    /// "Regenerate" sets a fresh one.
    public var sessionID: String?
    /// `logit_bias`: a JSON object of token id → -100...100, as compact JSON text.
    public var logitBias: String?
    /// `response_format`: a JSON object, as compact JSON text.
    public var responseFormat: String?
    /// `tools`: a JSON array of function tools, as compact JSON text.
    public var tools: String?
    /// `repositories.ids` (prem only).
    public var repositoryIDs: [Int]?
    /// `repositories.limit` (prem only).
    public var repositoryLimit: Int?
    /// `repositories.similarity_threshold` (prem only).
    public var similarityThreshold: Double?

    public init(
        model: String? = nil, systemPrompt: String? = nil, temperature: Double? = nil,
        topP: Double? = nil, maxTokens: Int? = nil, frequencyPenalty: Double? = nil,
        presencePenalty: Double? = nil, seed: Int? = nil, stop: [String]? = nil, user: String? = nil,
        projectID: Int? = nil, sessionID: String? = nil, logitBias: String? = nil,
        responseFormat: String? = nil, tools: String? = nil, repositoryIDs: [Int]? = nil,
        repositoryLimit: Int? = nil, similarityThreshold: Double? = nil
    ) {
        self.model = model
        self.systemPrompt = systemPrompt
        self.temperature = temperature
        self.topP = topP
        self.maxTokens = maxTokens
        self.frequencyPenalty = frequencyPenalty
        self.presencePenalty = presencePenalty
        self.seed = seed
        self.stop = stop
        self.user = user
        self.projectID = projectID
        self.sessionID = sessionID
        self.logitBias = logitBias
        self.responseFormat = responseFormat
        self.tools = tools
        self.repositoryIDs = repositoryIDs
        self.repositoryLimit = repositoryLimit
        self.similarityThreshold = similarityThreshold
    }
}
