import StreamProtocol

/// The open session's messages as windows read from the store: opening reads the newest page,
/// scrolling near an edge reads the next one, Home and End jump to either end, and the held
/// window never exceeds `ConversationWindow.maximumHeld` messages.

/// The store answered `.loadConversation`: the session opens at its newest page.
func conversationLoaded(
    _ state: inout AppState, sessionID: String, window: MessageWindow, parameters: SessionParameters?
) -> [Effect] {
    if sessionID != state.conversation.activeSessionID {
        // The last reply's figures (or failure) belong to the session it was sent in.
        state.streaming.lastOutcome = nil
    }
    state.conversation.activeSessionID = sessionID
    state.conversation.activeSessionSaved = true
    state.conversation.messages = held(window.messages, state)
    state.conversation.window = ConversationWindow(earlierCount: window.earlierCount, laterCount: window.laterCount)
    state.parameters = parameters ?? SessionParameters()
    state.conversation.scroll = .followingTail
    state.conversation.cursor = nil
    if let i = state.sessions.list.firstIndex(where: { $0.id == sessionID }) { state.sessions.selectedIndex = i }
    if let hit = state.sessions.pendingHit, hit.sessionID == sessionID {
        // Opened from a search hit: the cursor on the matching message, its words marked.
        // From the hit, the search counts its matches (the current one is the first at or after
        // the cursor, the hit when its text matches); the cursor stays on the hit either way.
        state.sessions.pendingHit = nil
        state.conversation.cursor = hit.messageID
        refreshConversationSearch(&state)
        state.conversation.cursor = hit.messageID
        state.conversation.scroll = .revealing(messageID: hit.messageID)
    }
    return []
}

/// A page to read when the view is within a screen of an edge of the window that has more
/// messages beyond it.
func windowLoads(_ state: inout AppState) -> [Effect] {
    state.conversation.windowLoads()
}

/// The first row shown, as the last frame drew it or as the scroll state says.
func firstVisibleRow(_ state: AppState) -> Int {
    state.conversation.firstVisibleRow
}

/// Home or End in a session that is not held whole: read that end.
func loadWindowEnd(_ state: inout AppState, _ position: WindowPosition) -> [Effect] {
    guard let sessionID = state.conversation.activeSessionID else { return [] }
    state.conversation.window.pendingLoad = position
    return [.loadMessages(sessionID: sessionID, position)]
}

/// A page arrived. Answers to another session or to a read no longer pending are dropped.
func messagesLoaded(
    _ state: inout AppState, sessionID: String, position: WindowPosition, _ page: MessageWindow
) -> [Effect] {
    guard sessionID == state.conversation.activeSessionID, state.conversation.window.pendingLoad == position else { return [] }
    var window = state.conversation.window
    window.pendingLoad = nil
    let incoming = held(page.messages, state)
    let limit = ConversationWindow.maximumHeld
    switch position {
    case .newest:
        state.conversation.messages = incoming
        window = ConversationWindow(earlierCount: page.earlierCount, laterCount: page.laterCount)
        state.conversation.scroll = .followingTail
    case .oldest:
        // Home's read: the session's first message is the one selected.
        state.conversation.messages = incoming
        window = ConversationWindow(earlierCount: page.earlierCount, laterCount: page.laterCount)
        state.conversation.cursor = incoming.first?.id
        state.conversation.scroll = .fixed(topRow: 0)
    case let .around(messageID):
        state.conversation.messages = incoming
        window = ConversationWindow(earlierCount: page.earlierCount, laterCount: page.laterCount)
        state.conversation.cursor = messageID
        state.conversation.scroll = .revealing(messageID: messageID)
    case let .before(messageID):
        guard state.conversation.messages.first?.id == messageID else { break }
        let anchor = currentAnchor(state)
        var messages = incoming + state.conversation.messages
        let excess = max(0, messages.count - limit)
        messages.removeLast(excess)
        window.earlierCount = page.earlierCount
        window.laterCount += excess
        state.conversation.messages = messages
        // Rows came in above what is shown: keep the same text at the top.
        if let anchor, state.conversation.scroll != .followingTail || excess > 0 { state.conversation.scroll = anchor }
    case let .after(messageID):
        guard state.conversation.messages.last?.id == messageID else { break }
        let anchor = currentAnchor(state)
        var messages = state.conversation.messages + incoming
        let excess = max(0, messages.count - limit)
        messages.removeFirst(excess)
        window.laterCount = page.laterCount
        window.earlierCount += excess
        state.conversation.messages = messages
        // Rows went away above what is shown: keep the same text at the top.
        if excess > 0, let anchor { state.conversation.scroll = anchor }
    }
    state.conversation.window = window
    return []
}

/// The message at the top of the view and its row, as the last frame measured them.
private func currentAnchor(_ state: AppState) -> ConversationScroll? {
    let metrics = state.conversation.metrics
    guard let id = metrics.topMessageID else { return nil }
    return .anchored(messageID: id, rowInMessage: metrics.rowInTopMessage)
}

/// The whole history arrived for a send that waited for it: the request goes out now.
func requestHistoryLoaded(_ state: inout AppState, sessionID: String, _ messages: [Message]) -> [Effect] {
    if state.conversation.pendingCopyAll, sessionID == state.conversation.activeSessionID {
        state.conversation.pendingCopyAll = false
        let shown = messages.filter { $0.role != .system }
        return copyAll(&state, shown) + requestHistoryLoaded(&state, sessionID: sessionID, messages)
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

/// Messages read from the store as the conversation shows them: the reply in flight is shown
/// from the stream, not from its last saved copy, and a reply saved as `streaming` by a process
/// that is gone was cut short.
private func held(_ messages: [Message], _ state: AppState) -> [Message] {
    let inFlight = state.streaming.active?.reply.id
    return messages.compactMap { message in
        guard message.id != inFlight else { return nil }
        guard message.status == .streaming else { return message }
        var m = message
        m.status = .interrupted
        return m
    }
}
