/// The sessions pane's reducer: sees only `SessionsState`, returns the store reads it needs.
func reduceSessions(_ state: inout SessionsState, _ action: SessionsAction) -> Reduced<SessionsDelegate> {
    switch action {
    case let .loaded(list):
        state.list = list
        state.selectedIndex = min(state.selectedIndex, max(0, list.count - 1))
        state.complete = list.count < SessionPaging.pageSize
        state.pageAfter = nil
        return .nothing

    case let .moreLoaded(after, page, complete):
        // An answer to a request the list has moved past (a reload, another page) is dropped.
        guard state.pageAfter == after else { return .nothing }
        state.pageAfter = nil
        let held = Set(state.list.map(\.id))
        // A session touched meanwhile moved to the top and is held already.
        state.list.append(contentsOf: page.filter { !held.contains($0.id) })
        state.complete = complete
        if state.selectsLastWhenRead {
            state.selectsLastWhenRead = false
            state.selectedIndex = max(0, state.list.count - 1)
            // End announced the read; once it is here the notice no longer says what happens.
            return Reduced(shared: [.withdrawNotice(SessionPaging.readingTheRest)])
        }
        return .nothing

    case let .selectionMoved(toEnd):
        guard !state.complete, state.pageAfter == nil, let last = state.list.last else { return .nothing }
        guard toEnd || state.selectedIndex >= state.list.count - SessionPaging.margin else { return .nothing }
        state.pageAfter = last.id
        state.selectsLastWhenRead = toEnd
        return Reduced(effects: [.loadMoreSessions(after: last, limit: toEnd ? nil : SessionPaging.pageSize)])

    case let .changedElsewhere(page, openSessionID):
        return state.merge(newest: page, openSessionID: openSessionID)
    }
}

extension SessionsState {
    /// The newest page read again replaces the part of the list it covers, the older sessions
    /// held below it stay, and the selection stays on the session it was on.
    fileprivate mutating func merge(newest page: [SessionSummary], openSessionID: String?) -> Reduced<SessionsDelegate> {
        let selectedID = list.indices.contains(selectedIndex) ? list[selectedIndex].id : nil
        let covered = Set(page.map(\.id))
        var merged = page
        if page.count >= SessionPaging.pageSize, let oldest = page.last {
            // The page is full: sessions held beyond it are older and keep their places.
            merged += list.filter { !covered.contains($0.id) && $0.updatedAtMillis <= oldest.updatedAtMillis }
        } else {
            complete = true
        }
        // The open session stays listed (it may be new and not saved by the other process).
        if let open = openSessionID, !merged.contains(where: { $0.id == open }), let held = list.first(where: { $0.id == open }) {
            merged.insert(held, at: 0)
        }
        guard merged != list else { return .nothing }
        var delegates: [SessionsDelegate] = []
        if let open = openSessionID, let fresh = page.first(where: { $0.id == open }),
           let held = list.first(where: { $0.id == open }), fresh.updatedAtMillis > held.updatedAtMillis {
            delegates.append(.openSessionChangedElsewhere(open))
        }
        list = merged
        selectedIndex = selectedID.flatMap { id in merged.firstIndex { $0.id == id } } ?? min(selectedIndex, max(0, merged.count - 1))
        return Reduced(delegates: delegates)
    }
}
