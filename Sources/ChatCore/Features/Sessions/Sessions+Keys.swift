/// The sessions pane's keys (the `sessions` context): moving through the list (a
/// `ListSelection`, reading the next page as it nears the end), and what acts on the selected
/// session.

func sessionsCommand(_ command: Command, _ state: inout AppState, _ stamp: Stamp) -> [Effect]? {
    if command == .help { return openHelp(&state) }
    if command == .undoDelete { return undoSessionDelete(&state) }
    guard !state.sessions.list.isEmpty else { return [] }
    let last = state.sessions.list.count - 1
    if state.sessions.selection.perform(command, count: state.sessions.list.count) {
        switch command {
        case .selectNext: return sessionPageLoads(&state)
        case .selectLast:
            if !state.sessions.complete { state.status.notice = "Reading the rest of the sessions…" }
            return sessionPageLoads(&state, all: true)
        default: return []
        }
    }
    switch command {
    case .choose: return openSession(&state, id: state.sessions.list[min(state.sessions.selectedIndex, last)].id)
    case .renameSession: return startRename(&state)
    case .forkSession: return forkSelectedSession(&state, stamp)
    case .searchSessions: return openSessionSearch(&state)
    case .deleteSession: return askToDeleteSession(&state)
    case .exportSession: return startExport(&state)
    default: return nil
    }
}
