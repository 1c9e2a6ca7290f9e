/// One `[mcp.NAME]` table of config.toml, as plain values: how to reach a Model Context
/// Protocol server and how much its tools may do without asking. ChattermConfig parses and
/// checks it; the runtime's tool servers start from it; the reducer reads the approval policy.
public struct ToolServerConfig: Sendable, Equatable {
    /// The table's NAME: the prefix of its tools' names on the wire (`NAME__tool`).
    public var name: String
    public var transport: Transport
    /// `approve`: ask before every call (the default), or run without asking.
    public var approval: ToolApprovalPolicy
    /// `approve_tools`: tools of this server that run without asking even when `approve = "ask"`.
    public var autoApprovedTools: [String]
    /// `tools`: when set, only these of the server's tools are offered to the model.
    public var allowedTools: [String]?
    /// `timeout`: seconds one call may take before it is stopped and reported as timed out.
    public var timeoutSeconds: Int
    /// `enabled = false` keeps the table but starts nothing.
    public var enabled: Bool

    public static let defaultTimeoutSeconds = 60

    public enum Transport: Sendable, Equatable {
        /// A child process speaking JSON-RPC on its stdin/stdout; its stderr goes to a log file.
        case stdio(command: String, arguments: [String], environment: [String: String])
        /// Streamable HTTP; `bearerTokenEnvironment` names the environment variable holding a key
        /// (the key itself is never in the file).
        case http(url: String, bearerTokenEnvironment: String?)
    }

    public init(
        name: String, transport: Transport, approval: ToolApprovalPolicy = .ask, autoApprovedTools: [String] = [],
        allowedTools: [String]? = nil, timeoutSeconds: Int = ToolServerConfig.defaultTimeoutSeconds, enabled: Bool = true
    ) {
        self.name = name
        self.transport = transport
        self.approval = approval
        self.autoApprovedTools = autoApprovedTools
        self.allowedTools = allowedTools
        self.timeoutSeconds = timeoutSeconds
        self.enabled = enabled
    }

    /// Whether a call of `tool` runs without the user's `y`.
    public func runsWithoutAsking(_ tool: String) -> Bool {
        approval == .always || autoApprovedTools.contains(tool)
    }
}

public enum ToolApprovalPolicy: String, Sendable, Equatable, CaseIterable {
    case ask
    case always
}

/// The tool settings of a run: the configured servers and how many tool rounds one user turn
/// may take (`max_tool_rounds`, top level of config.toml).
public struct ToolSettings: Sendable, Equatable {
    public var servers: [ToolServerConfig]
    public var maxToolRounds: Int

    public static let defaultMaxToolRounds = 8

    public init(servers: [ToolServerConfig] = [], maxToolRounds: Int = ToolSettings.defaultMaxToolRounds) {
        self.servers = servers
        self.maxToolRounds = maxToolRounds
    }

    public func server(named name: String) -> ToolServerConfig? { servers.first { $0.name == name } }
}
