/// Ctrl+N: an empty conversation with the current parameters carried over, except an explicit
/// session_id, which belonged to the old session (two sessions must never share one); it is
/// saved (and listed) when its first message is sent. A reply still streaming keeps going in
/// the background.
func startNewSession(_ state: inout AppState) -> [Effect] {
    state.parameters.sessionID = nil
    state.activeSessionID = nil
    state.activeSessionSaved = false
    state.messages = []
    state.scroll = .followingTail
    state.focus = .composer
    return []
}

func openSession(_ state: inout AppState, id: String) -> [Effect] {
    state.focus = .conversation
    guard id != state.activeSessionID else { return [] }
    return [.loadConversation(sessionID: id)]
}

func conversationLoaded(
    _ state: inout AppState, sessionID: String, messages: [Message], parameters: SessionParameters?
) -> [Effect] {
    state.activeSessionID = sessionID
    state.activeSessionSaved = true
    // The reply in flight is shown from the stream, not from its last saved copy.
    let inFlight = state.stream?.reply.id
    state.messages = messages.filter { $0.id != inFlight }.map(recoveredFromCrash)
    state.parameters = parameters ?? SessionParameters()
    state.scroll = .followingTail
    if let i = state.sessions.firstIndex(where: { $0.id == sessionID }) { state.selectedSessionIndex = i }
    return []
}

/// A reply saved as `streaming` by a process that is gone was cut short: show it as such.
private func recoveredFromCrash(_ message: Message) -> Message {
    guard message.status == .streaming else { return message }
    var m = message
    m.status = .interrupted
    return m
}
