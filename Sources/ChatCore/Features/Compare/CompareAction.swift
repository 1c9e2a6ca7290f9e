import StreamProtocol

/// What compare answers on its own state: the columns as the frame measured them, and the
/// liveness of each column's stream.
public enum CompareAction: Sendable, Equatable {
    /// Rows in all and rows shown, per column.
    case measured([ScrollMetrics])
    case retrying(RequestID, RetryNotice, nowMillis: Int64)
    case heartbeat(RequestID, nowMillis: Int64)
}

/// What compare tells the root, which holds what compare changes outside its own state.
public enum CompareDelegate: Sendable, Equatable {
    /// A column's request answered at this time (the status line's clock moves).
    case answered(nowMillis: Int64)
    /// No column streams any more (the last one ended, or a compare waiting for its history
    /// was dropped): the app's last outcome is this one.
    case ended(LastOutcome)
    /// A column's reply is picked: it becomes the conversation's path (the store switches to
    /// it, as `]` would) and the conversation takes the focus; with `parameters`, those become
    /// the session's too (saved, dated `nowMillis`).
    case picked(sessionID: String, replyID: String, parameters: SessionParameters?, nowMillis: Int64)
}
