import StreamProtocol

/// The compare columns' requests: each column's events, end, stop and periodic save, kept
/// apart from the conversation's one stream (`Reducer+Stream.swift` shares the event handling
/// through `ActiveStream`). Each sees only `CompareState`; the keymap comes down to name keys in
/// the notice when the last reply is in.

/// Events for a column's request. Stale ids (a stopped column, a closed compare) are dropped.
func compareStreamReceived(
    _ state: inout CompareState, _ id: RequestID, _ events: [StreamEvent], now: Int64, keymap: Keymap
) -> Reduced<CompareDelegate> {
    guard var compare = state.run, let index = compare.columnIndex(of: id), compare.columns[index].isStreaming else { return .nothing }
    // Out of the state while it changes, so the reply's text is not copied (see `streamReceived`).
    state.run = nil
    var reduced = Reduced<CompareDelegate>(delegates: [.answered(nowMillis: now)])
    if let ending = compare.columns[index].stream.apply(events, now: now) {
        reduced.append(endColumn(&compare, index, ending, now: now, keymap: keymap))
    } else if let due = compare.columns[index].stream.dueSave(now: now, force: false), let sessionID = compare.sessionID {
        reduced.effects = [.saveMessage(due, sessionID: sessionID)]
    }
    state.run = compare
    return reduced
}

func compareStreamClosed(
    _ state: inout CompareState, _ id: RequestID, failure: APIError?, now: Int64, keymap: Keymap
) -> Reduced<CompareDelegate> {
    guard var compare = state.run, let index = compare.columnIndex(of: id), compare.columns[index].isStreaming else { return .nothing }
    var reduced = Reduced<CompareDelegate>(delegates: [.answered(nowMillis: now)])
    let outcome = compare.columns[index].stream.close(failure: failure)
    reduced.append(endColumn(&compare, index, outcome, now: now, keymap: keymap))
    state.run = compare
    return reduced
}

/// The clock (now `now`): each streaming column is saved at least once a second.
func compareSavesDue(_ state: inout CompareState, now: Int64) -> [Effect] {
    guard var compare = state.run, let sessionID = compare.sessionID, compare.isStreaming else { return [] }
    var effects: [Effect] = []
    for index in compare.columns.indices where compare.columns[index].isStreaming {
        if let due = compare.columns[index].stream.dueSave(now: now, force: false) {
            effects.append(.saveMessage(due, sessionID: sessionID))
        }
    }
    state.run = compare
    return effects
}

/// A column's reply ended: its figures are stored with it. When it was the last one
/// streaming, the notice says what comes next.
private func endColumn(
    _ compare: inout CompareRun, _ index: Int, _ outcome: LastOutcome, now: Int64, keymap: Keymap
) -> Reduced<CompareDelegate> {
    compare.columns[index].stream.seal(now: now)
    var reduced = Reduced<CompareDelegate>()
    if !compare.isStreaming {
        reduced.delegates = [.ended(outcome)]
        reduced.shared = [.notice(
            "All \(compare.columns.count) replies are in: \(keymap.displayKey(for: .choose, in: [.compare])) picks one, "
                + "\(keymap.displayKey(for: .exportCompare, in: [.compare])) exports them.")]
    }
    guard let sessionID = compare.sessionID else { return reduced }
    reduced.effects = [.saveMessage(compare.columns[index].reply, sessionID: sessionID)]
    return reduced
}

/// Stops every column still streaming (Esc, Ctrl+C, quit; now `now`): what arrived is kept,
/// marked interrupted. A compare still waiting for its history is dropped (its message is saved).
func stopCompareColumns(_ state: inout CompareState, now: Int64, keymap: Keymap) -> Reduced<CompareDelegate> {
    guard var compare = state.run else { return .nothing }
    if compare.phase == .awaitingHistory {
        state.run = nil
        return Reduced(delegates: [.ended(.interrupted)])
    }
    var reduced = Reduced<CompareDelegate>()
    for index in compare.columns.indices where compare.columns[index].isStreaming {
        reduced.append(stopColumn(&compare, index, now: now, keymap: keymap))
    }
    state.run = compare
    return reduced
}

/// One column stopped: what arrived is kept, marked interrupted, and saved.
func stopColumn(_ compare: inout CompareRun, _ index: Int, now: Int64, keymap: Keymap) -> Reduced<CompareDelegate> {
    compare.columns[index].stream.reply.status = .interrupted
    let id = compare.columns[index].stream.requestID
    var reduced = Reduced<CompareDelegate>(effects: [.cancelStream(id)])
    reduced.append(endColumn(&compare, index, .interrupted, now: now, keymap: keymap))
    return reduced
}
