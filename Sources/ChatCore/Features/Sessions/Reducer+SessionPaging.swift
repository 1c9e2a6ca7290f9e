/// The sessions list is read a page at a time: the first page at start, the next when the
/// selection comes within a screen of the last one held, and all the rest when End asks for
/// the very last. A start with 100,000 sessions reads what one with 500 does.
public enum SessionPaging {
    public static let pageSize = 500
    /// How close to the end of what is held the selection may come before the next page is read.
    static let margin = 100
}

/// After the selection moved: the next page, when it is near the end of what is held.
func sessionPageLoads(_ state: inout AppState, all: Bool = false) -> [Effect] {
    reduceSessions(&state.sessions, .selectionMoved(toEnd: all))
}

/// Another process (a second chatterm, a script's import) changed the database: the newest
/// page read again replaces the part of the list it covers, the older sessions held below it
/// stay, and the selection stays on the session it was on.
func sessionsChangedElsewhere(_ state: inout AppState, newest page: [SessionSummary]) -> [Effect] {
    let selected = state.sessions.list.indices.contains(state.sessions.selectedIndex) ? state.sessions.list[state.sessions.selectedIndex].id : nil
    let covered = Set(page.map(\.id))
    var merged = page
    if page.count >= SessionPaging.pageSize, let oldest = page.last {
        // The page is full: sessions held beyond it are older and keep their places.
        merged += state.sessions.list.filter { !covered.contains($0.id) && $0.updatedAtMillis <= oldest.updatedAtMillis }
    } else {
        state.sessions.complete = true
    }
    // The open session stays listed (it may be new and not saved by the other process).
    if let active = state.conversation.activeSessionID, !merged.contains(where: { $0.id == active }),
       let held = state.sessions.list.first(where: { $0.id == active }) {
        merged.insert(held, at: 0)
    }
    guard merged != state.sessions.list else { return [] }
    // The open session itself went on elsewhere: when the pane follows its end and nothing is
    // in flight here, its newest page is read again so the new messages show.
    var effects: [Effect] = []
    if let active = state.conversation.activeSessionID, state.conversation.activeSessionSaved, !state.isStreaming,
       state.conversation.scroll == .followingTail, state.conversation.window.pendingLoad == nil,
       let fresh = page.first(where: { $0.id == active }), let held = state.sessions.list.first(where: { $0.id == active }),
       fresh.updatedAtMillis > held.updatedAtMillis {
        state.conversation.window.pendingLoad = .newest
        effects.append(.loadMessages(sessionID: active, .newest))
    }
    state.sessions.list = merged
    state.sessions.selectedIndex = selected.flatMap { id in merged.firstIndex { $0.id == id } }
        ?? min(state.sessions.selectedIndex, max(0, merged.count - 1))
    return effects
}
