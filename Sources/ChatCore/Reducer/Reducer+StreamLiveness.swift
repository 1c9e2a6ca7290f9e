import StreamProtocol

/// The client waits before retrying (a 429, 5xx or connection failure before any reply byte).
/// The status line (or the compare column) counts down; the new attempt starts when the wait
/// ends, and time to first token is measured from then, not from the failed attempt.
func streamRetrying(_ state: inout AppState, _ id: RequestID, _ notice: RetryNotice, now: Int64) -> [Effect] {
    updateStream(&state, id, now: now) { $0.retrying(notice, now: now) }
    return []
}

/// Bytes arrived without an event: the connection is alive (and a retry, if one was pending,
/// has started).
func streamHeartbeat(_ state: inout AppState, _ id: RequestID, now: Int64) -> [Effect] {
    updateStream(&state, id, now: now) { $0.heartbeat(now: now) }
    return []
}

/// Changes the stream of request `id`: the reply in flight, or a compare column's. Stale ids
/// change nothing at all (not even the time).
private func updateStream(_ state: inout AppState, _ id: RequestID, now: Int64, _ change: (inout ActiveStream) -> Void) {
    if var stream = state.streaming.active, stream.requestID == id {
        change(&stream)
        state.streaming.active = stream
    } else if var compare = state.compare.run, let index = compare.columnIndex(of: id), compare.columns[index].isStreaming {
        change(&compare.columns[index].stream)
        state.compare.run = compare
    } else {
        return
    }
    state.status.nowMillis = max(state.status.nowMillis, now)
}

extension ActiveStream {
    mutating func retrying(_ notice: RetryNotice, now: Int64) {
        let attemptStart = now + max(0, notice.delayMillis)
        pendingRetry = PendingRetry(notice: notice, announcedAtMillis: now)
        retryCount = max(retryCount, notice.attempt)
        attemptStartedAtMillis = attemptStart
        lastActivityAtMillis = attemptStart
        phase = .waiting
    }

    mutating func heartbeat(now: Int64) {
        lastActivityAtMillis = now
        pendingRetry = nil
    }
}
