import StreamProtocol

/// Opening a session and reading its whole history: the root's, because an open changes more
/// than the conversation (the session's parameters, the list's selection, a search hit the
/// sessions pane waits to open, the last reply's outcome) and the history feeds the copy, a
/// compare and a waiting send.

/// The store answered `.loadConversation`: the session opens at its newest page.
func conversationLoaded(
    _ state: inout AppState, sessionID: String, window: MessageWindow, parameters: SessionParameters?
) -> [Effect] {
    let hit = state.sessions.pendingHit.flatMap { $0.sessionID == sessionID ? $0 : nil }
    if let hit, !window.messages.contains(where: { $0.id == hit.messageID }) {
        // The hit's message is gone (deleted since the search): the read around it found
        // nothing, and opening that empty page would show the session blank. Its end instead.
        state.sessions.pendingHit = nil
        let title = state.sessions.list.first { $0.id == sessionID }?.title ?? ""
        state.status.notice = "That message is no longer in “\(title.isEmpty ? "the session" : title)”: it opens at its end."
        return [.loadConversation(sessionID: sessionID)]
    }
    if sessionID != state.conversation.activeSessionID {
        // The last reply's figures (or failure) belong to the session it was sent in.
        state.streaming.lastOutcome = nil
    }
    state.conversation.opened(sessionID: sessionID, window: window, inFlightID: state.streaming.active?.reply.id)
    state.parameters = parameters ?? SessionParameters()
    if let i = state.sessions.list.firstIndex(where: { $0.id == sessionID }) { state.sessions.selectedIndex = i }
    let switches = loadToolSwitchesOnOpen(state, sessionID: sessionID)
    guard let hit else { return switches }
    state.sessions.pendingHit = nil
    state.conversation.search = hitSearch(hit.words)
    return switches + state.handle(state.conversation.openedAtHit(messageID: hit.messageID, shownReply: state.shownReply))
}

/// The whole history arrived: for `Y`'s copy, a compare's columns, or a send that waited for
/// it (the request goes out now).
func requestHistoryLoaded(_ state: inout AppState, sessionID: String, _ messages: [Message]) -> [Effect] {
    if let copy = state.conversation.historyArrivedForCopy(sessionID: sessionID, messages) {
        return state.handle(copy) + requestHistoryLoaded(&state, sessionID: sessionID, messages)
    }
    if let effects = compareHistoryLoaded(&state, sessionID: sessionID, messages) { return effects }
    guard let pending = state.streaming.pendingSend, pending.sessionID == sessionID else { return [] }
    state.streaming.pendingSend = nil
    guard sessionID == state.conversation.activeSessionID else {
        // Another session was opened meanwhile; its parameters are not this send's.
        state.status.notice = "The message was saved but not sent (another session was opened): open it and press "
            + "\(state.keymap.displayKey(for: .retry, in: [.global])) to send it."
        return []
    }
    return startReply(&state, sessionID: sessionID, pending.stamp, history: requestHistoryTurns(messages), placed: pending.reply)
}
