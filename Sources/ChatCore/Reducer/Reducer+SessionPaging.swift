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
    guard !state.sessionsComplete, state.sessionsPageAfter == nil, let last = state.sessions.last else { return [] }
    guard all || state.selectedSessionIndex >= state.sessions.count - SessionPaging.margin else { return [] }
    state.sessionsPageAfter = last.id
    state.selectsLastSessionWhenRead = all
    return [.loadMoreSessions(after: last, limit: all ? nil : SessionPaging.pageSize)]
}

func moreSessionsLoaded(_ state: inout AppState, after: String, _ page: [SessionSummary], complete: Bool) -> [Effect] {
    // An answer to a request the list has moved past (a reload, another page) is dropped.
    guard state.sessionsPageAfter == after else { return [] }
    state.sessionsPageAfter = nil
    let held = Set(state.sessions.map(\.id))
    // A session touched meanwhile moved to the top and is held already.
    state.sessions.append(contentsOf: page.filter { !held.contains($0.id) })
    state.sessionsComplete = complete
    if state.selectsLastSessionWhenRead {
        state.selectsLastSessionWhenRead = false
        state.selectedSessionIndex = max(0, state.sessions.count - 1)
    }
    return []
}

/// Another process (a second chatterm, a script's import) changed the database: the newest
/// page read again replaces the part of the list it covers, the older sessions held below it
/// stay, and the selection stays on the session it was on.
func sessionsChangedElsewhere(_ state: inout AppState, newest page: [SessionSummary]) -> [Effect] {
    let selected = state.sessions.indices.contains(state.selectedSessionIndex) ? state.sessions[state.selectedSessionIndex].id : nil
    let covered = Set(page.map(\.id))
    var merged = page
    if page.count >= SessionPaging.pageSize, let oldest = page.last {
        // The page is full: sessions held beyond it are older and keep their places.
        merged += state.sessions.filter { !covered.contains($0.id) && $0.updatedAtMillis <= oldest.updatedAtMillis }
    } else {
        state.sessionsComplete = true
    }
    // The open session stays listed (it may be new and not saved by the other process).
    if let active = state.activeSessionID, !merged.contains(where: { $0.id == active }),
       let held = state.sessions.first(where: { $0.id == active }) {
        merged.insert(held, at: 0)
    }
    guard merged != state.sessions else { return [] }
    // The open session itself went on elsewhere: when the pane follows its end and nothing is
    // in flight here, its newest page is read again so the new messages show.
    var effects: [Effect] = []
    if let active = state.activeSessionID, state.activeSessionSaved, !state.isStreaming,
       state.scroll == .followingTail, state.conversationWindow.pendingLoad == nil,
       let fresh = page.first(where: { $0.id == active }), let held = state.sessions.first(where: { $0.id == active }),
       fresh.updatedAtMillis > held.updatedAtMillis {
        state.conversationWindow.pendingLoad = .newest
        effects.append(.loadMessages(sessionID: active, .newest))
    }
    state.sessions = merged
    state.selectedSessionIndex = selected.flatMap { id in merged.firstIndex { $0.id == id } }
        ?? min(state.selectedSessionIndex, max(0, merged.count - 1))
    return effects
}
