/// Who gets a key, in order: Ctrl+Q and Ctrl+C always quit or stop; then an open field editor;
/// then an open overlay (except help, which lets the global keys through and swallows the rest);
/// then the global keys; then the focused pane.
func handleKey(_ state: inout AppState, _ key: Key, _ stamp: Stamp) -> [Effect] {
    state.notice = nil
    switch key {
    case .control("q"):
        return quit(&state)
    case .control("c"):
        return state.isStreaming ? cancelStream(&state) : quit(&state)
    default:
        break
    }

    if state.fieldEditor != nil { return fieldEditorKey(&state, key, stamp) }
    switch state.overlay {
    case let .modelPicker(picker)?: return modelPickerKey(&state, picker, key, stamp)
    case let .presets(picker)?: return presetsKey(&state, picker, key, stamp)
    case let .inspector(inspector)?: return inspectorKey(&state, inspector, key)
    case .help?, nil: break
    }

    switch key {
    case .escape:
        if state.overlay != nil {
            state.overlay = nil
            return []
        }
        return state.isStreaming ? cancelStream(&state) : []
    case .function(1):
        state.overlay = state.overlay == .help ? nil : .help
        state.helpTopRow = 0
        return []
    case .control("n"):
        state.overlay = nil
        return startNewSession(&state)
    case .tab:
        state.overlay = nil
        state.focus = state.focus.next
        return []
    case .backTab:
        state.overlay = nil
        state.focus = state.focus.previous
        return []
    case let .alt(c) where ("1"..."4").contains(c):
        state.overlay = nil
        if let n = c.wholeNumberValue, let pane = Pane(rawValue: n - 1) { state.focus = pane }
        return []
    default:
        break
    }

    if state.overlay != nil {
        // The help overlay swallows other keys; `?`, q and Enter close it too, and the arrows
        // scroll it when it does not fit (the view clamps the row to what there is).
        switch key {
        case .character("?"), .character("q"), .enter: state.overlay = nil
        case .up, .character("k"): state.helpTopRow = max(0, state.helpTopRow - 1)
        case .down, .character("j"): state.helpTopRow = min(KeyBindings.help.count, state.helpTopRow + 1)
        case .pageUp: state.helpTopRow = max(0, state.helpTopRow - 10)
        case .pageDown: state.helpTopRow = min(KeyBindings.help.count, state.helpTopRow + 10)
        case .home: state.helpTopRow = 0
        default: break
        }
        return []
    }
    switch key {
    case .control("p"):
        return openPresets(&state)
    case .control("r"):
        return retryTurn(&state, stamp)
    case .character("?") where state.focus != .composer:
        state.overlay = .help
        state.helpTopRow = 0
        return []
    default:
        break
    }

    switch state.focus {
    case .composer: return composerKey(&state, key, stamp)
    case .conversation: return conversationKey(&state, key)
    case .sessions: return sessionsKey(&state, key)
    case .parameters: return parametersKey(&state, key, stamp)
    }
}

private func quit(_ state: inout AppState) -> [Effect] {
    var effects: [Effect] = []
    if state.isStreaming { effects += cancelStream(&state) }
    state.quitRequested = true
    return effects + [.quit]
}

private func composerKey(_ state: inout AppState, _ key: Key, _ stamp: Stamp) -> [Effect] {
    switch key {
    case .enter:
        return send(&state, stamp)
    case .altEnter, .control("j"):
        state.composer.insert("\n")
    case let .character(c):
        state.composer.insert(String(c))
    case .backspace:
        state.composer.deleteBackward()
    case .delete:
        state.composer.deleteForward()
    case .left:
        state.composer.moveLeft()
    case .right:
        state.composer.moveRight()
    case .home, .control("a"):
        state.composer.moveToLineStart()
    case .end, .control("e"):
        state.composer.moveToLineEnd()
    case .control("u"):
        state.composer.clear()
    case .up:
        _ = state.composer.moveVertically(up: true)
    case .down:
        _ = state.composer.moveVertically(up: false)
    case .pageUp, .pageDown:
        // Reading back while typing: the conversation scrolls without taking focus.
        return conversationKey(&state, key)
    default:
        break
    }
    return []
}

func conversationKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    let metrics = state.conversationMetrics
    let page = max(1, metrics.viewportRows - 1)
    let top: Int
    switch state.scroll {
    case .followingTail: top = metrics.maxTopRow
    case let .fixed(row): top = min(row, metrics.maxTopRow)
    }
    func scroll(to row: Int) {
        let clamped = min(max(0, row), metrics.maxTopRow)
        state.scroll = clamped >= metrics.maxTopRow ? .followingTail : .fixed(topRow: clamped)
    }
    switch key {
    case .up, .character("k"): scroll(to: top - 1)
    case .down, .character("j"): scroll(to: top + 1)
    case .pageUp: scroll(to: top - page)
    case .pageDown: scroll(to: top + page)
    case .home, .character("g"): state.scroll = metrics.maxTopRow == 0 ? .followingTail : .fixed(topRow: 0)
    case .end, .character("G"): state.scroll = .followingTail
    case .enter, .character("i"): return openInspector(&state)
    default: break
    }
    return []
}

private func sessionsKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    guard !state.sessions.isEmpty else { return [] }
    switch key {
    case .up, .character("k"):
        state.selectedSessionIndex = max(0, state.selectedSessionIndex - 1)
    case .down, .character("j"):
        state.selectedSessionIndex = min(state.sessions.count - 1, state.selectedSessionIndex + 1)
    case .home:
        state.selectedSessionIndex = 0
    case .end:
        state.selectedSessionIndex = state.sessions.count - 1
    case .enter:
        let session = state.sessions[min(state.selectedSessionIndex, state.sessions.count - 1)]
        return openSession(&state, id: session.id)
    default:
        break
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
    guard let id = state.activeSessionID, state.activeSessionSaved else { return [] }
    return [.saveParameters(state.parameters, sessionID: id, nowMillis: nowMillis)]
}
