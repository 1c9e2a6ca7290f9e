/// Starting and opening sessions: the root's, because they change the conversation, the
/// parameters (a session's own id), the stream's last outcome and the focus together.

/// Ctrl+N: an empty conversation with the current parameters carried over, except an explicit
/// session_id, which belonged to the old session (two sessions must never share one); it is
/// saved (and listed) when its first message is sent. A reply still streaming keeps going in
/// the background.
func startNewSession(_ state: inout AppState) -> [Effect] {
    state.parameters.sessionID = nil
    state.conversation.activeSessionID = nil
    state.conversation.activeSessionSaved = false
    state.streaming.lastOutcome = nil
    state.conversation.messages = []
    // The cursor named a message of the old session (its search ended with it).
    state.conversation.cursor = nil
    state.conversation.window = .complete
    state.conversation.scroll.position = .end
    state.screen.focus = .composer
    return []
}

func openSession(_ state: inout AppState, id: String) -> [Effect] {
    state.screen.focus = .conversation
    guard id != state.conversation.activeSessionID else { return [] }
    return [.loadConversation(sessionID: id)]
}
