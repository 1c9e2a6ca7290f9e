/// The help overlay (F1, `?`): every context's keys, the ones where the user is first. It
/// scrolls in the rows the renderer measured (`Action.overlayMeasured`).

/// Opens the help at its top.
func openHelp(_ state: inout AppState) -> [Effect] {
    state.destination = .help(ScrollState())
    return []
}

enum HelpDelegate: Equatable {
    case close
}

/// The help's own keys over its own state: the scroll keys, and close (the app's to do).
func reduceHelp(_ scroll: inout ScrollState, _ command: Command) -> OverlayStep<HelpDelegate> {
    if command == .close { return .delegate(.close) }
    return scroll.perform(command) ? .done : .notMine
}

/// The help's commands, run in the app: nil when the help is not open or the command is not its.
func helpCommand(_ command: Command, _ state: inout AppState) -> [Effect]? {
    guard case var .help(scroll)? = state.destination else { return nil }
    switch reduceHelp(&scroll, command) {
    case .notMine: return nil
    case .done: state.destination = .help(scroll)
    case .delegate(.close): state.destination = nil
    }
    return []
}
