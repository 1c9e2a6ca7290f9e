import StreamProtocol

/// What became of a batch of events offered to the reply in flight.
enum StreamReceipt: Equatable {
    /// Not this request's: a stale id (cancelled, replaced) or a compare column's.
    case notInFlight
    /// Taken; the reply streams on.
    case streaming
    /// Taken; an event ended the reply (`done` or an error).
    case ended(LastOutcome)
}

extension StreamingState {
    /// Adds the events to the reply in flight when `id` is its request. Stale ids are dropped
    /// here, so they can never write into the next reply.
    mutating func receive(_ id: RequestID, _ events: [StreamEvent], now: Int64) -> StreamReceipt {
        guard var stream = active, stream.requestID == id else { return .notInFlight }
        // Taken out of the state while it changes: with a second reference to the reply's text,
        // every append would copy all of it (copy on write), which made a long reply cost the
        // square of its length. It is put back before returning.
        active = nil
        let ending = stream.apply(events, now: now)
        active = stream
        return ending.map { .ended($0) } ?? .streaming
    }

    /// The transport closed request `id`: the reply's outcome (failed without `done`), or nil
    /// when it is not the reply in flight.
    mutating func close(_ id: RequestID, failure: APIError?) -> LastOutcome? {
        guard var stream = active, stream.requestID == id else { return nil }
        let outcome = stream.close(failure: failure)
        active = stream
        return outcome
    }

    /// Esc: a send still waiting for its history is dropped (its message is saved; Ctrl+R sends it).
    mutating func dropPendingSend() {
        guard pendingSend != nil else { return }
        pendingSend = nil
        lastOutcome = .interrupted
    }

    /// Esc: the reply in flight is kept, marked interrupted; its request, to cancel (nil: none).
    mutating func interruptReply() -> RequestID? {
        guard var stream = active else { return nil }
        stream.reply.status = .interrupted
        active = stream
        return stream.requestID
    }

    /// The reply in flight ends: sealed with its figures and taken out of the stream, the
    /// outcome kept for the status line. Nil when nothing was in flight.
    mutating func end(_ outcome: LastOutcome, now: Int64) -> ActiveStream? {
        guard var stream = active else { return nil }
        stream.seal(now: now)
        active = nil
        lastOutcome = outcome
        return stream
    }

    /// The save of the reply in flight, when one is due at `now` (or `force`).
    mutating func dueSave(now: Int64, force: Bool) -> [Effect] {
        guard var stream = active, let reply = stream.dueSave(now: now, force: force) else { return [] }
        active = stream
        return [.saveMessage(reply, sessionID: stream.sessionID)]
    }
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
