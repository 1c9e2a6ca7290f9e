import StreamProtocol

func streamReceived(_ state: inout AppState, _ id: RequestID, _ events: [StreamEvent], now: Int64) -> [Effect] {
    // Stale ids (a cancelled or replaced request) are dropped here, so they can never write
    // into the next reply.
    guard var stream = state.stream, stream.requestID == id else { return [] }
    // Taken out of the state while it changes: with a second reference to the reply's text,
    // every append would copy all of it (copy on write), which made a long reply cost the
    // square of its length. Every way out below puts it back.
    state.stream = nil
    state.nowMillis = max(state.nowMillis, now)
    stream.lastActivityAtMillis = now
    stream.pendingRetry = nil
    for event in events {
        switch event {
        case let .content(text):
            stream.reply.content += text
            stream.deltaCount += 1
            stream.hasUnsavedChanges = true
            if stream.firstContentAtMillis == nil { stream.firstContentAtMillis = now }
            stream.phase = .receiving
        case let .model(name):
            stream.reply.model = name
        case let .usage(usage):
            stream.usage = stream.usage.map { $0.updated(by: usage) } ?? usage
        case let .finishReason(reason):
            stream.reply.finishReason = reason
        case let .reasoning(text):
            stream.reply.reasoning += text
            stream.hasUnsavedChanges = true
            if stream.firstReasoningAtMillis == nil { stream.firstReasoningAtMillis = now }
            stream.phase = .receiving
        case let .toolCall(delta):
            stream.toolCallAssembly.add(delta)
            stream.reply.toolCalls = stream.toolCallAssembly.calls
            stream.hasUnsavedChanges = true
            stream.phase = .receiving
        case let .done(completion):
            stream.reply.status = .complete
            stream.reply.traceID = completion.traceID
            stream.reply.documentChunksJSON = completion.documentChunksJSON
            state.stream = stream
            return finish(&state, outcome: .completed(deltas: stream.deltaCount, millis: now - stream.startedAtMillis), now: now)
        case let .error(error):
            stream.reply.status = .failed
            stream.reply.error = error
            state.stream = stream
            return finish(&state, outcome: .failed(error.message), now: now)
        }
    }
    state.stream = stream
    return saveStreamingReplyIfDue(&state, force: false)
}

func streamClosed(_ state: inout AppState, _ id: RequestID, failure: APIError?, now: Int64) -> [Effect] {
    guard var stream = state.stream, stream.requestID == id else { return [] }
    state.nowMillis = max(state.nowMillis, now)
    // Closing without `done` is an incomplete reply even when the connection ended cleanly.
    let error = failure ?? APIError(
        message: "The connection closed before the reply finished; the text above is incomplete.")
    stream.reply.status = .failed
    stream.reply.error = error
    stream.pendingRetry = nil
    state.stream = stream
    return finish(&state, outcome: .failed(error.message), now: now)
}

/// Esc / Ctrl+C while streaming: the partial reply is kept and marked interrupted. A send still
/// waiting for its history is dropped (its message is saved; Ctrl+R sends it).
func cancelStream(_ state: inout AppState) -> [Effect] {
    if state.pendingSend != nil {
        state.pendingSend = nil
        state.lastOutcome = .interrupted
    }
    guard var stream = state.stream else { return [] }
    stream.reply.status = .interrupted
    state.stream = stream
    return [.cancelStream(stream.requestID)] + finish(&state, outcome: .interrupted, now: state.nowMillis)
}

/// The reply leaves the stream for the conversation it belongs to, and is saved in its final
/// state with its figures.
private func finish(_ state: inout AppState, outcome: LastOutcome, now: Int64) -> [Effect] {
    guard var stream = state.stream else { return [] }
    stream.reply.stats = stream.stats(atMillis: now)
    state.stream = nil
    state.lastOutcome = outcome
    if stream.sessionID == state.activeSessionID {
        if state.conversationWindow.laterCount > 0 {
            // The window shows older messages: the reply joins those beyond it.
            state.conversationWindow.laterCount += 1
        } else {
            // Without its request: that holds the whole history before it, so keeping every
            // reply's would grow memory with the square of the conversation. The save below
            // stores it; the inspector reads it back when asked.
            var kept = stream.reply
            kept.request = nil
            state.messages.append(kept)
        }
    }
    return [.saveMessage(stream.reply, sessionID: stream.sessionID)]
}

/// A streaming reply is saved at least once a second, so a crash loses at most a second of it.
func saveStreamingReplyIfDue(_ state: inout AppState, force: Bool) -> [Effect] {
    guard var stream = state.stream, stream.hasUnsavedChanges else { return [] }
    guard force || state.nowMillis - stream.lastSavedAtMillis >= 1000 else { return [] }
    stream.lastSavedAtMillis = state.nowMillis
    stream.hasUnsavedChanges = false
    state.stream = stream
    // The request was stored with the first save and does not change; leaving it out keeps
    // each of these saves from rewriting it (the store keeps a stored request it is not given).
    var reply = stream.reply
    reply.request = nil
    return [.saveMessage(reply, sessionID: stream.sessionID)]
}
