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
