/// The message box's keys (the `message` context): send, line breaks, clearing, the recall
/// of earlier prompts. Its text keys are `reduceComposer`'s.

func messageCommand(_ command: Command, _ state: inout AppState, _ stamp: Stamp) -> [Effect]? {
    switch command {
    case .send:
        return send(&state, stamp)
    case .newline:
        typeText(&state, "\n")
        return []
    case .clearMessage:
        return clearMessage(&state)
    case .previousPrompt:
        if state.composer.input.moveVertically(up: true) { return [] }
        recallPrompt(&state, older: true)
        return []
    case .nextPrompt:
        if state.composer.input.moveVertically(up: false) { return [] }
        recallPrompt(&state, older: false)
        return []
    case .scrollPageUp, .scrollPageDown:
        return conversationCommand(command, &state, stamp)
    default:
        return nil
    }
}

/// Ctrl+C with a message typed: the text goes to the kill buffer (Ctrl+Y types it back) and
/// the box is emptied; the next Ctrl+C, with nothing typed, quits. Nil (the key goes on to
/// `interrupt`) while a reply streams, since stopping it comes first, and when the box is empty.
private func clearMessage(_ state: inout AppState) -> [Effect]? {
    guard !state.isStreaming, !state.composer.input.text.isEmpty else { return nil }
    state.composer.killBuffer = state.composer.input.text
    state.composer.input.clear()
    state.composer.promptRecall = nil
    let yank = state.keymap.displayKey(for: .yank, in: [.text])
    let quit = state.keymap.displayKey(for: .interrupt, in: [.app])
    if let edit = state.composer.messageEdit {
        // Clearing an edit leaves it: the message box gets back what it held before `e`.
        state.composer.messageEdit = nil
        state.composer.input.replaceAll(with: edit.draft)
        state.status.notice = "Edit left (\(yank) types the edited text back); the message box is as it was."
        return []
    }
    state.status.notice = "Message cleared: \(yank) puts it back; \(quit) again quits."
    return []
}

/// ↑ past the first line: the session's previous prompt; ↓ past the last line of a recalled
/// prompt: the next one, then the text that was being typed before the walk began. An edited
/// recalled prompt starts a new walk, with the edit as the draft. The caret lands where the
/// walk continues: at the end going back, at the start going forward, so ↑/↓ pass through
/// the lines of a multi-line prompt before leaving it.
private func recallPrompt(_ state: inout AppState, older: Bool) {
    let prompts = state.conversation.messages.filter { $0.role == .user }.map(\.content)
    var recall = state.composer.promptRecall
    if let current = recall, current.shown != state.composer.input.text { recall = nil }
    switch (recall, older) {
    case (nil, true):
        guard let last = prompts.indices.last else { return }
        recall = PromptRecall(position: last, draft: state.composer.input.text, shown: prompts[last])
    case (nil, false):
        return
    case let (current?, true):
        guard current.position > 0, current.position - 1 < prompts.count else { return }
        recall = PromptRecall(position: current.position - 1, draft: current.draft, shown: prompts[current.position - 1])
    case let (current?, false):
        if current.position + 1 < prompts.count {
            recall = PromptRecall(position: current.position + 1, draft: current.draft, shown: prompts[current.position + 1])
        } else {
            state.composer.input.replaceAll(with: current.draft)
            state.composer.promptRecall = nil
            return
        }
    }
    state.composer.promptRecall = recall
    if let recall { state.composer.input.replaceAll(with: recall.shown, caretAtStart: !older) }
}
