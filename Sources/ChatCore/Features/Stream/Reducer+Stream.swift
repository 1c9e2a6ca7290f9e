import StreamProtocol

func streamReceived(_ state: inout AppState, _ id: RequestID, _ events: [StreamEvent], now: Int64) -> [Effect] {
    // Stale ids (a cancelled or replaced request) are dropped here, so they can never write
    // into the next reply.
    guard var stream = state.streaming.active, stream.requestID == id else {
        return compareStreamReceived(&state, id, events, now: now)
    }
    // Taken out of the state while it changes: with a second reference to the reply's text,
    // every append would copy all of it (copy on write), which made a long reply cost the
    // square of its length. Every way out below puts it back.
    state.streaming.active = nil
    state.status.nowMillis = max(state.status.nowMillis, now)
    let ending = stream.apply(events, now: now)
    state.streaming.active = stream
    if let ending { return finish(&state, outcome: ending, now: now) }
    return saveStreamingReplyIfDue(&state, force: false)
}

extension ActiveStream {
    /// Adds a batch of events to the reply. Returns how the reply ended when an event ended
    /// it (`done` or an error event); events after that one are ignored.
    mutating func apply(_ events: [StreamEvent], now: Int64) -> LastOutcome? {
        lastActivityAtMillis = now
        pendingRetry = nil
        for event in events {
            switch event {
            case let .content(text):
                reply.content += text
                deltaCount += 1
                hasUnsavedChanges = true
                if firstContentAtMillis == nil { firstContentAtMillis = now }
                phase = .receiving
            case let .model(name):
                reply.model = name
                announcedModel = name
            case let .usage(update):
                usage = usage.map { $0.updated(by: update) } ?? update
            case let .finishReason(reason):
                reply.finishReason = reason
            case let .reasoning(text):
                reply.reasoning += text
                hasUnsavedChanges = true
                if firstReasoningAtMillis == nil { firstReasoningAtMillis = now }
                phase = .receiving
            case let .toolCall(delta):
                toolCallAssembly.add(delta)
                reply.toolCalls = toolCallAssembly.calls
                hasUnsavedChanges = true
                phase = .receiving
            case let .done(completion):
                reply.status = .complete
                reply.traceID = completion.traceID
                reply.documentChunksJSON = completion.documentChunksJSON
                return .completed(deltas: deltaCount, millis: now - startedAtMillis)
            case let .error(error):
                reply.status = .failed
                reply.error = error
                return .failed(error.message)
            case let .skipped(excerpt):
                skippedEvents += 1
                if firstSkipped == nil { firstSkipped = excerpt }
                lastSkipped = excerpt
            }
        }
        return nil
    }

    /// The transport finished: without `done` the reply is incomplete even when the
    /// connection ended cleanly.
    mutating func close(failure: APIError?) -> LastOutcome {
        let error = failure ?? APIError(
            message: "The connection closed before the reply finished; the text above is incomplete.")
        reply.status = .failed
        reply.error = error
        pendingRetry = nil
        return .failed(error.message)
    }

    /// The reply as stored when it ends: its final status and its figures.
    mutating func seal(now: Int64) {
        reply.stats = stats(atMillis: now)
        pendingRetry = nil
    }
}

func streamClosed(_ state: inout AppState, _ id: RequestID, failure: APIError?, now: Int64) -> [Effect] {
    guard var stream = state.streaming.active, stream.requestID == id else {
        return compareStreamClosed(&state, id, failure: failure, now: now)
    }
    state.status.nowMillis = max(state.status.nowMillis, now)
    let outcome = stream.close(failure: failure)
    state.streaming.active = stream
    return finish(&state, outcome: outcome, now: now)
}

/// Esc / Ctrl+C while streaming: the partial reply is kept and marked interrupted. A send still
/// waiting for its history is dropped (its message is saved; Ctrl+R sends it).
func cancelStream(_ state: inout AppState) -> [Effect] {
    if state.streaming.pendingSend != nil {
        state.streaming.pendingSend = nil
        state.streaming.lastOutcome = .interrupted
    }
    let compare = stopCompareColumns(&state)
    guard var stream = state.streaming.active else { return compare }
    stream.reply.status = .interrupted
    state.streaming.active = stream
    return compare + [.cancelStream(stream.requestID)] + finish(&state, outcome: .interrupted, now: state.status.nowMillis)
}

/// The reply leaves the stream for the conversation it belongs to, and is saved in its final
/// state with its figures.
private func finish(_ state: inout AppState, outcome: LastOutcome, now: Int64) -> [Effect] {
    guard var stream = state.streaming.active else { return [] }
    stream.seal(now: now)
    state.streaming.active = nil
    state.streaming.lastOutcome = outcome
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
    return [.saveMessage(stream.reply, sessionID: stream.sessionID)]
}

/// A streaming reply is saved at least once a second, so a crash loses at most a second of it.
func saveStreamingReplyIfDue(_ state: inout AppState, force: Bool) -> [Effect] {
    guard var stream = state.streaming.active, let reply = stream.dueSave(now: state.status.nowMillis, force: force) else { return [] }
    state.streaming.active = stream
    return [.saveMessage(reply, sessionID: stream.sessionID)]
}

extension ActiveStream {
    /// The reply to save now, when it changed and the last save is a second old (or `force`).
    mutating func dueSave(now: Int64, force: Bool) -> Message? {
        guard hasUnsavedChanges, force || now - lastSavedAtMillis >= 1000 else { return nil }
        lastSavedAtMillis = now
        hasUnsavedChanges = false
        // The request was stored with the first save and does not change; leaving it out keeps
        // each of these saves from rewriting it (the store keeps a stored request it is not given).
        var saved = reply
        saved.request = nil
        return saved
    }
}
