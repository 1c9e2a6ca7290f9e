import StreamProtocol

/// Compare (Ctrl+G): the setup's sweep line makes the columns, Enter sends them all at once,
/// each column streams on its own (its own stats, retries, stop), and Enter on a column makes
/// its reply the conversation's path. Every reply is saved in the session's tree as a sibling
/// of the others, so nothing is lost and `[`/`]` reach them later.

/// Ctrl+G: the setup, for the text in the message box or else the message of the user's at
/// or above the conversation's cursor.
func openCompare(_ state: inout AppState) -> [Effect] {
    guard !state.isStreaming else {
        state.notice = "A reply is still streaming: compare once it ends."
        return []
    }
    guard state.messageEdit == nil, state.toolAnswer == nil else {
        state.notice = "Leave the edit or the tool answer first (\(state.keymap.displayKey(for: .cancel, in: [.global])))."
        return []
    }
    let prompt: CompareRun.Prompt
    if !state.composer.isBlank {
        prompt = .typed(state.composer.text)
    } else if let message = promptAtCursor(state) {
        prompt = .message(id: message.id, content: message.content)
    } else {
        state.notice = "Type a prompt first (or put the conversation's cursor on a message of yours): "
            + "\(state.keymap.displayKey(for: .compare, in: [.global])) asks it with several parameter sets side by side."
        return []
    }
    state.compare = CompareRun(
        prompt: prompt, sweep: TextInput(text: state.lastCompareSweep), baseParameters: state.parameters, presets: state.presets)
    return []
}

/// The user's message at or above the cursor (a reply's cursor compares what it answered).
private func promptAtCursor(_ state: AppState) -> Message? {
    guard state.activeSessionSaved, let index = cursorIndex(state) else { return nil }
    return state.visibleMessages[...index].last { $0.role == .user }
}

func compareSetupCommand(_ command: Command, _ state: inout AppState, _ stamp: Stamp) -> [Effect]? {
    switch command {
    case .accept: return sendCompare(&state, stamp)
    case .help: return openHelp(&state)
    case .close:
        state.compare = nil
        state.notice = "Compare closed; nothing was sent."
        return []
    default: return nil
    }
}

/// Enter in the setup: the prompt (saved as a user message when it was typed) and one request
/// per column.
private func sendCompare(_ state: inout AppState, _ stamp: Stamp) -> [Effect] {
    guard var compare = state.compare else { return [] }
    let sets: [SessionParameters]
    switch compare.planned {
    case let .failure(problem):
        state.notice = problem.message
        return []
    case let .success(planned):
        sets = planned
    }
    guard sets.count >= 2 else {
        state.notice = "One column is no comparison: give a field several values (temperature=0.2,1.4), "
            + "or start the line with | to keep the parameters as set beside the others."
        return []
    }
    for (index, parameters) in sets.enumerated() {
        var asked = state
        asked.parameters = parameters
        if let problem = requestProblem(asked) {
            state.notice = "Column \(index + 1): \(problem)"
            return []
        }
    }
    state.lastCompareSweep = compare.sweep.text
    state.lastDeletion = nil
    var effects: [Effect] = []
    let sessionID: String
    switch compare.prompt {
    case .typed:
        let appended = appendUserMessage(&state, stamp)
        sessionID = appended.sessionID
        effects = appended.1
        compare.firstPlacement = .atPathEnd
        compare.historyEndsBefore = nil
    case let .message(id, _):
        let messages = state.visibleMessages
        guard let current = state.activeSessionID, let index = messages.firstIndex(where: { $0.id == id }) else {
            state.compare = nil
            state.notice = "That message is no longer shown: nothing was sent."
            return []
        }
        sessionID = current
        touchSession(&state, sessionID, now: stamp.nowMillis)
        // The replies go beside what answered the message, and the history ends with it.
        let next = messages.indices.contains(index + 1) ? messages[index + 1] : nil
        compare.firstPlacement = next.map { .besideMessage($0.id) } ?? .atPathEnd
        compare.historyEndsBefore = next?.id
    }
    compare.sessionID = sessionID
    compare.stamp = stamp
    state.messageCursor = nil
    state.lastOutcome = nil
    guard state.conversationWindow.isComplete else {
        compare.phase = .awaitingHistory
        state.compare = compare
        return effects + [.loadRequestHistory(sessionID: sessionID, before: compare.historyEndsBefore)]
    }
    var held = state.messages
    if let end = compare.historyEndsBefore, let cut = held.firstIndex(where: { $0.id == end }) { held = Array(held[..<cut]) }
    state.compare = compare
    return effects + startCompareColumns(&state, sets, history: requestHistoryTurns(held))
}

/// The history a compare waited for (a session not held whole) arrived: the columns go out.
/// Nil when no compare waits for it.
func compareHistoryLoaded(_ state: inout AppState, sessionID: String, _ messages: [Message]) -> [Effect]? {
    guard let compare = state.compare, compare.phase == .awaitingHistory, compare.sessionID == sessionID,
          case let .success(sets) = compare.planned else { return nil }
    return startCompareColumns(&state, sets, history: requestHistoryTurns(messages))
}

/// One request per parameter set, all at once; the first reply goes where the compare's
/// placement says, the others beside it (siblings in the tree).
private func startCompareColumns(
    _ state: inout AppState, _ sets: [SessionParameters], history: [(id: String, message: ChatMessage)]
) -> [Effect] {
    guard var compare = state.compare, let sessionID = compare.sessionID, let stamp = compare.stamp else { return [] }
    let labels = CompareSweep.labels(sets, current: compare.baseParameters)
    let plain = history.allSatisfy { $0.message.isPlainTurn }
    var effects: [Effect] = []
    var notCarried: [String] = []
    compare.columns = []
    for (index, parameters) in sets.enumerated() {
        var asked = state
        asked.parameters = parameters
        let request = buildRequest(asked, sessionID: sessionID, history: history.map(\.message))
        let sent = sentRequest(for: request, historyMessageIDs: plain ? history.map(\.id) : nil, asked)
        notCarried += sent.notCarried.filter { !notCarried.contains($0) }
        var reply = Message(
            id: stamp.freshID + "-c\(index + 1)", role: .assistant, content: "", createdAtMillis: stamp.nowMillis,
            status: .streaming, model: request.model, parameters: parameters, request: sent)
        reply.placement = index == 0 ? compare.firstPlacement : .besideMessage(compare.columns[0].reply.id)
        let stream = ActiveStream(state.takeRequestID(), sessionID: sessionID, reply: reply, now: stamp.nowMillis)
        compare.columns.append(CompareColumn(parameters: parameters, label: labels[index], stream: stream))
        // Saved before its request goes out, and the first before the others: they are put
        // beside it in the tree.
        effects += [.saveMessage(reply, sessionID: sessionID), .startStream(stream.requestID, request)]
    }
    compare.phase = .running
    compare.selected = 0
    state.compare = compare
    if !notCarried.isEmpty {
        state.notice = "not sent in \(state.profile.dialect.rawValue): " + notCarried.joined(separator: ", ")
    }
    return effects
}

/// Events for a column's request. Stale ids (a stopped column, a closed compare) are dropped.
func compareStreamReceived(_ state: inout AppState, _ id: RequestID, _ events: [StreamEvent], now: Int64) -> [Effect] {
    guard var compare = state.compare, let index = compare.columnIndex(of: id), compare.columns[index].isStreaming else { return [] }
    // Out of the state while it changes, so the reply's text is not copied (see `streamReceived`).
    state.compare = nil
    state.nowMillis = max(state.nowMillis, now)
    let effects: [Effect]
    if let ending = compare.columns[index].stream.apply(events, now: now) {
        effects = endColumn(&compare, index, ending, &state, now: now)
    } else if let due = compare.columns[index].stream.dueSave(now: now, force: false), let sessionID = compare.sessionID {
        effects = [.saveMessage(due, sessionID: sessionID)]
    } else {
        effects = []
    }
    state.compare = compare
    return effects
}

func compareStreamClosed(_ state: inout AppState, _ id: RequestID, failure: APIError?, now: Int64) -> [Effect] {
    guard var compare = state.compare, let index = compare.columnIndex(of: id), compare.columns[index].isStreaming else { return [] }
    state.nowMillis = max(state.nowMillis, now)
    let outcome = compare.columns[index].stream.close(failure: failure)
    let effects = endColumn(&compare, index, outcome, &state, now: now)
    state.compare = compare
    return effects
}

/// The clock: each streaming column is saved at least once a second.
func compareSavesDue(_ state: inout AppState) -> [Effect] {
    guard var compare = state.compare, let sessionID = compare.sessionID, compare.isStreaming else { return [] }
    var effects: [Effect] = []
    for index in compare.columns.indices where compare.columns[index].isStreaming {
        if let due = compare.columns[index].stream.dueSave(now: state.nowMillis, force: false) {
            effects.append(.saveMessage(due, sessionID: sessionID))
        }
    }
    state.compare = compare
    return effects
}

/// A column's reply ended: its figures are stored with it. When it was the last one
/// streaming, the notice says what comes next.
private func endColumn(
    _ compare: inout CompareRun, _ index: Int, _ outcome: LastOutcome, _ state: inout AppState, now: Int64
) -> [Effect] {
    compare.columns[index].stream.seal(now: now)
    if !compare.isStreaming {
        state.lastOutcome = outcome
        let keys = state.keymap
        state.notice = "All \(compare.columns.count) replies are in: \(keys.displayKey(for: .choose, in: [.compare])) picks one, "
            + "\(keys.displayKey(for: .exportCompare, in: [.compare])) exports them."
    }
    guard let sessionID = compare.sessionID else { return [] }
    return [.saveMessage(compare.columns[index].reply, sessionID: sessionID)]
}

/// Stops every column still streaming (Esc, Ctrl+C, quit): what arrived is kept, marked
/// interrupted. A compare still waiting for its history is dropped (its message is saved).
func stopCompareColumns(_ state: inout AppState) -> [Effect] {
    guard var compare = state.compare else { return [] }
    if compare.phase == .awaitingHistory {
        state.compare = nil
        state.lastOutcome = .interrupted
        return []
    }
    var effects: [Effect] = []
    for index in compare.columns.indices where compare.columns[index].isStreaming {
        effects += stopColumn(&compare, index, &state)
    }
    state.compare = compare
    return effects
}

private func stopColumn(_ compare: inout CompareRun, _ index: Int, _ state: inout AppState) -> [Effect] {
    compare.columns[index].stream.reply.status = .interrupted
    let id = compare.columns[index].stream.requestID
    return [.cancelStream(id)] + endColumn(&compare, index, .interrupted, &state, now: state.nowMillis)
}

/// The columns' keys: move, scroll (together or one), stop one, inspect, pick, export, close.
func compareCommand(_ command: Command, _ state: inout AppState, _ stamp: Stamp) -> [Effect]? {
    guard var compare = state.compare, compare.phase != .setup else { return nil }
    let selected = min(compare.selected, max(0, compare.columns.count - 1))
    func scroll(_ target: (CompareColumn) -> Int?) -> [Effect] {
        scrollColumns(&compare, compare.scrollsTogether ? Array(compare.columns.indices) : [selected], to: target)
        state.compare = compare
        return []
    }
    func page(_ column: CompareColumn) -> Int { max(1, column.metrics.viewportRows - 1) }
    switch command {
    case .previousColumn, .nextColumn:
        guard !compare.columns.isEmpty else { return [] }
        let step = command == .nextColumn ? 1 : -1
        compare.selected = (selected + step + compare.columns.count) % compare.columns.count
        state.compare = compare
        return []
    case .scrollUp: return scroll { top(of: $0) - 1 }
    case .scrollDown: return scroll { top(of: $0) + 1 }
    case .scrollPageUp: return scroll { top(of: $0) - page($0) }
    case .scrollPageDown: return scroll { top(of: $0) + page($0) }
    case .scrollTop: return scroll { _ in 0 }
    case .scrollBottom: return scroll { _ in nil }
    case .scrollTogether:
        compare.scrollsTogether.toggle()
        state.compare = compare
        state.notice = compare.scrollsTogether ? "Scrolling every column together." : "Scrolling the selected column only."
        return []
    case .stopColumn:
        guard compare.columns.indices.contains(selected), compare.columns[selected].isStreaming else {
            state.notice = "Column \(selected + 1) is not streaming."
            return []
        }
        let effects = stopColumn(&compare, selected, &state)
        state.compare = compare
        return effects
    case .inspect:
        guard compare.columns.indices.contains(selected) else { return [] }
        let reply = compare.columns[selected].reply
        state.overlay = .inspector(MessageInspector(messageID: reply.id, request: reply.request.map(InspectedRequest.recorded) ?? .loading))
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
    guard let compare = state.compare else { return [] }
    guard !compare.isStreaming else {
        let keys = state.keymap
        state.notice = "Replies are still streaming: wait for them, or \(keys.displayKey(for: .stopColumn, in: [.compare])) stops "
            + "the selected column and \(keys.displayKey(for: .close, in: [.compare])) stops them all."
        return []
    }
    state.compare = nil
    guard let sessionID = compare.sessionID, compare.columns.indices.contains(index) else { return [] }
    let column = compare.columns[index]
    state.pendingBranchSwitch = column.reply.id
    state.focus = .conversation
    var effects: [Effect] = []
    let others = compare.columns.count - 1
    let versions = "\(state.keymap.displayKey(for: .previousVersion, in: [.conversation])) and "
        + "\(state.keymap.displayKey(for: .nextVersion, in: [.conversation])) reach the other \(others)"
    if adoptingParameters {
        state.parameters = column.parameters
        effects = persistParameters(&state, stamp)
        state.notice = "Column \(index + 1) picked, and its parameters are the session's now; \(versions)."
    } else if closing {
        state.notice = "Compare closed: column 1's reply is shown; \(versions)."
    } else {
        state.notice = "Column \(index + 1) picked (the parameters pane is as it was); \(versions)."
    }
    return effects + [.switchBranch(sessionID: sessionID, fromMessageID: column.reply.id, step: 0)]
}

/// `w`: the comparison as one Markdown table, written beside the working directory.
private func exportCompare(_ state: inout AppState) -> [Effect] {
    guard let compare = state.compare, let sessionID = compare.sessionID else { return [] }
    let title = "compare " + (compare.prompt.text.split(separator: "\n").first.map(String.init) ?? "")
    let path = SessionFileName.suggested(title: title, sessionID: sessionID)
    return [.writeFile(path: path, text: CompareMarkdown.document(compare, nowMillis: state.nowMillis))]
}

/// The frame measured each column (rows in all, rows shown): scroll keys need the figures,
/// and a column scrolled back to its end follows its reply again.
func compareMeasured(_ state: inout AppState, _ metrics: [ScrollMetrics]) {
    guard var compare = state.compare else { return }
    for (index, measured) in zip(compare.columns.indices, metrics) {
        compare.columns[index].metrics = measured
        if let top = compare.columns[index].topRow, top >= measured.maxTopRow { compare.columns[index].topRow = nil }
    }
    state.compare = compare
}
