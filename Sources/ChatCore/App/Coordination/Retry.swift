/// Ctrl+R: ask again for the last turn of the open session, when it failed, was stopped, or has
/// no reply. The old reply stays in the conversation as it was (and is not resent: see
/// `requestHistory`); a new reply streams below it. The root's, as a send is (the
/// conversation, the sessions list and the stream change together).
func retryTurn(_ state: inout AppState, _ stamp: Stamp) -> [Effect] {
    guard !state.isStreaming else {
        state.status.notice = "A reply is still streaming: wait for it or press \(state.keymap.displayKey(for: .cancel, in: [.global])) to stop it."
        return []
    }
    guard state.conversation.window.laterCount == 0 else {
        state.status.notice = "Retry works on the last turn: press \(state.keymap.displayKey(for: .scrollBottom, in: [.conversation])) to show it first."
        return []
    }
    guard let sessionID = state.conversation.activeSessionID, state.conversation.activeSessionSaved, let last = state.conversation.messages.last else {
        state.status.notice = "Nothing to retry: send a message first."
        return []
    }
    switch (last.role, last.status) {
    case (.user, _), (.assistant, .failed), (.assistant, .interrupted):
        break
    default:
        state.status.notice = "The last reply is complete: \(state.keymap.displayKey(for: .retry, in: [.global])) retries a failed, stopped or unanswered turn."
        return []
    }
    if let problem = requestProblem(state) {
        state.status.notice = problem
        return []
    }
    touchSession(&state, sessionID, now: stamp.nowMillis)
    state.conversation.scroll.position = .end
    return startReply(&state, sessionID: sessionID, stamp)
}
