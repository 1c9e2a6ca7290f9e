/// The tools overlay (`tools` in the palette, and a key): every configured server with its
/// state, its tools under it with their descriptions, and a switch per tool for the open
/// session. The cursor moves over `rows`; Space/Enter on a tool flips its switch.
public struct ToolsOverlay: Sendable, Equatable {
    /// Index into `rows(servers:)`.
    public var selection: Int = 0
    public var scroll = ScrollState()

    public init(selection: Int = 0) {
        self.selection = selection
    }

    public enum Row: Sendable, Equatable {
        case server(name: String)
        case tool(server: String, name: String)
    }

    /// One row per server, then one per tool it listed.
    public static func rows(servers: [ToolServerStatus]) -> [Row] {
        servers.flatMap { server in
            [Row.server(name: server.name)] + server.tools.map { Row.tool(server: server.name, name: $0.name) }
        }
    }
}
