import StreamProtocol

/// The compare columns' requests: each column's events, end, stop and periodic save, kept
/// apart from the conversation's one stream (`Reducer+Stream.swift` shares the event handling
/// through `ActiveStream`).

/// Events for a column's request. Stale ids (a stopped column, a closed compare) are dropped.
func compareStreamReceived(_ state: inout AppState, _ id: RequestID, _ events: [StreamEvent], now: Int64) -> [Effect] {
    guard var compare = state.compare.run, let index = compare.columnIndex(of: id), compare.columns[index].isStreaming else { return [] }
    // Out of the state while it changes, so the reply's text is not copied (see `streamReceived`).
    state.compare.run = nil
    state.status.nowMillis = max(state.status.nowMillis, now)
    let effects: [Effect]
    if let ending = compare.columns[index].stream.apply(events, now: now) {
        effects = endColumn(&compare, index, ending, &state, now: now)
    } else if let due = compare.columns[index].stream.dueSave(now: now, force: false), let sessionID = compare.sessionID {
        effects = [.saveMessage(due, sessionID: sessionID)]
    } else {
        effects = []
    }
    state.compare.run = compare
    return effects
}

func compareStreamClosed(_ state: inout AppState, _ id: RequestID, failure: APIError?, now: Int64) -> [Effect] {
    guard var compare = state.compare.run, let index = compare.columnIndex(of: id), compare.columns[index].isStreaming else { return [] }
    state.status.nowMillis = max(state.status.nowMillis, now)
    let outcome = compare.columns[index].stream.close(failure: failure)
    let effects = endColumn(&compare, index, outcome, &state, now: now)
    state.compare.run = compare
    return effects
}

/// The clock: each streaming column is saved at least once a second.
func compareSavesDue(_ state: inout AppState) -> [Effect] {
    guard var compare = state.compare.run, let sessionID = compare.sessionID, compare.isStreaming else { return [] }
    var effects: [Effect] = []
    for index in compare.columns.indices where compare.columns[index].isStreaming {
        if let due = compare.columns[index].stream.dueSave(now: state.status.nowMillis, force: false) {
            effects.append(.saveMessage(due, sessionID: sessionID))
        }
    }
    state.compare.run = compare
    return effects
}

/// A column's reply ended: its figures are stored with it. When it was the last one
/// streaming, the notice says what comes next.
private func endColumn(
    _ compare: inout CompareRun, _ index: Int, _ outcome: LastOutcome, _ state: inout AppState, now: Int64
) -> [Effect] {
    compare.columns[index].stream.seal(now: now)
    if !compare.isStreaming {
        state.streaming.lastOutcome = outcome
        let keys = state.keymap
        state.status.notice = "All \(compare.columns.count) replies are in: \(keys.displayKey(for: .choose, in: [.compare])) picks one, "
            + "\(keys.displayKey(for: .exportCompare, in: [.compare])) exports them."
    }
    guard let sessionID = compare.sessionID else { return [] }
    return [.saveMessage(compare.columns[index].reply, sessionID: sessionID)]
}

/// Stops every column still streaming (Esc, Ctrl+C, quit): what arrived is kept, marked
/// interrupted. A compare still waiting for its history is dropped (its message is saved).
func stopCompareColumns(_ state: inout AppState) -> [Effect] {
    guard var compare = state.compare.run else { return [] }
    if compare.phase == .awaitingHistory {
        state.compare.run = nil
        state.streaming.lastOutcome = .interrupted
        return []
    }
    var effects: [Effect] = []
    for index in compare.columns.indices where compare.columns[index].isStreaming {
        effects += stopColumn(&compare, index, &state)
    }
    state.compare.run = compare
    return effects
}

/// One column stopped: what arrived is kept, marked interrupted, and saved.
func stopColumn(_ compare: inout CompareRun, _ index: Int, _ state: inout AppState) -> [Effect] {
    compare.columns[index].stream.reply.status = .interrupted
    let id = compare.columns[index].stream.requestID
    return [.cancelStream(id)] + endColumn(&compare, index, .interrupted, &state, now: state.status.nowMillis)
}
