/// The request fields a user sets for a session. `nil` means unset: never sent.
/// Stored per session (as JSON) and copied onto each assistant message it produced.
public struct SessionParameters: Sendable, Equatable, Codable {
    public var model: String?
    public var systemPrompt: String?
    public var temperature: Double?
    public var topP: Double?
    public var maxTokens: Int?
    public var frequencyPenalty: Double?
    public var presencePenalty: Double?
    public var seed: Int?
    public var stop: [String]?
    public var user: String?

    public init(
        model: String? = nil, systemPrompt: String? = nil, temperature: Double? = nil,
        topP: Double? = nil, maxTokens: Int? = nil, frequencyPenalty: Double? = nil,
        presencePenalty: Double? = nil, seed: Int? = nil, stop: [String]? = nil, user: String? = nil
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
    }
}
