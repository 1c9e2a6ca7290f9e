import StreamProtocol

/// `d` deletes the selected message and everything below it (the rest of the path and any
/// other versions under it), once the user confirms with `y`; `u` puts the last deletion back
/// while chatterm runs (the store keeps the rows until then).

/// What the last delete removed, for `u`.
public struct Deletion: Sendable, Equatable {
    public var id: String
    public var sessionID: String
    public var messages: [Message]
    /// Messages after the held window that went with them.
    public var laterCount: Int
    /// The deleted message had other versions: the path went on through one of them, so
    /// both the delete and its undo read the path again from the store.
    public var hadVersions: Bool = false
}

func askToDelete(_ state: inout AppState) -> [Effect] {
    guard !state.isStreaming else {
        state.status.notice = "A reply is still streaming: stop it before deleting messages."
        return []
    }
    guard state.conversation.activeSessionID != nil, let index = cursorIndex(state) else {
        state.status.notice = "No message to delete."
        return []
    }
    let messages = state.visibleMessages
    let after = messages.count - 1 - index + state.conversation.window.laterCount
    let versionsBelow = messages[(index + 1)...].contains { $0.branch != nil }
    state.destination = .confirm(.deleteMessage(id: messages[index].id))
    state.status.notice = "Delete this message" + (after > 0 ? " and the \(after) after it" : "")
        + (versionsBelow ? " (with their other versions)" : "")
        + "? \(state.keymap.displayKey(for: .confirm, in: [.confirm])) deletes, any other key keeps " + (after > 0 ? "them." : "it.")
    return []
}

/// `y` after `d` (`answerConfirm`): the message and everything below it go.
func deleteMessageConfirmed(_ state: inout AppState, id messageID: String, _ stamp: Stamp) -> [Effect] {
    guard let sessionID = state.conversation.activeSessionID,
          let index = state.conversation.messages.firstIndex(where: { $0.id == messageID }) else {
        state.status.notice = "Nothing deleted."
        return []
    }
    let removed = Array(state.conversation.messages[index...])
    let laterCount = state.conversation.window.laterCount
    let hadVersions = removed[0].branch != nil
    state.conversation.messages.removeSubrange(index...)
    state.conversation.window.laterCount = 0
    state.conversation.lastDeletion = Deletion(
        id: stamp.freshID, sessionID: sessionID, messages: removed, laterCount: laterCount, hadVersions: hadVersions)
    state.conversation.cursor = nil
    state.conversation.scroll = .followingTail
    state.status.notice = "Deleted \(removed.count + laterCount) message\(removed.count + laterCount == 1 ? "" : "s"). "
        + "\(state.keymap.displayKey(for: .undoDelete, in: [.conversation])) puts \(removed.count + laterCount == 1 ? "it" : "them") back."
    let delete = Effect.deleteMessages(sessionID: sessionID, fromMessageID: messageID, deletionID: stamp.freshID)
    guard hadVersions else { return [delete] }
    // The path now goes on through another version: read it (after the delete).
    state.conversation.window.pendingLoad = .newest
    return [delete, .loadMessages(sessionID: sessionID, .newest)]
}

func undoDelete(_ state: inout AppState) -> [Effect] {
    guard let deletion = state.conversation.lastDeletion, deletion.sessionID == state.conversation.activeSessionID else {
        state.status.notice = "Nothing to undo here."
        return []
    }
    guard !state.isStreaming else {
        state.status.notice = "A reply is still streaming: undo once it ends."
        return []
    }
    state.conversation.lastDeletion = nil
    let count = deletion.messages.count + deletion.laterCount
    state.status.notice = "Restored \(count) message\(count == 1 ? "" : "s")."
    let restore = Effect.restoreDeletion(sessionID: deletion.sessionID, deletionID: deletion.id)
    if deletion.hadVersions, let first = deletion.messages.first {
        // The path went through another version meanwhile: read the restored one's again.
        let position = WindowPosition.around(messageID: first.id)
        state.conversation.window.pendingLoad = position
        return [restore, .loadMessages(sessionID: deletion.sessionID, position)]
    }
    state.conversation.messages.append(contentsOf: deletion.messages)
    state.conversation.window.laterCount += deletion.laterCount
    state.conversation.scroll = .followingTail
    state.conversation.cursor = deletion.messages.first?.id
    return [restore]
}
