import ChatCore
import StreamProtocol

/// What the tools overlay draws: a row per configured server (its phase, its tool count, its
/// log file), a row per tool under it (its switch for the open session and its description),
/// the selection and the scroll, a note when tools cannot run here, and the overlay's keys.
/// Server names, descriptions and error lines come from the servers: drawn sanitised.
struct ToolsOverlayModel: Equatable {
    var rows: [Row]
    var selection: Int
    /// The first row the overlay's scroll asks for (kept in view with the selection).
    var firstRow: Int
    /// Why the tools cannot run, or how to add a server (nil: nothing to say).
    var notes: [String]
    var hints: [String]

    enum Row: Equatable {
        case server(name: String, phase: ToolServerStatus.Phase, toolCount: Int, logPath: String?)
        /// `on`: offered to the model in the open session.
        case tool(name: String, description: String, on: Bool)
    }

    static let noServersNote = "No MCP servers: add an [mcp.NAME] table to config.toml (docs/configuration.md)"
    static let premNote = "MCP tools need an openai profile: the prem dialect cannot send tool results back"

    init(_ overlay: ToolsOverlay, _ state: borrowing AppState) {
        let servers = state.tools.servers
        let allSwitchedOff = state.tools.switchedOff
        let switchedOff = state.conversation.activeSessionID.flatMap { allSwitchedOff[$0] } ?? []
        rows = ToolsOverlay.rows(servers: servers).compactMap { row -> Row? in
            switch row {
            case let .server(name):
                guard let server = servers.first(where: { $0.name == name }) else { return nil }
                return .server(name: name, phase: server.phase, toolCount: server.tools.count, logPath: server.logPath)
            case let .tool(serverName, name):
                guard let spec = servers.first(where: { $0.name == serverName })?.tools.first(where: { $0.name == name })
                else { return nil }
                return .tool(name: name, description: spec.description, on: !switchedOff.contains(spec.wireName))
            }
        }
        selection = overlay.selection
        firstRow = overlay.scroll.topRow
        var notes: [String] = []
        if state.launch.profile.dialect == .prem { notes.append(Self.premNote) }
        if servers.isEmpty { notes.append(Self.noServersNote) }
        self.notes = notes
        let keymap = state.keymap
        hints = [
            keymap.hint(.selectPrevious, .selectNext, in: [.tools], label: "select"),
            keymap.hint(.toggleTool, in: [.tools]),
            keymap.hint(.close, in: [.tools]),
        ].compactMap { $0 }
    }

    init(rows: [Row], selection: Int, firstRow: Int = 0, notes: [String] = [], hints: [String]) {
        self.rows = rows
        self.selection = selection
        self.firstRow = firstRow
        self.notes = notes
        self.hints = hints
    }
}
