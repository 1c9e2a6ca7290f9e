/// The sessions pane's reducer: sees only `SessionsState`, returns the store reads it needs.
func reduceSessions(_ state: inout SessionsState, _ action: SessionsAction) -> [Effect] {
    switch action {
    case let .loaded(list):
        state.list = list
        state.selectedIndex = min(state.selectedIndex, max(0, list.count - 1))
        state.complete = list.count < SessionPaging.pageSize
        state.pageAfter = nil
        return []

    case let .moreLoaded(after, page, complete):
        // An answer to a request the list has moved past (a reload, another page) is dropped.
        guard state.pageAfter == after else { return [] }
        state.pageAfter = nil
        let held = Set(state.list.map(\.id))
        // A session touched meanwhile moved to the top and is held already.
        state.list.append(contentsOf: page.filter { !held.contains($0.id) })
        state.complete = complete
        if state.selectsLastWhenRead {
            state.selectsLastWhenRead = false
            state.selectedIndex = max(0, state.list.count - 1)
        }
        return []

    case let .selectionMoved(toEnd):
        guard !state.complete, state.pageAfter == nil, let last = state.list.last else { return [] }
        guard toEnd || state.selectedIndex >= state.list.count - SessionPaging.margin else { return [] }
        state.pageAfter = last.id
        state.selectsLastWhenRead = toEnd
        return [.loadMoreSessions(after: last, limit: toEnd ? nil : SessionPaging.pageSize)]
    }
}
