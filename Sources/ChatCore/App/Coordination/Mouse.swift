/// The mouse, when it is on (`[mouse] enabled` or `toggle-mouse`): a click focuses the pane
/// under it and picks what it is on (a session, a message, a parameter, a point of a slider's
/// track); the wheel scrolls the pane under the pointer. Where things are comes from the last
/// frame (`ScreenMap`), never from a layout worked out here. Off, the terminal's own selection
/// is untouched: chatterm does not ask for mouse reports at all. The root's: an event finds its
/// pane in the screen's map and goes to that pane's feature (or to compare's columns).

func toggleMouse(_ state: inout AppState) -> [Effect] {
    state.screen.mouseEnabled.toggle()
    state.status.notice = state.screen.mouseEnabled
        ? "Mouse on: click to focus and pick, the wheel scrolls (\(state.keymap.displayKey(for: .toggleMouse, in: [.global])) "
            + "turns it off; hold Shift to select text meanwhile)."
        : "Mouse off: the terminal's own selection works again."
    if !state.screen.mouseEnabled { state.screen.map = ScreenMap() }
    return [.setMouse(state.screen.mouseEnabled)]
}

func mouse(_ state: inout AppState, _ event: MouseEvent, _ stamp: Stamp) -> [Effect] {
    guard state.screen.mouseEnabled, state.destination?.coversPanes != true else { return [] }
    let map = state.screen.map
    if state.compare.run != nil { return compareMouse(&state, event) }
    guard let pane = map.panes.first(where: { $0.area.contains(x: event.x, y: event.y) })?.pane else { return [] }
    switch event.kind {
    case .press:
        state.screen.focus = pane
        return click(pane, event, &state, stamp)
    case .wheelUp, .wheelDown:
        return wheel(pane, up: event.kind == .wheelUp, &state, stamp)
    }
}

private func click(_ pane: Pane, _ event: MouseEvent, _ state: inout AppState, _ stamp: Stamp) -> [Effect] {
    let map = state.screen.map
    switch pane {
    case .sessions:
        guard let list = map.sessionList, list.contains(x: event.x, y: event.y) else { return [] }
        let index = map.firstSessionIndex + event.y - list.y
        guard state.sessions.list.indices.contains(index) else { return [] }
        state.sessions.selection.select(index, count: state.sessions.list.count)
        return openSession(&state, id: state.sessions.list[index].id) + state.handle(reduceSessions(&state.sessions, .selectionMoved(toEnd: false)))
    case .conversation:
        guard let area = map.conversation, area.contains(x: event.x, y: event.y),
              map.messageRows.indices.contains(event.y - area.y), let id = map.messageRows[event.y - area.y] else { return [] }
        state.conversation.cursor = id
        return []
    case .parameters:
        guard let row = map.parameterRows.first(where: { $0.y == event.y }) else { return [] }
        return state.handle(parametersClicked(row, x: event.x, &state.parameterPane, &state.parameters, stamp))
    case .composer:
        return []
    }
}

private func wheel(_ pane: Pane, up: Bool, _ state: inout AppState, _ stamp: Stamp) -> [Effect] {
    let lines = 3
    switch pane {
    case .sessions:
        guard !state.sessions.list.isEmpty else { return [] }
        state.sessions.selection.move(by: up ? -lines : lines, count: state.sessions.list.count)
        return state.handle(reduceSessions(&state.sessions, .selectionMoved(toEnd: false)))
    case .conversation:
        var effects: [Effect] = []
        for _ in 0..<lines { effects += conversationCommand(up ? .scrollUp : .scrollDown, &state, stamp) ?? [] }
        return effects
    case .parameters:
        reduceParameterPane(&state.parameterPane, .move(by: up ? -1 : 1))
        return []
    case .composer:
        return []
    }
}

/// On the compare columns a click selects the column under it; the wheel scrolls that column.
private func compareMouse(_ state: inout AppState, _ event: MouseEvent) -> [Effect] {
    guard var compare = state.compare.run,
          let column = state.screen.map.compareColumns.first(where: { $0.area.contains(x: event.x, y: event.y) })?.column,
          compare.columns.indices.contains(column) else { return [] }
    switch event.kind {
    case .press:
        compare.selected = column
    case .wheelUp, .wheelDown:
        scrollColumns(&compare, [column]) { top(of: $0) + (event.kind == .wheelUp ? -3 : 3) }
    }
    state.compare.run = compare
    return []
}
