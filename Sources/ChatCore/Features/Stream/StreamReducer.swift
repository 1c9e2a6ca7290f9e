import StreamProtocol

/// The stream's reducer: sees only `StreamingState`. An answer to another request than the
/// one in flight changes nothing and says nothing.
func reduceStream(_ state: inout StreamingState, _ action: StreamAction) -> Reduced<StreamDelegate> {
    switch action {
    case let .retrying(id, notice, now):
        return state.updateActive(id, now: now) { $0.retrying(notice, now: now) }
    case let .heartbeat(id, now):
        return state.updateActive(id, now: now) { $0.heartbeat(now: now) }
    }
}

extension StreamingState {
    /// Changes the reply in flight when it is request `id`'s.
    fileprivate mutating func updateActive(
        _ id: RequestID, now: Int64, _ change: (inout ActiveStream) -> Void
    ) -> Reduced<StreamDelegate> {
        guard var stream = active, stream.requestID == id else { return .nothing }
        change(&stream)
        active = stream
        return Reduced(delegates: [.answered(nowMillis: now)])
    }
}

extension ActiveStream {
    /// The client waits before retrying (a 429, 5xx or connection failure before any reply
    /// byte). The status line (or the compare column) counts down; the new attempt starts when
    /// the wait ends, and time to first token is measured from then, not from the failed attempt.
    mutating func retrying(_ notice: RetryNotice, now: Int64) {
        let attemptStart = now + max(0, notice.delayMillis)
        pendingRetry = PendingRetry(notice: notice, announcedAtMillis: now)
        retryCount = max(retryCount, notice.attempt)
        attemptStartedAtMillis = attemptStart
        lastActivityAtMillis = attemptStart
        phase = .waiting
    }

    /// Bytes arrived without an event: the connection is alive (and a retry, if one was
    /// pending, has started).
    mutating func heartbeat(now: Int64) {
        lastActivityAtMillis = now
        pendingRetry = nil
    }
}
