/// The client is about to retry a request that failed before any reply byte arrived
/// (429, 5xx, or a connection failure): which retry this is, how long it waits first, and why.
/// The status line turns it into a countdown; Esc cancels the wait like any stream.
public struct RetryNotice: Sendable, Equatable {
    /// 1 for the first retry.
    public var attempt: Int
    /// The most retries this request gets.
    public var maxAttempts: Int
    /// The wait before the retry starts: backoff with jitter, or the server's `Retry-After`.
    public var delayMillis: Int64
    /// True when `delayMillis` came from a `Retry-After` header.
    public var fromRetryAfter: Bool
    /// What failed.
    public var reason: APIError

    public init(attempt: Int, maxAttempts: Int, delayMillis: Int64, fromRetryAfter: Bool, reason: APIError) {
        self.attempt = attempt
        self.maxAttempts = maxAttempts
        self.delayMillis = delayMillis
        self.fromRetryAfter = fromRetryAfter
        self.reason = reason
    }
}
