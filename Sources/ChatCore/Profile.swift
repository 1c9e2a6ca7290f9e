import StreamProtocol

/// Where requests go and the fixed parts of every request, from flags and config.
/// The API key is deliberately not here: it stays with the client, never in state that
/// views render or tests print.
public struct Profile: Sendable, Equatable {
    public var name: String
    public var baseURL: String
    public var dialect: Dialect
    public var projectID: Int?
    /// The model used when the session sets none.
    public var defaultModel: String?

    public init(name: String, baseURL: String, dialect: Dialect, projectID: Int?, defaultModel: String?) {
        self.name = name
        self.baseURL = baseURL
        self.dialect = dialect
        self.projectID = projectID
        self.defaultModel = defaultModel
    }
}
