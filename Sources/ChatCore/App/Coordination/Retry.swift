/// Ctrl+R: ask again for the last turn of the open session, when it failed, was stopped, or has
/// no reply. A failed or stopped reply gets a new version, as `r` makes one: the new reply is
/// its newest sibling and takes its place on the path (`[` goes back to it), so the path on
/// screen is what the next request carries; an unanswered turn gets its reply at the end. The
/// root's, as a send is (the conversation, the sessions list and the stream change together).
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
    guard last.role == .assistant else {
        touchSession(&state, sessionID, now: stamp.nowMillis)
        state.conversation.scroll.position = .end
        return startReply(&state, sessionID: sessionID, stamp)
    }
    let index = state.conversation.messages.count - 1
    guard index > 0 || state.conversation.window.earlierCount > 0 else {
        state.status.notice = "This reply answers nothing that is shown, so it cannot be asked again."
        return []
    }
    state.conversation.lastDeletion = nil
    touchSession(&state, sessionID, now: stamp.nowMillis)
    state.conversation.branchOff(at: index, with: nil)
    let placed = ReplyPlacement(
        placement: .besideMessage(last.id), branch: newestSibling(of: last.branch, firstParameters: last.parameters))
    return startReply(&state, sessionID: sessionID, stamp, placed: placed)
}
