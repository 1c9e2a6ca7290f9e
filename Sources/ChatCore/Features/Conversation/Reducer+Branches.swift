import StreamProtocol

/// Versions of a message: `e` edits a user message into a new version of it, `r` asks again
/// for a reply with the parameters as they are now, and `[`/`]` walk between the versions.
/// Nothing is ever replaced: every version stays in the session's tree, and the conversation
/// pane shows one path through it, which is exactly what the next request carries.

/// `e` on a user message: what the message box held, put back when the edit is left.
public struct MessageEdit: Sendable, Equatable {
    public var messageID: String
    /// The edited message's place among its versions, so the new one knows its number.
    public var branch: BranchPosition?
    public var draft: String

    public init(messageID: String, branch: BranchPosition?, draft: String) {
        self.messageID = messageID
        self.branch = branch
        self.draft = draft
    }
}

/// The place a new version takes: the last of its siblings.
func newestSibling(of branch: BranchPosition?, firstParameters: SessionParameters?) -> BranchPosition {
    let count = (branch?.count ?? 1) + 1
    return BranchPosition(index: count, count: count, firstParameters: branch?.firstParameters ?? firstParameters)
}

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
    state.conversation.messages = Array(state.conversation.messages[..<index]) + [userMessage]
    state.conversation.window.laterCount = 0
    // What the box held before `e` comes back: the edit only borrowed the box.
    state.composer.input.replaceAll(with: edit.draft)
    state.conversation.cursor = nil
    state.conversation.scroll = .followingTail
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
    state.conversation.messages = Array(state.conversation.messages[..<index])
    state.conversation.window.laterCount = 0
    state.conversation.cursor = nil
    state.conversation.scroll = .followingTail
    let placed = ReplyPlacement(
        placement: .besideMessage(reply.id), branch: newestSibling(of: reply.branch, firstParameters: reply.parameters))
    return startReply(&state, sessionID: sessionID, stamp, placed: placed)
}

/// `[` (step -1) or `]` (step 1): the previous or next version of the nearest message at or
/// above the cursor that has versions; the path below it follows that version's newest message.
func switchVersion(_ state: inout AppState, step: Int) -> [Effect] {
    guard !state.isStreaming else {
        state.status.notice = "A reply is still streaming: switch versions once it ends."
        return []
    }
    guard let sessionID = state.conversation.activeSessionID, let index = cursorIndex(state) else { return [] }
    let messages = state.visibleMessages
    guard let versioned = messages[...index].last(where: { $0.branch != nil }), let branch = versioned.branch else {
        state.status.notice = "No other versions here: \(state.keymap.displayKey(for: .editMessage, in: [.conversation])) on your message "
            + "or \(state.keymap.displayKey(for: .regenerate, in: [.conversation])) on a reply makes one."
        return []
    }
    guard (1...branch.count).contains(branch.index + step) else {
        state.status.notice = step < 0 ? "This is the first of \(branch.count) versions." : "This is the last of \(branch.count) versions."
        return []
    }
    state.conversation.pendingBranchSwitch = versioned.id
    return [.switchBranch(sessionID: sessionID, fromMessageID: versioned.id, step: step)]
}

/// The store switched versions: the new path, read around the version shown, with the cursor
/// on it. An answer for another session or an older switch is dropped.
func branchSwitched(_ state: inout AppState, sessionID: String, from messageID: String, _ result: BranchSwitch?) -> [Effect] {
    guard sessionID == state.conversation.activeSessionID, state.conversation.pendingBranchSwitch == messageID else { return [] }
    state.conversation.pendingBranchSwitch = nil
    guard let result, !result.window.messages.isEmpty else {
        state.status.notice = "That version is no longer there."
        return []
    }
    state.conversation.messages = result.window.messages
    state.conversation.window = ConversationWindow(earlierCount: result.window.earlierCount, laterCount: result.window.laterCount)
    state.conversation.cursor = result.messageID
    state.conversation.scroll = .revealing(messageID: result.messageID)
    state.conversation.lastDeletion = nil
    // A compare's pick said what it did already.
    if state.status.notice == nil, let branch = result.window.messages.first(where: { $0.id == result.messageID })?.branch {
        state.status.notice = "Version \(branch.index) of \(branch.count)."
    }
    return []
}
