/// The compare columns' keys, and the rows the frame measured for each.

/// The columns' keys: move, scroll (together or one), stop one, inspect, pick, export, close.
/// Sees only `CompareState` and what the root lends (`context`: the keys to name, the time);
/// picking a reply is answered by the root (`CompareDelegate.picked`). Nil when the command is
/// not the columns' (or no run is past its setup); a command that did its work and has nothing
/// more to ask returns `.nothing`.
func compareCommand(
    _ command: Command, _ state: inout CompareState, _ context: FeatureContext, _ stamp: Stamp
) -> Reduced<CompareDelegate>? {
    guard var compare = state.run, compare.phase != .setup else { return nil }
    let selected = min(compare.selected, max(0, compare.columns.count - 1))
    switch command {
    case .previousColumn, .nextColumn:
        guard !compare.columns.isEmpty else { return .nothing }
        let step = command == .nextColumn ? 1 : -1
        compare.selected = (selected + step + compare.columns.count) % compare.columns.count
        state.run = compare
        return .nothing
    case .scrollUp, .scrollDown, .scrollPageUp, .scrollPageDown, .scrollTop, .scrollBottom:
        // A column scrolled to its last page follows its reply again.
        for index in compare.scrollsTogether ? Array(compare.columns.indices) : [selected]
        where compare.columns.indices.contains(index) {
            _ = compare.columns[index].scroll.perform(command, followsEnd: true)
        }
        state.run = compare
        return .nothing
    case .scrollTogether:
        compare.scrollsTogether.toggle()
        state.run = compare
        return .notice(compare.scrollsTogether ? "Scrolling every column together." : "Scrolling the selected column only.")
    case .stopColumn:
        guard compare.columns.indices.contains(selected), compare.columns[selected].isStreaming else {
            return .notice("Column \(selected + 1) is not streaming.")
        }
        let reduced = stopColumn(&compare, selected, now: context.nowMillis, keymap: context.keymap)
        state.run = compare
        return reduced
    case .inspect:
        guard compare.columns.indices.contains(selected) else { return .nothing }
        let reply = compare.columns[selected].reply
        var inspector = MessageInspector(messageID: reply.id)
        let effects = inspector.focus(on: reply)
        return Reduced(effects: effects, shared: [.present(.inspector(inspector))])
    case .choose: return pickColumn(&state, selected, stamp, context)
    case .pickWithParameters: return pickColumn(&state, selected, stamp, context, adoptingParameters: true)
    case .exportCompare: return Reduced(effects: exportCompare(state, nowMillis: context.nowMillis))
    case .help: return Reduced(shared: [.openHelp])
    case .close:
        if compare.isStreaming { return stopCompareColumns(&state, now: context.nowMillis, keymap: context.keymap) }
        return pickColumn(&state, 0, stamp, context, closing: true)
    default: return nil
    }
}

/// The first row a column shows, as the last frame measured it.
func top(of column: CompareColumn) -> Int { column.scroll.topRow }

/// Scrolls the columns `indices` to the row `target` gives each, kept within what the last
/// frame measured; a row at the end (or nil) follows the reply again.
func scrollColumns(_ compare: inout CompareRun, _ indices: [Int], to target: (CompareColumn) -> Int?) {
    for index in indices where compare.columns.indices.contains(index) {
        if let row = target(compare.columns[index]) {
            compare.columns[index].scroll.scroll(to: row, followsEnd: true)
        } else {
            compare.columns[index].scroll.position = .end
        }
    }
}

/// Enter on a finished compare: the selected column's reply becomes the conversation's path
/// (the root asks the store to switch to it, as `]` would); the others stay its siblings. `p`
/// also makes its parameters the session's. Esc shows the first column's reply the same way.
private func pickColumn(
    _ state: inout CompareState, _ index: Int, _ stamp: Stamp, _ context: FeatureContext,
    adoptingParameters: Bool = false, closing: Bool = false
) -> Reduced<CompareDelegate> {
    guard let compare = state.run else { return .nothing }
    let keys = context.keymap
    guard !compare.isStreaming else {
        return .notice("Replies are still streaming: wait for them, or \(keys.displayKey(for: .stopColumn, in: [.compare])) stops "
            + "the selected column and \(keys.displayKey(for: .close, in: [.compare])) stops them all.")
    }
    state.run = nil
    guard let sessionID = compare.sessionID, compare.columns.indices.contains(index) else { return .nothing }
    let column = compare.columns[index]
    let others = compare.columns.count - 1
    let versions = "\(keys.displayKey(for: .previousVersion, in: [.conversation])) and "
        + "\(keys.displayKey(for: .nextVersion, in: [.conversation])) reach the other \(others)"
    let notice: String
    if adoptingParameters {
        notice = "Column \(index + 1) picked, and its parameters are the session's now; \(versions)."
    } else if closing {
        notice = "Compare closed: column 1's reply is shown; \(versions)."
    } else {
        notice = "Column \(index + 1) picked (the parameters pane is as it was); \(versions)."
    }
    return Reduced(
        shared: [.focus(.conversation), .notice(notice)],
        delegates: [.picked(
            sessionID: sessionID, replyID: column.reply.id, parameters: adoptingParameters ? column.parameters : nil,
            nowMillis: stamp.nowMillis)])
}

/// `w`: the comparison as one Markdown table, written beside the working directory.
private func exportCompare(_ state: CompareState, nowMillis: Int64) -> [Effect] {
    guard let compare = state.run, let sessionID = compare.sessionID else { return [] }
    let title = "compare " + (compare.prompt.text.split(separator: "\n").first.map(String.init) ?? "")
    let path = SessionFileName.suggested(title: title, sessionID: sessionID)
    return [.writeFile(path: path, text: CompareMarkdown.document(compare, nowMillis: nowMillis))]
}
