import StreamProtocol

/// What the runtime reports of one MCP server: where it is in its life and the tools it listed.
/// Every change is reported whole (`Action.toolServersChanged`), so the reducer never merges.
public struct ToolServerStatus: Sendable, Equatable {
    public var name: String
    public var phase: Phase
    /// The tools the server listed (after the config's `tools` allow-list), in its order.
    public var tools: [ToolSpec]
    /// Where its stderr goes (in the data dir); nil for an HTTP server.
    public var logPath: String?

    public enum Phase: Sendable, Equatable {
        case starting
        case running
        /// Crashed once and is being started again (a server is restarted once).
        case restarting(lastLine: String)
        /// Gave up: the last line of its stderr, or what went wrong (untrusted text).
        case failed(lastLine: String)
    }

    public init(name: String, phase: Phase, tools: [ToolSpec] = [], logPath: String? = nil) {
        self.name = name
        self.phase = phase
        self.tools = tools
        self.logPath = logPath
    }
}

/// One tool a server offers.
public struct ToolSpec: Sendable, Equatable {
    public var server: String
    /// The server's own name for it (what `tools/call` names).
    public var name: String
    /// Untrusted text: drawn sanitised.
    public var description: String
    /// The JSON schema of its arguments, as JSON text (sent as the function's `parameters`).
    public var inputSchemaJSON: String

    public init(server: String, name: String, description: String, inputSchemaJSON: String) {
        self.server = server
        self.name = name
        self.description = description
        self.inputSchemaJSON = inputSchemaJSON
    }

    /// The name the model sees: `SERVER__TOOL`, cut to what OpenAI-style names allow
    /// (`^[a-zA-Z0-9_-]{1,64}$`; other characters become `_`).
    public var wireName: String { ToolSpec.wireName(server: server, tool: name) }

    public static func wireName(server: String, tool: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")
        let raw = "\(server)__\(tool)"
        return String(String(raw.map { allowed.contains($0) ? $0 : "_" }).prefix(64))
    }
}

/// One call the runtime is asked to make (`Effect.runTool`).
public struct ToolInvocation: Sendable, Equatable {
    /// The model's id for the call (`ToolCall.wireID`): `stopTool` and the answer name it.
    public var callID: String
    public var server: String
    public var tool: String
    /// The arguments as the model wrote them (meant to be a JSON object; the runtime says so
    /// when it is not).
    public var argumentsJSON: String
    public var timeoutSeconds: Int

    public init(callID: String, server: String, tool: String, argumentsJSON: String, timeoutSeconds: Int) {
        self.callID = callID
        self.server = server
        self.tool = tool
        self.argumentsJSON = argumentsJSON
        self.timeoutSeconds = timeoutSeconds
    }
}

/// What came of a call (`Action.toolFinished`).
public struct ToolCallResult: Sendable, Equatable {
    /// The result's text parts joined (other content kinds described in a line each), or the
    /// problem; untrusted, and cut at `maxTextBytes` with a note.
    public var text: String
    public var outcome: ToolRunOutcome

    public static let maxTextBytes = 256 * 1024

    public init(text: String, outcome: ToolRunOutcome) {
        self.text = text
        self.outcome = outcome
    }
}

/// How a call ended, as stored with its `tool` message.
public enum ToolRunOutcome: String, Sendable, Equatable, CaseIterable {
    /// The server answered (`isError: false`).
    case succeeded
    /// The server answered with `isError: true`, or could not be reached, or crashed mid-call.
    case failed
    /// The user said no (`n`): the model is told so and can go on.
    case refused
    /// It took longer than the server's `timeout`.
    case timedOut = "timed-out"
    /// The user stopped it (Esc) while it ran.
    case stopped
}

/// Kept with a `tool` message that chatterm ran (or refused): which server and tool, how it
/// ended and how long it took. Results typed by hand (`a`) have none.
public struct ToolRunRecord: Sendable, Equatable, Codable {
    public var server: String
    public var tool: String
    public var outcome: ToolRunOutcome
    public var elapsedMillis: Int64?

    public init(server: String, tool: String, outcome: ToolRunOutcome, elapsedMillis: Int64? = nil) {
        self.server = server
        self.tool = tool
        self.outcome = outcome
        self.elapsedMillis = elapsedMillis
    }
}

extension ToolRunOutcome: Codable {}
