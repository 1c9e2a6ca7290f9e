/// The conversation pane's reducer: sees only `ConversationState`, returns the store reads
/// it needs.
func reduceConversation(_ state: inout ConversationState, _ action: ConversationAction) -> [Effect] {
    switch action {
    case let .measured(metrics):
        state.metrics = metrics
        switch state.scroll {
        case .anchored, .revealing:
            state.scroll = metrics.firstVisibleRow >= metrics.maxTopRow && state.window.laterCount == 0
                && (state.cursor == nil || state.cursor == state.messages.last?.id)
                ? .followingTail : .fixed(topRow: metrics.firstVisibleRow)
        case let .fixed(top) where top >= metrics.maxTopRow && state.window.laterCount == 0:
            // Scrolled back down to the bottom (or the content shrank): follow again.
            state.scroll = .followingTail
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
    var firstVisibleRow: Int {
        switch scroll {
        case .followingTail: return metrics.maxTopRow
        case let .fixed(row): return min(row, metrics.maxTopRow)
        case .anchored, .revealing: return metrics.firstVisibleRow
        }
    }
}
