/// A confirmed session delete: the root's, because deleting the open session also starts a
/// blank one in the conversation (and moves the focus); the list's side is the sessions'.

/// `y` after `d` in the sessions pane (`answerConfirm`).
func deleteSessionConfirmed(_ state: inout AppState, id: String, _ stamp: Stamp) -> [Effect] {
    let wasOpen = id == state.conversation.activeSessionID
    guard let summary = state.sessions.remove(id, deletionID: stamp.freshID, wasOpen: wasOpen) else {
        state.status.notice = "Nothing deleted."
        return []
    }
    if wasOpen {
        _ = startNewSession(&state)
        state.screen.focus = .sessions
    }
    let undo = state.keymap.displayKey(for: .undoDelete, in: [.sessions])
    state.status.notice = "Deleted “\(summary.title)”. \(undo) puts it back."
    return [.deleteSession(sessionID: id, deletionID: stamp.freshID)]
}
