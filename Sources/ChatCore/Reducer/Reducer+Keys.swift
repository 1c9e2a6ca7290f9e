/// A key press: the contexts the state puts in charge (`KeyContext.stack`) are asked in order;
/// the first whose keymap names a command that applies now runs it. A command that does not
/// apply (Ctrl+K with nothing to delete, ↑ on a list's first item) lets the key fall through to
/// the next context. In a text input, a printable key no command claims is typed.
func handleKey(_ state: inout AppState, _ key: Key, _ stamp: Stamp) -> [Effect] {
    state.status.notice = nil
    // `c` waits for a code block's number; any other key cancels and then does its own job.
    if state.awaitingCodeBlockNumber, let effects = finishCodeBlockCopy(&state, key) { return effects }
    // `d` asked for a confirmation: this key is the answer.
    if state.pendingDelete != nil { return answerDelete(&state, key, stamp) }
    if state.pendingSessionDelete != nil { return answerSessionDelete(&state, key, stamp) }
    let stack = KeyContext.stack(for: state)
    for context in stack {
        guard let command = state.keymap.command(for: key, in: context) else { continue }
        if let effects = perform(command, in: context, &state, stamp) { return effects }
    }
    if let effects = keyPastInspector(&state, key, stamp) { return effects }
    if stack.contains(.text), case let .character(c) = key {
        typeText(&state, String(c))
    }
    return []
}

/// A command without its key: the first context of the stack where it applies runs it; where
/// none does, the notice says so (the same words as the palette's).
func invoke(_ command: Command, _ state: inout AppState, _ stamp: Stamp) -> [Effect] {
    state.status.notice = nil
    for context in KeyContext.stack(for: state) {
        if let effects = perform(command, in: context, &state, stamp) { return effects }
    }
    state.status.notice = "\(command.rawValue): nothing to do here right now."
    return []
}

/// Runs `command` as `context` defines it. Nil when it does not apply in the current state, so
/// the key is offered to the next context (or, from the palette, the user is told).
func perform(_ command: Command, in context: KeyContext, _ state: inout AppState, _ stamp: Stamp) -> [Effect]? {
    switch context {
    case .app: return appCommand(command, &state)
    case .global: return globalCommand(command, &state, stamp)
    case .message: return messageCommand(command, &state, stamp)
    case .conversation: return conversationCommand(command, &state, stamp)
    case .sessions: return sessionsCommand(command, &state, stamp)
    case .parameters: return parametersCommand(command, &state, stamp)
    case .fieldEditor: return fieldEditorCommand(command, &state, stamp)
    case .modelPicker: return modelPickerCommand(command, &state, stamp)
    case .presets: return presetsCommand(command, &state, stamp)
    case .presetName: return presetNameCommand(command, &state)
    case .conversationSearch: return conversationSearchCommand(command, &state)
    case .sessionRename: return sessionRenameCommand(command, &state)
    case .sessionSearch: return sessionSearchCommand(command, &state)
    case .inspector: return inspectorCommand(command, &state)
    case .compareSetup: return compareSetupCommand(command, &state, stamp)
    case .compare: return compareCommand(command, &state, stamp)
    case .help: return helpCommand(command, &state)
    case .palette: return paletteCommand(command, &state, stamp)
    case .text: return textCommand(command, &state)
    }
}

private func appCommand(_ command: Command, _ state: inout AppState) -> [Effect]? {
    switch command {
    case .quit: return quit(&state)
    case .interrupt: return state.isStreaming ? cancelStream(&state) : quit(&state)
    case .palette: return togglePalette(&state)
    default: return nil
    }
}

/// With no overlay open, or under the help overlay (whose own keys come first). Moving focus or
/// starting a session closes the help.
private func globalCommand(_ command: Command, _ state: inout AppState, _ stamp: Stamp) -> [Effect]? {
    func focus(_ pane: Pane) -> [Effect] {
        state.overlay = nil
        state.screen.focus = pane
        return []
    }
    switch command {
    case .cancel:
        if state.isStreaming { return cancelStream(&state) }
        if state.conversation.search != nil, state.screen.focus == .conversation, state.overlay == nil {
            state.conversation.search = nil
            return []
        }
        if state.composer.messageEdit != nil, state.overlay == nil { return leaveEdit(&state) }
        return state.composer.toolAnswer != nil && state.overlay == nil ? leaveToolAnswer(&state) : nil
    case .help: return openHelp(&state)
    case .cycleTheme: return [.cycleTheme]
    case .toggleZoom: return toggleZoom(&state)
    case .switchProfile: return switchProfile(&state)
    case .toggleMouse: return toggleMouse(&state)
    case .newSession:
        state.overlay = nil
        return startNewSession(&state)
    case .retry: return state.overlay == nil ? retryTurn(&state, stamp) : nil
    case .presets: return state.overlay == nil ? openPresets(&state) : nil
    case .focusNext: return focus(state.screen.focus.next)
    case .focusPrevious: return focus(state.screen.focus.previous)
    case .focusSessions: return focus(.sessions)
    case .focusConversation: return focus(.conversation)
    case .focusParameters: return focus(.parameters)
    case .focusMessage: return focus(.composer)
    case .compare: return state.overlay == nil ? openCompare(&state) : nil
    case .startLocalServer: return startLocalServer(&state)
    default: return nil
    }
}

/// The conversation takes the full width, or gives the side panes back. A side pane that had
/// the focus keeps it (it shows in the conversation's place, as on a narrow terminal).
private func toggleZoom(_ state: inout AppState) -> [Effect] {
    state.screen.zoomed.toggle()
    let key = state.keymap.displayKey(for: .toggleZoom, in: [.global])
    state.status.notice = state.screen.zoomed
        ? "Zoomed: the conversation takes the full width (\(key) gives the side panes back)."
        : "Side panes back (\(key) zooms the conversation)."
    return []
}

func openHelp(_ state: inout AppState) -> [Effect] {
    state.overlay = .help
    state.helpTopRow = 0
    return []
}

private func helpCommand(_ command: Command, _ state: inout AppState) -> [Effect]? {
    let metrics = state.overlayMetrics
    let page = max(1, metrics.viewportRows - 1)
    func scroll(to row: Int) -> [Effect] {
        state.helpTopRow = min(max(0, row), metrics.maxTopRow)
        return []
    }
    switch command {
    case .close:
        state.overlay = nil
        return []
    case .scrollUp: return scroll(to: state.helpTopRow - 1)
    case .scrollDown: return scroll(to: state.helpTopRow + 1)
    case .scrollPageUp: return scroll(to: state.helpTopRow - page)
    case .scrollPageDown: return scroll(to: state.helpTopRow + page)
    case .scrollTop: return scroll(to: 0)
    case .scrollBottom: return scroll(to: metrics.maxTopRow)
    default: return nil
    }
}

private func quit(_ state: inout AppState) -> [Effect] {
    var effects: [Effect] = []
    if state.isStreaming { effects += cancelStream(&state) }
    state.status.quitRequested = true
    return effects + [.quit]
}

private func messageCommand(_ command: Command, _ state: inout AppState, _ stamp: Stamp) -> [Effect]? {
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

func conversationCommand(_ command: Command, _ state: inout AppState, _ stamp: Stamp) -> [Effect]? {
    let metrics = state.conversation.metrics
    let page = max(1, metrics.viewportRows - 1)
    let top = firstVisibleRow(state)
    let window = state.conversation.window
    func scroll(to row: Int) -> [Effect] {
        let clamped = min(max(0, row), metrics.maxTopRow)
        // Following the tail means being at the newest message, not just the window's last.
        state.conversation.scroll = clamped >= metrics.maxTopRow && window.laterCount == 0 ? .followingTail : .fixed(topRow: clamped)
        return []
    }
    switch command {
    case .previousMessage: return moveMessageCursor(&state, by: -1)
    case .nextMessage: return moveMessageCursor(&state, by: 1)
    case .copyMessage: return copySelectedMessage(&state)
    case .copyCodeBlock: return startCodeBlockCopy(&state)
    case .copyConversation: return copyConversation(&state)
    case .searchConversation: return openConversationSearch(&state)
    case .nextMatch: return stepConversationSearch(&state, by: 1)
    case .previousMatch: return stepConversationSearch(&state, by: -1)
    case .deleteMessage: return askToDelete(&state)
    case .forkFromMessage: return forkFromCursor(&state, stamp)
    case .editMessage: return startEdit(&state)
    case .regenerate: return regenerateReply(&state, stamp)
    case .previousVersion: return switchVersion(&state, step: -1)
    case .nextVersion: return switchVersion(&state, step: 1)
    case .undoDelete: return undoDelete(&state)
    case .scrollUp: return scroll(to: top - 1)
    case .scrollDown: return scroll(to: top + 1)
    case .scrollPageUp: return scroll(to: top - page)
    case .scrollPageDown: return scroll(to: top + page)
    case .scrollTop:
        // Home selects the first message, so what `y` or `i` acts on is what is shown (in a
        // long session, the oldest page's first once it is read: `messagesLoaded`).
        state.conversation.cursor = state.visibleMessages.first?.id
        if window.earlierCount > 0 { return loadWindowEnd(&state, .oldest) }
        state.conversation.scroll = metrics.maxTopRow == 0 && window.laterCount == 0 ? .followingTail : .fixed(topRow: 0)
        return []
    case .scrollBottom:
        // End selects the last message: the cursor follows the newest again.
        state.conversation.cursor = nil
        state.conversation.scroll = .followingTail
        if window.laterCount > 0 { return loadWindowEnd(&state, .newest) }
        return []
    case .inspect: return openInspector(&state)
    case .answerToolCall: return answerToolCall(&state)
    case .toggleMarkdown:
        state.screen.display.markdownReplies.toggle()
        state.status.notice = state.screen.display.markdownReplies ? "Replies shown as Markdown." : "Replies shown as the raw text the model sent."
        return []
    case .toggleDetails:
        state.screen.display.showDetails.toggle()
        state.status.notice = state.screen.display.showDetails ? "Reasoning and sources shown in full." : "Reasoning and sources shown as one line each."
        return []
    case .help: return openHelp(&state)
    default: return nil
    }
}

private func sessionsCommand(_ command: Command, _ state: inout AppState, _ stamp: Stamp) -> [Effect]? {
    if command == .help { return openHelp(&state) }
    if command == .undoDelete { return undoSessionDelete(&state) }
    guard !state.sessions.list.isEmpty else { return [] }
    let last = state.sessions.list.count - 1
    switch command {
    case .selectPrevious: state.sessions.selectedIndex = max(0, state.sessions.selectedIndex - 1)
    case .selectNext:
        state.sessions.selectedIndex = min(last, state.sessions.selectedIndex + 1)
        return sessionPageLoads(&state)
    case .selectFirst: state.sessions.selectedIndex = 0
    case .selectLast:
        state.sessions.selectedIndex = last
        if !state.sessions.complete { state.status.notice = "Reading the rest of the sessions…" }
        return sessionPageLoads(&state, all: true)
    case .choose: return openSession(&state, id: state.sessions.list[min(state.sessions.selectedIndex, last)].id)
    case .renameSession: return startRename(&state)
    case .forkSession: return forkSelectedSession(&state, stamp)
    case .searchSessions: return openSessionSearch(&state)
    case .deleteSession: return askToDeleteSession(&state)
    case .exportSession: return startExport(&state)
    default: return nil
    }
    return []
}

/// Parameters belong to the session; a session not yet saved keeps them in memory until its
/// first message creates it.
func persistParameters(_ state: inout AppState, _ stamp: Stamp) -> [Effect] {
    persistParameters(&state, nowMillis: stamp.nowMillis)
}

/// For results of effects, which carry no stamp: dated with the newest time seen.
func persistParameters(_ state: inout AppState, nowMillis: Int64) -> [Effect] {
    guard let id = state.conversation.activeSessionID, state.conversation.activeSessionSaved else { return [] }
    return [.saveParameters(state.parameters, sessionID: id, nowMillis: nowMillis)]
}
