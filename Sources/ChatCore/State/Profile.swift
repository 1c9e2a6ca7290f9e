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
    /// What "reset to defaults" restores, and what the first session of a run starts with
    /// (Ctrl+N carries the current parameters over instead).
    public var defaultParameters: SessionParameters
    /// Whether requests carry an API key (shown as a redacted header in curl commands).
    public var hasAPIKey: Bool
    /// The environment variable the key comes from, which curl commands refer to in its place.
    public var apiKeyVariable: String
    /// After this many seconds without a byte the status line says "no data for N s".
    public var idleNoticeSeconds: Int
    /// A `[profiles.NAME]` table of config.toml (chosen by `--profile` or `default_profile`)
    /// made this profile; false when flags, the environment and the file's top level did. The
    /// parameters pane calls its fallbacks "(profile)" only then, else "(default)".
    public var isConfigured = false

    public init(
        name: String, baseURL: String, dialect: Dialect, projectID: Int?, defaultModel: String?,
        defaultParameters: SessionParameters = SessionParameters(), hasAPIKey: Bool = false,
        idleNoticeSeconds: Int = 15, apiKeyVariable: String? = nil
    ) {
        self.apiKeyVariable = apiKeyVariable ?? LaunchSettings.keyVariable(for: dialect)
        self.name = name
        self.baseURL = baseURL
        self.dialect = dialect
        self.projectID = projectID
        self.defaultModel = defaultModel
        self.defaultParameters = defaultParameters
        self.hasAPIKey = hasAPIKey
        self.idleNoticeSeconds = idleNoticeSeconds
    }
}
