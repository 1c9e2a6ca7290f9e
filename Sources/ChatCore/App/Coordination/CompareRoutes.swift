import StreamProtocol

/// The root's entries to compare's room (Features/Compare) for the callers that still hold the
/// whole state: the key dispatcher, the stream's routing of a request id that is not the
/// conversation's, cancel, and the clock. Each lends compare what it reads and answers its
/// delegates (`App/Reducer+CompareDelegates.swift`).

/// The columns' keys, run in the app.
func compareCommand(_ command: Command, _ state: inout AppState, _ stamp: Stamp) -> [Effect]? {
    let context = state.context
    return compareCommand(command, &state.compare, context, stamp).map { state.handle($0) }
}

/// Events for a column's request (the path of every network read: only the keymap is lent,
/// a reference, not a copy).
func compareStreamReceived(_ state: inout AppState, _ id: RequestID, _ events: [StreamEvent], now: Int64) -> [Effect] {
    state.handle(compareStreamReceived(&state.compare, id, events, now: now, keymap: state.keymap))
}

func compareStreamClosed(_ state: inout AppState, _ id: RequestID, failure: APIError?, now: Int64) -> [Effect] {
    state.handle(compareStreamClosed(&state.compare, id, failure: failure, now: now, keymap: state.keymap))
}

/// The clock: each streaming column is saved at least once a second.
func compareSavesDue(_ state: inout AppState) -> [Effect] {
    compareSavesDue(&state.compare, now: state.status.nowMillis)
}

/// Stops every column still streaming (Esc, Ctrl+C, quit).
func stopCompareColumns(_ state: inout AppState) -> [Effect] {
    state.handle(stopCompareColumns(&state.compare, now: state.status.nowMillis, keymap: state.keymap))
}
