import StreamProtocol

/// Versions made from the conversation: `e` edits a user message into a new version of it
/// (in the message box), `r` asks again for a reply with the parameters as they are now. The
/// root's: both read the conversation's cursor and change the message box, the sessions list
/// (touched) and the stream (the reply they start). Walking between versions (`[`/`]`) is the
/// conversation's own (`Features/Conversation/Reducer+Branches.swift`).

func startEdit(_ state: inout AppState) -> [Effect] {
    guard !state.isStreaming else {
        state.status.notice = "A reply is still streaming: edit once it ends."
        return []
    }
    guard let index = cursorIndex(state) else {
        state.status.notice = "No message to edit."
        return []
    }
    let message = state.visibleMessages[index]
    guard message.role == .user else {
        state.status.notice = "Only your own messages can be edited: \(state.keymap.displayKey(for: .regenerate, in: [.conversation])) "
            + "asks again for a reply."
        return []
    }
    state.composer.messageEdit = MessageEdit(messageID: message.id, branch: message.branch, draft: state.composer.input.text)
    state.composer.toolAnswer = nil
    state.composer.input.replaceAll(with: message.content)
    state.screen.focus = .composer
    state.status.notice = "Editing: \(state.keymap.displayKey(for: .send, in: [.message])) sends it as a new version "
        + "(the old one stays); \(state.keymap.displayKey(for: .cancel, in: [.global])) leaves it."
    return []
}

/// Esc while editing: the message box as it was, nothing changed.
func leaveEdit(_ state: inout AppState) -> [Effect] {
    guard let edit = state.composer.messageEdit else { return [] }
    state.composer.messageEdit = nil
    state.composer.input.replaceAll(with: edit.draft)
    state.status.notice = "Edit left; nothing changed."
    return []
}

/// Enter while editing: the text becomes a new version of the edited message, the path below
/// it is left behind (and kept), and a reply to the new version is asked for.
func sendEdit(_ state: inout AppState, _ edit: MessageEdit, _ stamp: Stamp) -> [Effect] {
    guard let sessionID = state.conversation.activeSessionID, let index = state.conversation.messages.firstIndex(where: { $0.id == edit.messageID }) else {
        state.composer.messageEdit = nil
        state.status.notice = "The edited message is no longer shown: the text stays in the message box, Enter sends it as a new message."
        return []
    }
    state.composer.messageEdit = nil
    touchSession(&state, sessionID, now: stamp.nowMillis)
    var userMessage = Message(
        id: stamp.freshID + "-u", role: .user, content: state.composer.input.text, createdAtMillis: stamp.nowMillis)
    userMessage.placement = .besideMessage(edit.messageID)
    userMessage.branch = newestSibling(of: edit.branch, firstParameters: nil)
    state.conversation.branchOff(at: index, with: userMessage)
    // What the box held before `e` comes back: the edit only borrowed the box.
    state.composer.input.replaceAll(with: edit.draft)
    // The save goes first: a history read from the store then finds the new path.
    return [.saveMessage(userMessage, sessionID: sessionID)] + startReply(&state, sessionID: sessionID, stamp)
}

/// `r` on a reply: a new reply to the same history, with the parameters as they are now, as
/// the newest sibling of the selected one.
func regenerateReply(_ state: inout AppState, _ stamp: Stamp) -> [Effect] {
    guard !state.isStreaming else {
        state.status.notice = "A reply is still streaming: wait for it or press \(state.keymap.displayKey(for: .cancel, in: [.global])) to stop it."
        return []
    }
    guard let sessionID = state.conversation.activeSessionID, state.conversation.activeSessionSaved, let index = cursorIndex(state) else {
        state.status.notice = "No reply to regenerate: send a message first."
        return []
    }
    let reply = state.visibleMessages[index]
    guard reply.role == .assistant else {
        state.status.notice = "Put the cursor on a reply to regenerate it (\(state.keymap.displayKey(for: .editMessage, in: [.conversation])) "
            + "edits your own message)."
        return []
    }
    guard index > 0 || state.conversation.window.earlierCount > 0 else {
        state.status.notice = "This reply answers nothing that is shown, so it cannot be asked again."
        return []
    }
    if let problem = requestProblem(state) {
        state.status.notice = problem
        return []
    }
    state.conversation.lastDeletion = nil
    touchSession(&state, sessionID, now: stamp.nowMillis)
    state.conversation.branchOff(at: index, with: nil)
    let placed = ReplyPlacement(
        placement: .besideMessage(reply.id), branch: newestSibling(of: reply.branch, firstParameters: reply.parameters))
    return startReply(&state, sessionID: sessionID, stamp, placed: placed)
}
