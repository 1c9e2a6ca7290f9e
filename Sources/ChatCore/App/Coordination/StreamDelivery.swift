import StreamProtocol

/// The reply in flight meets the rest of the app: its events arrive, it closes, Esc stops it,
/// and when it ends it joins the conversation it belongs to. The stream's own part (the events
/// applied, the saves due) is `StreamingState`'s and `ActiveStream`'s, in Features/Stream.

/// A batch of a stream's events: the reply in flight takes them (the stream's own work), or a
/// compare column does. The root's, because a reply that ends joins the conversation. It runs
/// per network read, so nothing here copies the messages or builds a `FeatureContext`.
func streamReceived(_ state: inout AppState, _ id: RequestID, _ events: [StreamEvent], now: Int64) -> [Effect] {
    switch state.streaming.receive(id, events, now: now) {
    case .notInFlight:
        return compareStreamReceived(&state, id, events, now: now)
    case let .ended(outcome):
        state.status.nowMillis = max(state.status.nowMillis, now)
        return finish(&state, outcome: outcome, now: now)
    case .streaming:
        state.status.nowMillis = max(state.status.nowMillis, now)
        return state.streaming.dueSave(now: state.status.nowMillis, force: false)
    }
}

func streamClosed(_ state: inout AppState, _ id: RequestID, failure: APIError?, now: Int64) -> [Effect] {
    guard let outcome = state.streaming.close(id, failure: failure) else {
        return compareStreamClosed(&state, id, failure: failure, now: now)
    }
    state.status.nowMillis = max(state.status.nowMillis, now)
    return finish(&state, outcome: outcome, now: now)
}

/// Esc / Ctrl+C while streaming: the partial reply is kept and marked interrupted. A send still
/// waiting for its history is dropped (its message is saved; Ctrl+R sends it).
func cancelStream(_ state: inout AppState) -> [Effect] {
    state.streaming.dropPendingSend()
    let compare = stopCompareColumns(&state)
    guard let id = state.streaming.interruptReply() else { return compare }
    return compare + [.cancelStream(id)] + finish(&state, outcome: .interrupted, now: state.status.nowMillis)
}

/// The reply leaves the stream for the conversation it belongs to, and is saved in its final
/// state with its figures.
private func finish(_ state: inout AppState, outcome: LastOutcome, now: Int64) -> [Effect] {
    guard let stream = state.streaming.end(outcome, now: now) else { return [] }
    if stream.sessionID == state.conversation.activeSessionID {
        if state.conversation.window.laterCount > 0 {
            // The window shows older messages: the reply joins those beyond it.
            state.conversation.window.laterCount += 1
        } else {
            // Without its request: that holds the whole history before it, so keeping every
            // reply's would grow memory with the square of the conversation. The save below
            // stores it; the inspector reads it back when asked.
            var kept = stream.reply
            kept.request = nil
            state.conversation.messages.append(kept)
        }
    }
    // Only the main stream ends here (compare columns end in `compareStreamClosed`): a reply
    // that asked for MCP tools begins their turn, after its own save.
    return [.saveMessage(stream.reply, sessionID: stream.sessionID)]
        + beginToolTurn(&state, reply: stream.reply, sessionID: stream.sessionID, now: now)
}

/// A streaming reply is saved at least once a second, so a crash loses at most a second of it.
func saveStreamingReplyIfDue(_ state: inout AppState, force: Bool) -> [Effect] {
    state.streaming.dueSave(now: state.status.nowMillis, force: force)
}

