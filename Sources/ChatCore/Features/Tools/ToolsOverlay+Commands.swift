/// The tools overlay's own keys over its own state (the payload of `Destination.tools`), given
/// its rows: the list moves, `toggle-tool` on a tool row, `close`. What it cannot do itself
/// (flip a session's switch, which the root keeps and stores) it asks as a delegate.
enum ToolsOverlayDelegate: Equatable {
    /// Flip the switch of the tool with this wire name for the open session.
    case toggle(wireName: String)
    /// `toggle-tool` on a server's row: nothing to flip.
    case serverRow
    case close
}

func reduceToolsOverlay(_ overlay: inout ToolsOverlay, _ command: Command, rows: [ToolsOverlay.Row]) -> OverlayStep<ToolsOverlayDelegate> {
    var selection = ListSelection(index: overlay.selection)
    if selection.perform(command, count: rows.count) {
        overlay.selection = selection.index
        return .done
    }
    switch command {
    case .close: return .delegate(.close)
    case .toggleTool:
        switch selection.selected(in: rows) {
        case let .tool(server, name)?: return .delegate(.toggle(wireName: ToolSpec.wireName(server: server, tool: name)))
        case .server?, nil: return .delegate(.serverRow)
        }
    default: return .notMine
    }
}
