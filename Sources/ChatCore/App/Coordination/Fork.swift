/// `f`: a new session that starts as a copy of this one (in the conversation, up to the
/// message under the cursor) and continues on its own; it opens once the store has it.
/// The root's: a fork reads the sessions list and the conversation's cursor, and its answer
/// heads the list and opens the conversation.

func forkSelectedSession(_ state: inout AppState, _ stamp: Stamp) -> [Effect] {
    guard !state.sessions.list.isEmpty else { return [] }
    let source = state.sessions.list[min(max(0, state.sessions.selectedIndex), state.sessions.list.count - 1)]
    return fork(&state, source: source, upTo: nil, stamp)
}

func forkFromCursor(_ state: inout AppState, _ stamp: Stamp) -> [Effect] {
    guard let sessionID = state.conversation.activeSessionID, state.conversation.activeSessionSaved,
          let source = state.sessions.list.first(where: { $0.id == sessionID }), let index = cursorIndex(state) else {
        state.status.notice = "Nothing to fork yet: send a message first."
        return []
    }
    let visible = state.visibleMessages
    let upTo = visible[index].id
    // The last message of the session needs no limit (one held page may not be the last).
    let isLast = index == visible.count - 1 && state.conversation.window.laterCount == 0
    return fork(&state, source: source, upTo: isLast ? nil : upTo, stamp)
}

private func fork(_ state: inout AppState, source: SessionSummary, upTo: String?, _ stamp: Stamp) -> [Effect] {
    guard !(source.id == state.conversation.activeSessionID && state.isStreaming) else {
        state.status.notice = "A reply is still streaming into this session: fork it once the reply ends."
        return []
    }
    let title = SessionTitle.make(fromFirstUserMessage: "Fork of " + (source.title.isEmpty ? "an untitled session" : source.title))
    let fork = SessionSummary(id: stamp.freshID, title: title, createdAtMillis: stamp.nowMillis, updatedAtMillis: stamp.nowMillis)
    state.status.notice = "Forking “\(source.title)”" + (upTo == nil ? "…" : " up to the selected message…")
    return [.forkSession(sourceID: source.id, upTo: upTo, fork: fork)]
}

/// The store made the fork: it heads the list and opens.
func sessionForked(_ state: inout AppState, _ fork: SessionSummary) -> [Effect] {
    if !state.sessions.list.contains(where: { $0.id == fork.id }) { state.sessions.list.insert(fork, at: 0) }
    state.sessions.selectedIndex = 0
    state.status.notice = "Forked into “\(fork.title)”."
    state.screen.focus = .conversation
    return [.loadConversation(sessionID: fork.id)]
}
