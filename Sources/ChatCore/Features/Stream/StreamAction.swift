import StreamProtocol

/// What the stream of the reply in flight answers on its own state: the liveness of the
/// transport (a retry announced, bytes without an event).
public enum StreamAction: Sendable, Equatable {
    case retrying(RequestID, RetryNotice, nowMillis: Int64)
    case heartbeat(RequestID, nowMillis: Int64)
}

/// What the stream tells the root: its request answered at this time (the status line's
/// clock moves; a stale request's answer changes nothing, not even the time).
public enum StreamDelegate: Sendable, Equatable {
    case answered(nowMillis: Int64)
}
