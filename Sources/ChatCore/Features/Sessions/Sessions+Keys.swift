/// The sessions pane's keys (the `sessions` context): moving through the list (a
/// `ListSelection`, reading the next page as it nears the end), and what acts on the selected
/// session. The open session's id comes down as a value (a delete asks about it); opening a
/// session, forking it and the help are the root's to do (delegates).

func sessionsCommand(
    _ command: Command, _ state: inout SessionsState, openSessionID: String?, _ context: FeatureContext, _ stamp: Stamp
) -> Reduced<SessionsDelegate>? {
    if command == .help { return Reduced(delegates: [.openHelp]) }
    if command == .undoDelete { return state.undoDelete() }
    guard !state.list.isEmpty else { return Reduced() }
    let last = state.list.count - 1
    if state.selection.perform(command, count: state.list.count) {
        switch command {
        case .selectNext: return reduceSessions(&state, .selectionMoved(toEnd: false))
        case .selectLast:
            var reduced = Reduced<SessionsDelegate>()
            if !state.complete { reduced = .notice(SessionPaging.readingTheRest) }
            reduced.append(reduceSessions(&state, .selectionMoved(toEnd: true)))
            return reduced
        default: return Reduced()
        }
    }
    switch command {
    case .choose: return Reduced(delegates: [.open(state.list[min(state.selectedIndex, last)].id)])
    case .renameSession: return state.startRename()
    case .forkSession: return Reduced(delegates: [.forkSelected(stamp)])
    case .searchSessions:
        state.openSearch()
        return Reduced()
    case .deleteSession: return state.askToDelete(openSessionID: openSessionID, context)
    case .exportSession: return state.startExport()
    default: return nil
    }
}
