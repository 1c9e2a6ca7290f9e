/// A key press: the contexts the state puts in charge (`KeyContext.stack`) are asked in order;
/// the first whose keymap names a command that applies now runs it. A command that does not
/// apply (Ctrl+K with nothing to delete, ↑ on a list's first item) lets the key fall through to
/// the next context. In a text input, a printable key no command claims is typed.
func handleKey(_ state: inout AppState, _ key: Key, _ stamp: Stamp) -> [Effect] {
    if state.screen.isTooSmall {
        // Only the notice is drawn: a key could act unseen (send a message, open help).
        guard state.keymap.command(for: key, in: .app) == .quit else { return [] }
        return perform(.quit, in: .app, &state, stamp) ?? []
    }
    state.status.notice = nil
    switch state.destination {
    // A delete asked for a confirmation: this key is the answer.
    case .confirm?: return answerConfirm(&state, key, stamp)
    // `c` waits for a code block's number; any other key cancels and then does its own job.
    case .codeBlockNumber?: if let effects = answerCodeBlockNumber(&state, key, stamp) { return effects }
    default: break
    }
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
    // `chatterm ask` answers a waiting tool call by name, wherever the focus is.
    if let effects = toolTurnCommandFromAnywhere(command, &state, stamp) { return effects }
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
    case .message:
        // The messages are lent for the call only: a send answered below appends to them.
        let appContext = state.context
        let reduced = messageCommand(command, &state.composer, messages: state.conversation.messages, appContext, stamp)
        return reduced.map { state.handle($0) }
    case .conversation:
        if toolTurnHoldsThePath(command, &state) { return [] }
        return conversationCommand(command, &state, stamp)
    case .sessions:
        let appContext = state.context
        let open = state.conversation.activeSessionID
        return sessionsCommand(command, &state.sessions, openSessionID: open, appContext, stamp).map { state.handle($0) }
    case .parameters:
        let appContext = state.context
        return parametersCommand(command, &state.parameterPane, &state.parameters, appContext, stamp).map { state.handle($0) }
    case .fieldEditor:
        guard let editor = state.destination?.fieldEditor else { return nil }
        return fieldEditorCommand(command, editor, &state.parameters, stamp).map { state.handle($0) }
    case .modelPicker: return modelPickerCommand(command, &state, stamp)
    case .presets: return presetsCommand(command, &state, stamp)
    case .presetName: return presetNameCommand(command, &state)
    case .conversationSearch: return conversationSearchCommand(command, &state)
    case .codeBlock: return codeBlockCommand(command, &state)
    case .confirm: return confirmCommand(command, &state, stamp)
    case .sessionRename:
        guard case let .sessionPrompt(rename)? = state.destination else { return nil }
        return state.sessions.sessionPromptCommand(command, rename).map { state.handle($0) }
    case .sessionSearch: return sessionSearchCommand(command, &state.sessions).map { state.handle($0) }
    case .inspector: return inspectorCommand(command, &state)
    case .compareSetup: return compareSetupCommand(command, &state, stamp)
    case .compare: return compareCommand(command, &state, stamp)
    case .help: return helpCommand(command, &state)
    case .palette: return paletteCommand(command, &state, stamp)
    case .text: return textCommand(command, &state)
    case .tools: return toolsOverlayCommand(command, &state)
    case .toolApproval: return toolApprovalCommand(command, &state, stamp)
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
        state.destination = nil
        state.screen.focus = pane
        return []
    }
    switch command {
    case .cancel:
        if state.isStreaming { return cancelStream(&state) }
        // A tool call runs (the focus elsewhere: with it on the conversation, a waiting call's
        // Esc is the approval's): Esc stops the turn as it stops a stream.
        if state.tools.turn?.isRunning == true, state.destination == nil { return stopToolTurn(&state, now: stamp.nowMillis) }
        if state.conversation.search != nil, state.screen.focus == .conversation, state.destination == nil {
            state.conversation.search = nil
            return []
        }
        if state.composer.messageEdit != nil, state.destination == nil { return leaveEdit(&state) }
        return state.composer.toolAnswer != nil && state.destination == nil ? state.handle(leaveToolAnswer(&state.composer)) : nil
    case .help: return openHelp(&state)
    case .cycleTheme: return [.cycleTheme]
    case .toggleZoom: return toggleZoom(&state)
    case .switchProfile: return switchProfile(&state)
    case .toggleMouse: return toggleMouse(&state)
    case .newSession:
        state.destination = nil
        return startNewSession(&state)
    case .retry: return state.destination == nil ? retryTurn(&state, stamp) : nil
    case .presets: return state.destination == nil ? openPresets(&state) : nil
    case .focusNext: return focus(state.screen.focus.next)
    case .focusPrevious: return focus(state.screen.focus.previous)
    case .focusSessions: return focus(.sessions)
    case .focusConversation: return focus(.conversation)
    case .focusParameters: return focus(.parameters)
    case .focusMessage: return focus(.composer)
    case .compare: return state.destination == nil ? openCompare(&state) : nil
    case .startLocalServer: return startLocalServer(&state)
    case .tools: return openToolsOverlay(&state)
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

private func quit(_ state: inout AppState) -> [Effect] {
    var effects: [Effect] = []
    if state.isStreaming { effects += cancelStream(&state) }
    // Tool calls under way are answered "not run" and stored before the quit's flush, so the
    // session reopens with every call answered and nothing left to re-run.
    effects += endToolTurn(&state, now: state.status.nowMillis) ?? []
    state.status.quitRequested = true
    return effects + [.quit]
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
