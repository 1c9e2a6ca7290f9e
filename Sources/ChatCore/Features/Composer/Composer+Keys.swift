/// The message box's keys (the `message` context): send, line breaks, clearing, the recall
/// of earlier prompts. Its text keys are `reduceComposer`'s. The conversation's messages come
/// down as a value (↑ recalls the session's earlier prompts).

func messageCommand(
    _ command: Command, _ state: inout ComposerState, messages: [Message], _ context: FeatureContext, _ stamp: Stamp
) -> Reduced<ComposerDelegate>? {
    switch command {
    case .send:
        return Reduced(delegates: [.send(stamp)])
    case .newline:
        return Reduced(delegates: [.type("\n")])
    case .clearMessage:
        return clearMessage(&state, context)
    case .previousPrompt:
        if state.input.moveVertically(up: true) { return Reduced() }
        recallPrompt(&state, messages, older: true)
        return Reduced()
    case .nextPrompt:
        if state.input.moveVertically(up: false) { return Reduced() }
        recallPrompt(&state, messages, older: false)
        return Reduced()
    case .scrollPageUp, .scrollPageDown:
        return Reduced(delegates: [.scrollConversation(command, stamp)])
    default:
        return nil
    }
}

/// Ctrl+C with a message typed: the text goes to the kill buffer (Ctrl+Y types it back) and
/// the box is emptied; the next Ctrl+C, with nothing typed, quits. Nil (the key goes on to
/// `interrupt`) while a reply streams, since stopping it comes first, and when the box is empty.
private func clearMessage(_ state: inout ComposerState, _ context: FeatureContext) -> Reduced<ComposerDelegate>? {
    guard !context.isStreaming, !state.input.text.isEmpty else { return nil }
    state.killBuffer = state.input.text
    state.input.clear()
    state.promptRecall = nil
    let yank = context.keymap.displayKey(for: .yank, in: [.text])
    let quit = context.keymap.displayKey(for: .interrupt, in: [.app])
    if let edit = state.messageEdit {
        // Clearing an edit leaves it: the message box gets back what it held before `e`.
        state.messageEdit = nil
        state.input.replaceAll(with: edit.draft)
        return .notice("Edit left (\(yank) types the edited text back); the message box is as it was.")
    }
    return .notice("Message cleared: \(yank) puts it back; \(quit) again quits.")
}

/// ↑ past the first line: the session's previous prompt; ↓ past the last line of a recalled
/// prompt: the next one, then the text that was being typed before the walk began. An edited
/// recalled prompt starts a new walk, with the edit as the draft. The caret lands where the
/// walk continues: at the end going back, at the start going forward, so ↑/↓ pass through
/// the lines of a multi-line prompt before leaving it.
private func recallPrompt(_ state: inout ComposerState, _ messages: [Message], older: Bool) {
    let prompts = messages.filter { $0.role == .user }.map(\.content)
    var recall = state.promptRecall
    if let current = recall, current.shown != state.input.text { recall = nil }
    switch (recall, older) {
    case (nil, true):
        guard let last = prompts.indices.last else { return }
        recall = PromptRecall(position: last, draft: state.input.text, shown: prompts[last])
    case (nil, false):
        return
    case let (current?, true):
        guard current.position > 0, current.position - 1 < prompts.count else { return }
        recall = PromptRecall(position: current.position - 1, draft: current.draft, shown: prompts[current.position - 1])
    case let (current?, false):
        if current.position + 1 < prompts.count {
            recall = PromptRecall(position: current.position + 1, draft: current.draft, shown: prompts[current.position + 1])
        } else {
            state.input.replaceAll(with: current.draft)
            state.promptRecall = nil
            return
        }
    }
    state.promptRecall = recall
    if let recall { state.input.replaceAll(with: recall.shown, caretAtStart: !older) }
}
