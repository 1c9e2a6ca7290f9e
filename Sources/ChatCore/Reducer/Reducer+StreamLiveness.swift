import StreamProtocol

/// The client waits before retrying (a 429, 5xx or connection failure before any reply byte).
/// The status line counts down; the new attempt starts when the wait ends, and time to first
/// token is measured from then, not from the failed attempt.
func streamRetrying(_ state: inout AppState, _ id: RequestID, _ notice: RetryNotice, now: Int64) -> [Effect] {
    guard var stream = state.stream, stream.requestID == id else { return [] }
    state.nowMillis = max(state.nowMillis, now)
    let attemptStart = now + max(0, notice.delayMillis)
    stream.pendingRetry = PendingRetry(notice: notice, announcedAtMillis: now)
    stream.retryCount = max(stream.retryCount, notice.attempt)
    stream.attemptStartedAtMillis = attemptStart
    stream.lastActivityAtMillis = attemptStart
    stream.phase = .waiting
    state.stream = stream
    return []
}

/// Bytes arrived without an event: the connection is alive (and a retry, if one was pending,
/// has started).
func streamHeartbeat(_ state: inout AppState, _ id: RequestID, now: Int64) -> [Effect] {
    guard var stream = state.stream, stream.requestID == id else { return [] }
    state.nowMillis = max(state.nowMillis, now)
    stream.lastActivityAtMillis = now
    stream.pendingRetry = nil
    state.stream = stream
    return []
}
