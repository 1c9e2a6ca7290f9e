/// The tools overlay and the session's tool switches: the root's, because a switch belongs to
/// the open session (the conversation's), is stored with it, and decides what the next request
/// offers. The overlay's own keys are the tools feature's (`reduceToolsOverlay`).

/// The key of the switches of the open session; "" for the new session before its first send
/// (session ids are never empty), whose switches move to it when it is created.
private func switchesKey(_ state: AppState) -> String {
    state.conversation.activeSessionSaved ? state.conversation.activeSessionID ?? "" : ""
}

/// The open session's switched-off tools (wire names).
func switchedOffTools(_ state: AppState) -> Set<String> {
    state.tools.switchedOff[switchesKey(state), default: []]
}

/// Ctrl+T / `tools` in the palette: the tools overlay.
func openToolsOverlay(_ state: inout AppState) -> [Effect] {
    state.destination = .tools(ToolsOverlay())
    if state.launch.toolSettings.servers.isEmpty {
        state.status.notice = "No MCP servers configured: add an [mcp.NAME] table to config.toml."
    }
    return []
}

/// The `tools` context's commands, while the overlay is open.
func toolsOverlayCommand(_ command: Command, _ state: inout AppState) -> [Effect]? {
    guard case var .tools(overlay)? = state.destination else { return nil }
    switch reduceToolsOverlay(&overlay, command, rows: ToolsOverlay.rows(servers: state.tools.servers)) {
    case .notMine: return nil
    case .done:
        state.destination = .tools(overlay)
        return []
    case .delegate(.close):
        state.destination = nil
        return []
    case .delegate(.serverRow):
        state.status.notice = "Choose one of the server's tools to switch it on or off."
        return []
    case let .delegate(.toggle(wireName)):
        return toggleToolSwitch(&state, wireName)
    }
}

/// Flips a tool's switch for the open session, saved with it (the new session's are saved
/// when its first send creates it).
private func toggleToolSwitch(_ state: inout AppState, _ wireName: String) -> [Effect] {
    let key = switchesKey(state)
    var off = state.tools.switchedOff[key, default: []]
    if off.remove(wireName) == nil {
        off.insert(wireName)
        state.status.notice = "\(wireName) is no longer offered to the model in this session."
    } else {
        state.status.notice = "\(wireName) is offered to the model in this session."
    }
    state.tools.switchedOff[key] = off
    guard !key.isEmpty else { return [] }
    return [.saveToolSwitches(sessionID: key, switchedOff: off.sorted())]
}

/// The first send created the session: the switches set before it become its own, and are saved.
func adoptNewSessionToolSwitches(_ state: inout AppState, sessionID: String) -> [Effect] {
    guard let off = state.tools.switchedOff.removeValue(forKey: ""), !off.isEmpty else { return [] }
    state.tools.switchedOff[sessionID] = off
    return [.saveToolSwitches(sessionID: sessionID, switchedOff: off.sorted())]
}

/// A session opened: its stored switches are read, only when servers are configured (without
/// any there is nothing to switch, and opening a session asks the store for nothing more).
func loadToolSwitchesOnOpen(_ state: AppState, sessionID: String) -> [Effect] {
    state.launch.toolSettings.servers.isEmpty ? [] : [.loadToolSwitches(sessionID: sessionID)]
}

/// The store answered `.loadToolSwitches`.
func toolSwitchesLoaded(_ state: inout AppState, sessionID: String, _ switchedOff: [String]) -> [Effect] {
    state.tools.switchedOff[sessionID] = Set(switchedOff)
    return []
}
