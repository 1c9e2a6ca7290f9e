/// The compare columns' keys, and the rows the frame measured for each.

/// The columns' keys: move, scroll (together or one), stop one, inspect, pick, export, close.
func compareCommand(_ command: Command, _ state: inout AppState, _ stamp: Stamp) -> [Effect]? {
    guard var compare = state.compare.run, compare.phase != .setup else { return nil }
    let selected = min(compare.selected, max(0, compare.columns.count - 1))
    func scroll(_ target: (CompareColumn) -> Int?) -> [Effect] {
        scrollColumns(&compare, compare.scrollsTogether ? Array(compare.columns.indices) : [selected], to: target)
        state.compare.run = compare
        return []
    }
    func page(_ column: CompareColumn) -> Int { max(1, column.metrics.viewportRows - 1) }
    switch command {
    case .previousColumn, .nextColumn:
        guard !compare.columns.isEmpty else { return [] }
        let step = command == .nextColumn ? 1 : -1
        compare.selected = (selected + step + compare.columns.count) % compare.columns.count
        state.compare.run = compare
        return []
    case .scrollUp: return scroll { top(of: $0) - 1 }
    case .scrollDown: return scroll { top(of: $0) + 1 }
    case .scrollPageUp: return scroll { top(of: $0) - page($0) }
    case .scrollPageDown: return scroll { top(of: $0) + page($0) }
    case .scrollTop: return scroll { _ in 0 }
    case .scrollBottom: return scroll { _ in nil }
    case .scrollTogether:
        compare.scrollsTogether.toggle()
        state.compare.run = compare
        state.status.notice = compare.scrollsTogether ? "Scrolling every column together." : "Scrolling the selected column only."
        return []
    case .stopColumn:
        guard compare.columns.indices.contains(selected), compare.columns[selected].isStreaming else {
            state.status.notice = "Column \(selected + 1) is not streaming."
            return []
        }
        let effects = stopColumn(&compare, selected, &state)
        state.compare.run = compare
        return effects
    case .inspect:
        guard compare.columns.indices.contains(selected) else { return [] }
        let reply = compare.columns[selected].reply
        state.destination = .inspector(MessageInspector(messageID: reply.id, request: reply.request.map(InspectedRequest.recorded) ?? .loading))
        return reply.request == nil ? [.loadSentRequest(messageID: reply.id)] : []
    case .choose: return pickColumn(&state, selected, stamp)
    case .pickWithParameters: return pickColumn(&state, selected, stamp, adoptingParameters: true)
    case .exportCompare: return exportCompare(&state)
    case .help: return openHelp(&state)
    case .close:
        if compare.isStreaming { return stopCompareColumns(&state) }
        return pickColumn(&state, 0, stamp, closing: true)
    default: return nil
    }
}

/// The first row a column shows, as the last frame measured it.
func top(of column: CompareColumn) -> Int { column.topRow ?? column.metrics.maxTopRow }

/// Scrolls the columns `indices` to the row `target` gives each, kept within what the last
/// frame measured; a row at the end (or nil) follows the reply again.
func scrollColumns(_ compare: inout CompareRun, _ indices: [Int], to target: (CompareColumn) -> Int?) {
    for index in indices where compare.columns.indices.contains(index) {
        let column = compare.columns[index]
        compare.columns[index].topRow = target(column).flatMap { row in
            let clamped = min(max(0, row), column.metrics.maxTopRow)
            return clamped >= column.metrics.maxTopRow ? nil : clamped
        }
    }
}

/// Enter on a finished compare: the selected column's reply becomes the conversation's path
/// (the store switches to it, as `]` would); the others stay its siblings. `p` also makes its
/// parameters the session's. Esc shows the first column's reply the same way.
private func pickColumn(
    _ state: inout AppState, _ index: Int, _ stamp: Stamp, adoptingParameters: Bool = false, closing: Bool = false
) -> [Effect] {
    guard let compare = state.compare.run else { return [] }
    guard !compare.isStreaming else {
        let keys = state.keymap
        state.status.notice = "Replies are still streaming: wait for them, or \(keys.displayKey(for: .stopColumn, in: [.compare])) stops "
            + "the selected column and \(keys.displayKey(for: .close, in: [.compare])) stops them all."
        return []
    }
    state.compare.run = nil
    guard let sessionID = compare.sessionID, compare.columns.indices.contains(index) else { return [] }
    let column = compare.columns[index]
    state.conversation.pendingBranchSwitch = column.reply.id
    state.screen.focus = .conversation
    var effects: [Effect] = []
    let others = compare.columns.count - 1
    let versions = "\(state.keymap.displayKey(for: .previousVersion, in: [.conversation])) and "
        + "\(state.keymap.displayKey(for: .nextVersion, in: [.conversation])) reach the other \(others)"
    if adoptingParameters {
        state.parameters = column.parameters
        effects = persistParameters(&state, stamp)
        state.status.notice = "Column \(index + 1) picked, and its parameters are the session's now; \(versions)."
    } else if closing {
        state.status.notice = "Compare closed: column 1's reply is shown; \(versions)."
    } else {
        state.status.notice = "Column \(index + 1) picked (the parameters pane is as it was); \(versions)."
    }
    return effects + [.switchBranch(sessionID: sessionID, fromMessageID: column.reply.id, step: 0)]
}

/// `w`: the comparison as one Markdown table, written beside the working directory.
private func exportCompare(_ state: inout AppState) -> [Effect] {
    guard let compare = state.compare.run, let sessionID = compare.sessionID else { return [] }
    let title = "compare " + (compare.prompt.text.split(separator: "\n").first.map(String.init) ?? "")
    let path = SessionFileName.suggested(title: title, sessionID: sessionID)
    return [.writeFile(path: path, text: CompareMarkdown.document(compare, nowMillis: state.status.nowMillis))]
}
