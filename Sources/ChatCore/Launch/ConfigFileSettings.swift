import StreamProtocol

/// What a config file said, already type- and range-checked by its parser (`ChattermConfig`),
/// before flags and the environment are applied. Every value is optional: a key the file
/// leaves out falls back to the flag default. Plain data, so `LaunchSettings.resolve` stays pure.
public struct ConfigFileSettings: Sendable, Equatable {
    /// The file it came from, quoted in messages about its values.
    public var path: String
    public var baseURL: String?
    public var dialect: Dialect?
    public var projectID: Int?
    public var model: String?
    public var theme: String?
    public var databasePath: String?
    public var maxRetries: Int?
    public var connectTimeoutSeconds: Double?
    public var idleNoticeSeconds: Int?
    public var idleTimeoutSeconds: Double?
    /// `ca_file`: a PEM file of certificate authorities to trust instead of the system's, for a
    /// company gateway or a self-hosted server (resolved against the file's directory).
    public var caFile: String?
    /// Only accepted from a file no one else can read. Never shown: see `description`.
    public var apiKey: String?
    /// `api_key_command`: a shell command whose first output line is the key (a password
    /// manager: `pass show prem`), run once per launch when the key variable is not set.
    public var apiKeyCommand: String?
    /// The `[defaults]` table: what a new session starts with and what "reset" restores.
    public var defaults: SessionParameters
    /// The `[profiles.NAME]` tables, by name order.
    public var profiles: [ConfigProfile] = []
    /// `default_profile`: used when `--profile` is not given (checked to name a profile).
    public var defaultProfile: String?
    /// `[ask] store`: `chatterm ask` without `--session` stores each ask as a new session.
    public var askStoresSessions: Bool?
    /// `[clipboard] method`: how copies reach the clipboard (default `auto`).
    public var clipboardMethod: ClipboardMethod?
    /// `[mouse] enabled`: clicks and the wheel from the start (default off).
    public var mouseEnabled: Bool?
    /// `[display] markdown`: replies rendered as Markdown (default on).
    public var markdownReplies: Bool?
    /// `[display] user_markdown`: the user's messages rendered as Markdown too (default off).
    public var markdownUserMessages: Bool?
    /// The `[mcp.NAME]` tables and `max_tool_rounds` (issue 23): what `LaunchState.toolSettings`
    /// gets; empty servers when the file names none.
    public var toolSettings = ToolSettings()
    /// The `[keys]` table applied to the default keymap.
    public var keymap: Keymap = .defaults
    /// What was wrong in `[keys]`, one sentence each naming the file, line and key. Unlike the
    /// rest of the file these do not stop chatterm: the entries are left out, their commands
    /// keep their default keys, and the app says so on its status line.
    public var keymapProblems: [String] = []
    /// `[keys]` entries kept that the user should know about (a default command left with no
    /// key, a key an earlier context takes): said as warnings, never as problems.
    public var keymapWarnings: [String] = []

    public init(
        path: String, baseURL: String? = nil, dialect: Dialect? = nil, projectID: Int? = nil, model: String? = nil,
        theme: String? = nil, databasePath: String? = nil, maxRetries: Int? = nil,
        connectTimeoutSeconds: Double? = nil, idleNoticeSeconds: Int? = nil, idleTimeoutSeconds: Double? = nil,
        apiKey: String? = nil, defaults: SessionParameters = SessionParameters()
    ) {
        self.path = path
        self.baseURL = baseURL
        self.dialect = dialect
        self.projectID = projectID
        self.model = model
        self.theme = theme
        self.databasePath = databasePath
        self.maxRetries = maxRetries
        self.connectTimeoutSeconds = connectTimeoutSeconds
        self.idleNoticeSeconds = idleNoticeSeconds
        self.idleTimeoutSeconds = idleTimeoutSeconds
        self.apiKey = apiKey
        self.defaults = defaults
    }
}

/// Printing the settings (a test failure, a debug log) must never print the key.
extension ConfigFileSettings: CustomStringConvertible, CustomDebugStringConvertible {
    public var description: String {
        "ConfigFileSettings(path: \(path), baseURL: \(baseURL ?? "nil"), dialect: \(dialect?.rawValue ?? "nil"), "
            + "projectID: \(projectID.map(String.init) ?? "nil"), model: \(model ?? "nil"), "
            + "apiKey: \(apiKey == nil ? "nil" : "<redacted>"), defaults: \(defaults))"
    }
    public var debugDescription: String { description }
}

/// The allowed ranges of the launch settings, shared by the flag checks and the config parser
/// so a value means the same wherever it is written.
public enum LaunchLimits {
    public static let maxRetries = 0...10
    /// Seconds. Fractions are allowed (libcurl takes milliseconds).
    public static let connectTimeoutSeconds = 0.1...300.0
    public static let idleNoticeSeconds = 1...3600
    public static let idleTimeoutSeconds = 1.0...86_400.0

    public static let defaultMaxRetries = 3
    public static let defaultConnectTimeoutSeconds = 10.0
    public static let defaultIdleNoticeSeconds = 15

    /// "10", "2.5": what a message shows for a number of seconds.
    public static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() && abs(seconds) < 1e15 ? String(Int64(seconds)) : String(seconds)
    }

    /// Why `key` cannot be used as a bearer token, or nil when it can. A space, a control
    /// character or non-ASCII text in a header would be rejected by the server at best and
    /// inject a header at worst. The key itself is never part of the answer.
    public static func problemWithAPIKey(_ key: String) -> String? {
        if key.isEmpty { return "is empty" }
        if key.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value > 0x7E }) {
            return "contains a space, a control character or a non-ASCII character"
        }
        return nil
    }
}
