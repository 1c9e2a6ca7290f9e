/// The root's entries to the help overlay (Features/Overlays/Help.swift) for the callers that
/// still hold the whole state (the panes' key handlers, the key dispatcher).

/// Opens the help at its top.
func openHelp(_ state: inout AppState) -> [Effect] {
    state.handle(openHelp())
}

/// The help's commands, run in the app: nil when the help is not open or the command is not its.
func helpCommand(_ command: Command, _ state: inout AppState) -> [Effect]? {
    guard case let .help(scroll)? = state.destination, let reduced = helpCommand(command, scroll) else { return nil }
    return state.handle(reduced)
}
