/// The help overlay (F1, `?`): every context's keys, the ones where the user is first. It
/// scrolls in the rows the renderer measured (`Action.overlayMeasured`).

/// Opens the help at its top.
func openHelp(_ state: inout AppState) -> [Effect] {
    state.destination = .help(ScrollState())
    return []
}

/// The help's own keys: close, and the scroll keys.
func helpCommand(_ command: Command, _ state: inout AppState) -> [Effect]? {
    guard case var .help(scroll)? = state.destination else { return nil }
    if command == .close {
        state.destination = nil
        return []
    }
    guard scroll.perform(command) else { return nil }
    state.destination = .help(scroll)
    return []
}
