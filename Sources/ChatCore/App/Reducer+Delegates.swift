/// The root reducer's answers to what the features tell it (their delegate actions). A
/// feature's reducer sees only its own state; what must change elsewhere comes up here.
extension AppState {
    /// The sessions pane's effects, after the root has answered its delegates.
    mutating func handle(_ reduced: Reduced<SessionsDelegate>) -> [Effect] {
        apply(reduced.shared)
        var effects = reduced.effects
        for delegate in reduced.delegates {
            switch delegate {
            case let .openSessionChangedElsewhere(id):
                // When the pane follows its end and nothing is in flight here, the open
                // session's newest page is read again so the new messages show.
                guard id == conversation.activeSessionID, conversation.activeSessionSaved, !isStreaming,
                      conversation.scroll.position == .end, conversation.window.pendingLoad == nil else { continue }
                conversation.window.pendingLoad = .newest
                effects.append(.loadMessages(sessionID: id, .newest))
            case let .open(id): effects += openSession(&self, id: id)
            case let .openHit(hit, query): effects += openSearchHit(&self, hit, query: query)
            case let .forkSelected(stamp): effects += forkSelectedSession(&self, stamp)
            case let .restoredOpenSession(id):
                // Reopened only while the blank session that replaced it is still untouched;
                // the store reads it after the restore (its queue is serial).
                guard conversation.activeSessionID == nil, conversation.messages.isEmpty else { continue }
                effects.append(.loadConversation(sessionID: id))
            case .openHelp: effects += openHelp(&self)
            }
        }
        return effects
    }

    /// The stream's effects, after the root has answered its delegates.
    mutating func handle(_ reduced: Reduced<StreamDelegate>) -> [Effect] {
        apply(reduced.shared)
        for delegate in reduced.delegates {
            switch delegate {
            case let .answered(now): status.nowMillis = max(status.nowMillis, now)
            }
        }
        return reduced.effects
    }
}
