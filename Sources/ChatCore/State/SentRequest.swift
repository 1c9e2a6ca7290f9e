import StreamProtocol

/// Exactly what a reply was requested with, recorded when it was sent so the inspector shows
/// the real request even after the profile or the parameters changed.
public struct SentRequest: Sendable, Equatable, Codable {
    public var url: String
    public var dialect: Dialect
    /// The JSON body as sent (compact, UTF-8). Empty when `historyUnavailable`.
    public var body: String
    /// Whether an API key went with it (the key itself is never recorded).
    public var hadAPIKey: Bool
    /// Wire names of fields the user set that this dialect cannot carry, so were not sent.
    public var notCarried: [String]
    /// Ids of the stored user and assistant messages the body's `messages` array carries, in
    /// order (an openai system prompt is not one of them). The store keeps the body without
    /// their text and puts it back from the messages themselves. Nil in records made before.
    public var historyMessageIDs: [String]?
    /// Set by the store when the body could not be rebuilt exactly because a message it carried
    /// was deleted or changed since; `body` is then empty rather than wrong. Never stored.
    public var historyUnavailable: Bool

    public init(
        url: String, dialect: Dialect, body: String, hadAPIKey: Bool, notCarried: [String] = [],
        historyMessageIDs: [String]? = nil, historyUnavailable: Bool = false
    ) {
        self.url = url
        self.dialect = dialect
        self.body = body
        self.hadAPIKey = hadAPIKey
        self.notCarried = notCarried
        self.historyMessageIDs = historyMessageIDs
        self.historyUnavailable = historyUnavailable
    }

    // `historyUnavailable` is a finding of the read, not part of the record.
    private enum CodingKeys: String, CodingKey {
        case url, dialect, body, hadAPIKey, notCarried, historyMessageIDs
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            url: try container.decode(String.self, forKey: .url),
            dialect: try container.decode(Dialect.self, forKey: .dialect),
            body: try container.decode(String.self, forKey: .body),
            hadAPIKey: try container.decode(Bool.self, forKey: .hadAPIKey),
            notCarried: try container.decode([String].self, forKey: .notCarried),
            historyMessageIDs: try container.decodeIfPresent([String].self, forKey: .historyMessageIDs))
    }
}
