/// One `chatterm ask`, as decided from its arguments (files and standard input already read).
public struct AskJob: Sendable, Equatable {
    public enum SessionChoice: Sendable, Equatable {
        /// `--session new`: store the turn in a new session.
        case new
        /// `--session ID`: an id or an unambiguous prefix of one.
        case existing(String)

        public init(_ text: String) {
            self = text == "new" ? .new : .existing(text)
        }
    }

    /// Print the request instead of sending it.
    public enum DryRun: Sendable, Equatable {
        case showRequest
        case curl
    }

    public var prompt: String
    public var fields: AskFieldFlags
    public var preset: String?
    public var session: SessionChoice?
    /// `[ask] store = true`: without `--session`, each ask is stored as a new session.
    public var storesNewSessions: Bool
    public var output: AskOutput.Format
    public var dryRun: DryRun?
    /// `--mcp NAME`, `--no-mcp`, `--approve-tools`: which tool servers start and who approves.
    public var toolServers: AskToolServers

    public init(
        prompt: String, fields: AskFieldFlags, preset: String? = nil, session: SessionChoice? = nil,
        storesNewSessions: Bool = false, output: AskOutput.Format = .text(raw: false), dryRun: DryRun? = nil,
        toolServers: AskToolServers = AskToolServers()
    ) {
        self.prompt = prompt
        self.fields = fields
        self.preset = preset
        self.session = session
        self.storesNewSessions = storesNewSessions
        self.output = output
        self.dryRun = dryRun
        self.toolServers = toolServers
    }

    /// Whether the turn is written to the store (never for a dry run).
    public var storesTurn: Bool { dryRun == nil && (session != nil || storesNewSessions) }

    /// Whether the store is read at all: to store, to continue a session, or for a preset.
    public var needsStore: Bool { storesTurn || session != nil || preset != nil }
}
