import ChatCore

/// Which `[mcp.NAME]` servers one `chatterm ask` starts: every enabled one by default, only
/// the ones named with `--mcp NAME` (repeatable; a named server runs even with
/// `enabled = false`: naming it is asking for it), none with `--no-mcp`.
public struct AskToolServers: Sendable, Equatable {
    /// `--mcp NAME`, in the order given.
    public var named: [String]
    /// `--no-mcp`.
    public var none: Bool
    /// `--approve-tools`: in a pipe, run every call instead of refusing it.
    public var approveAll: Bool

    public init(named: [String] = [], none: Bool = false, approveAll: Bool = false) {
        self.named = named
        self.none = none
        self.approveAll = approveAll
    }

    /// The run's tool settings (the config's, cut to the servers this ask starts), or the
    /// sentence saying which flag is wrong.
    public func selected(from configured: ToolSettings) -> Result<ToolSettings, AskToolServersProblem> {
        if none, !named.isEmpty { return .failure(AskToolServersProblem("--no-mcp and --mcp cannot be used together.")) }
        var settings = configured
        if none {
            settings.servers = []
            return .success(settings)
        }
        guard !named.isEmpty else {
            settings.servers = configured.servers.filter(\.enabled)
            return .success(settings)
        }
        var servers: [ToolServerConfig] = []
        for name in named where !servers.contains(where: { $0.name == name }) {
            guard var server = configured.server(named: name) else {
                let known = configured.servers.isEmpty
                    ? "the config has no [mcp.NAME] tables"
                    : "the config has " + configured.servers.map(\.name).joined(separator: ", ")
                return .failure(AskToolServersProblem("--mcp \(name): no [mcp.\(name)] table; \(known)."))
            }
            server.enabled = true
            servers.append(server)
        }
        settings.servers = servers
        return .success(settings)
    }
}

public struct AskToolServersProblem: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// How long `ask` waits for its servers before the first request (so their tools are offered),
/// and what it says of the ones that did not come up.
public enum AskToolServersWait {
    public static let limitMillis: Int64 = 10_000

    /// Whether every server has settled: running or failed (a restarting one is still coming).
    public static func settled(_ statuses: [ToolServerStatus], expecting names: [String]) -> Bool {
        names.allSatisfy { name in
            guard let status = statuses.first(where: { $0.name == name }) else { return false }
            switch status.phase {
            case .running, .failed: return true
            case .starting, .restarting: return false
            }
        }
    }

    /// One stderr sentence per server that is not running (failed, or still starting at the
    /// limit); server text cleaned and kept on one line.
    public static func problems(_ statuses: [ToolServerStatus], expecting names: [String]) -> [String] {
        names.compactMap { name in
            let phase = statuses.first(where: { $0.name == name })?.phase
            switch phase {
            case .running?: return nil
            case let .failed(lastLine)?:
                return "MCP server \(name) failed: \(AskOutput.safe(lastLine)); its tools are not offered."
            case .starting?, .restarting?, nil:
                return "MCP server \(name) did not start within \(limitMillis / 1000) s; its tools are not offered."
            }
        }
    }
}
