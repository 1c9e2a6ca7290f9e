import StreamProtocol

/// Exactly what a reply was requested with, recorded when it was sent so the inspector shows
/// the real request even after the profile or the parameters changed.
public struct SentRequest: Sendable, Equatable, Codable {
    public var url: String
    public var dialect: Dialect
    /// The JSON body as sent (compact, UTF-8).
    public var body: String
    /// Whether an API key went with it (the key itself is never recorded).
    public var hadAPIKey: Bool
    /// Wire names of fields the user set that this dialect cannot carry, so were not sent.
    public var notCarried: [String]

    public init(url: String, dialect: Dialect, body: String, hadAPIKey: Bool, notCarried: [String] = []) {
        self.url = url
        self.dialect = dialect
        self.body = body
        self.hadAPIKey = hadAPIKey
        self.notCarried = notCarried
    }
}
