import StreamProtocol

/// Compare (Ctrl+G): the setup's sweep line makes the columns, Enter sends them all at once,
/// each column streams on its own (its own stats, retries, stop), and Enter on a column makes
/// its reply the conversation's path. Every reply is saved in the session's tree as a sibling
/// of the others, so nothing is lost and `[`/`]` reach them later.
///
/// Sending is the root's coordination, not compare's alone: it saves the typed prompt as the
/// conversation's message (the composer's text, the session's creation), builds each column's
/// request from the conversation's history and the profile as the stream's send does, and takes
/// the stream's request numbers. Compare's own keys and state are in Features/Compare/.

/// Ctrl+G: the setup (Features/Compare/CompareSetup.swift), for the text in the message box
/// or else the message of the user's at or above the conversation's cursor.
func openCompare(_ state: inout AppState) -> [Effect] {
    let prompt: CompareRun.Prompt? = !state.composer.input.isBlank
        ? .typed(state.composer.input.text) : promptAtCursor(state).map { .message(id: $0.id, content: $0.content) }
    let editing = state.composer.messageEdit != nil || state.composer.toolAnswer != nil
    let context = state.context
    return state.handle(openCompare(&state.compare, prompt: prompt, parameters: state.parameters, editing: editing, context))
}

/// The user's message at or above the cursor (a reply's cursor compares what it answered).
private func promptAtCursor(_ state: AppState) -> Message? {
    guard state.conversation.activeSessionSaved, let index = cursorIndex(state) else { return nil }
    return state.visibleMessages[...index].last { $0.role == .user }
}

/// The setup's keys, run in the app; Enter sends.
func compareSetupCommand(_ command: Command, _ state: inout AppState, _ stamp: Stamp) -> [Effect]? {
    guard let reduced = compareSetupCommand(command, &state.compare) else { return nil }
    state.apply(reduced.shared)
    var effects = reduced.effects
    for delegate in reduced.delegates {
        switch delegate {
        case .send: effects += sendCompare(&state, stamp)
        }
    }
    return effects
}

/// Enter in the setup: the prompt (saved as a user message when it was typed) and one request
/// per column.
private func sendCompare(_ state: inout AppState, _ stamp: Stamp) -> [Effect] {
    guard var compare = state.compare.run else { return [] }
    let sets: [SessionParameters]
    switch compare.planned(presets: state.presets) {
    case let .failure(problem):
        state.status.notice = problem.message
        return []
    case let .success(planned):
        sets = planned
    }
    guard sets.count >= 2 else {
        state.status.notice = "One column is no comparison: give a field several values (temperature=0.2,1.4), "
            + "or start the line with | to keep the parameters as set beside the others."
        return []
    }
    for (index, parameters) in sets.enumerated() {
        var asked = state
        asked.parameters = parameters
        if let problem = requestProblem(asked) {
            state.status.notice = "Column \(index + 1): \(problem)"
            return []
        }
    }
    state.compare.lastSweep = compare.sweep.text
    state.conversation.lastDeletion = nil
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
        guard let current = state.conversation.activeSessionID, let index = messages.firstIndex(where: { $0.id == id }) else {
            state.compare.run = nil
            state.status.notice = "That message is no longer shown: nothing was sent."
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
    state.conversation.cursor = nil
    state.streaming.lastOutcome = nil
    guard state.conversation.window.isComplete else {
        compare.phase = .awaitingHistory
        state.compare.run = compare
        return effects + [.loadRequestHistory(sessionID: sessionID, before: compare.historyEndsBefore)]
    }
    var held = state.conversation.messages
    if let end = compare.historyEndsBefore, let cut = held.firstIndex(where: { $0.id == end }) { held = Array(held[..<cut]) }
    state.compare.run = compare
    return effects + startCompareColumns(&state, sets, history: requestHistoryTurns(held))
}

/// The history a compare waited for (a session not held whole) arrived: the columns go out.
/// Nil when no compare waits for it.
func compareHistoryLoaded(_ state: inout AppState, sessionID: String, _ messages: [Message]) -> [Effect]? {
    guard let compare = state.compare.run, compare.phase == .awaitingHistory, compare.sessionID == sessionID,
          case let .success(sets) = compare.planned(presets: state.presets) else { return nil }
    return startCompareColumns(&state, sets, history: requestHistoryTurns(messages))
}

/// One request per parameter set, all at once; the first reply goes where the compare's
/// placement says, the others beside it (siblings in the tree).
private func startCompareColumns(
    _ state: inout AppState, _ sets: [SessionParameters], history: [(id: String, message: ChatMessage)]
) -> [Effect] {
    guard var compare = state.compare.run, let sessionID = compare.sessionID, let stamp = compare.stamp else { return [] }
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
        reply.placement = index == 0 ? compare.firstPlacement : .besideMessageOffPath(compare.columns[0].reply.id)
        let stream = ActiveStream(state.streaming.takeRequestID(), sessionID: sessionID, reply: reply, now: stamp.nowMillis)
        compare.columns.append(CompareColumn(parameters: parameters, label: labels[index], stream: stream))
        // Saved before its request goes out, and the first before the others: they are put
        // beside it in the tree.
        effects += [.saveMessage(reply, sessionID: sessionID), .startStream(stream.requestID, request)]
    }
    compare.phase = .running
    compare.selected = 0
    state.compare.run = compare
    if !notCarried.isEmpty {
        state.status.notice = "not sent in \(state.launch.profile.dialect.rawValue): " + notCarried.joined(separator: ", ")
    }
    return effects
}
