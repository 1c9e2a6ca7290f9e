/// The conversation pane's reducer: sees only `ConversationState`, returns the store reads
/// it needs.
func reduceConversation(_ state: inout ConversationState, _ action: ConversationAction) -> [Effect] {
    switch action {
    case let .measured(metrics):
        state.scroll.metrics = metrics
        switch state.scroll.position {
        case .anchor:
            state.scroll.position = metrics.firstVisibleRow >= metrics.maxTopRow && state.window.laterCount == 0
                && (state.cursor == nil || state.cursor == state.messages.last?.id)
                ? .end : .row(metrics.firstVisibleRow)
        case let .row(top) where top >= metrics.maxTopRow && state.window.laterCount == 0:
            // Scrolled back down to the bottom (or the content shrank): follow again.
            state.scroll.position = .end
        default:
            break
        }
        return state.windowLoads()
    }
}

extension ConversationState {
    /// A page to read when the view is within a screen of an edge of the window that has more
    /// messages beyond it.
    mutating func windowLoads() -> [Effect] {
        let metrics = scroll.metrics
        guard !window.isComplete, window.pendingLoad == nil, let sessionID = activeSessionID else { return [] }
        guard metrics.viewportRows > 0 else { return [] }
        let top = firstVisibleRow
        var position: WindowPosition?
        if window.earlierCount > 0, top < metrics.viewportRows, let first = messages.first {
            position = .before(messageID: first.id)
        } else if window.laterCount > 0, top + 2 * metrics.viewportRows >= metrics.totalRows, let last = messages.last {
            position = .after(messageID: last.id)
        }
        guard let position else { return [] }
        window.pendingLoad = position
        return [.loadMessages(sessionID: sessionID, position)]
    }

    /// The first row shown, as the last frame drew it or as the scroll state says.
    var firstVisibleRow: Int { scroll.topRow }
}
