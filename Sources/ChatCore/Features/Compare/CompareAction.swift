import StreamProtocol

/// What compare answers on its own state: the columns as the frame measured them, and the
/// liveness of each column's stream.
public enum CompareAction: Sendable, Equatable {
    /// Rows in all and rows shown, per column.
    case measured([ScrollMetrics])
    case retrying(RequestID, RetryNotice, nowMillis: Int64)
    case heartbeat(RequestID, nowMillis: Int64)
}

/// What compare tells the root: a column's request answered at this time (the status line's
/// clock moves).
public enum CompareDelegate: Sendable, Equatable {
    case answered(nowMillis: Int64)
}
