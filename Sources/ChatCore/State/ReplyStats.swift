/// Figures for one reply: computed live from `ActiveStream.stats(atMillis:)` while it streams
/// and stored with the reply when it ends (done, error, dropped connection or cancel).
public struct ReplyStats: Sendable, Equatable, Codable {
    /// From the start of the last attempt (the send, or the end of the last retry wait) to the
    /// first content delta; nil when no text arrived.
    public var timeToFirstTokenMillis: Int64?
    /// From sending to the end of the reply, retry waits included.
    public var totalMillis: Int64
    /// Content deltas received.
    public var deltaCount: Int
    /// Tokens the server reported (`usage`), when it did.
    public var promptTokens: Int?
    public var completionTokens: Int?
    /// Retries before the reply started.
    public var retries: Int
    /// From the first content delta to the end; nil when no text arrived. Optional so stats
    /// stored before it existed still decode.
    public var streamingMillis: Int64?
    /// From the first reasoning delta to the first content delta (or the end); nil when the
    /// model sent no reasoning.
    public var reasoningMillis: Int64?
    /// Stream events that were not JSON and were skipped (`StreamEvent.skipped`): the reply may
    /// miss text although it ended ✓. Nil when none, so stored figures stay as they were.
    public var skippedEvents: Int?

    public init(
        timeToFirstTokenMillis: Int64?, totalMillis: Int64, deltaCount: Int,
        promptTokens: Int? = nil, completionTokens: Int? = nil, retries: Int = 0,
        streamingMillis: Int64? = nil, reasoningMillis: Int64? = nil, skippedEvents: Int? = nil
    ) {
        self.skippedEvents = skippedEvents
        self.timeToFirstTokenMillis = timeToFirstTokenMillis
        self.totalMillis = totalMillis
        self.deltaCount = deltaCount
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.retries = retries
        self.streamingMillis = streamingMillis
        self.reasoningMillis = reasoningMillis
    }

    /// Tokens per second over the streaming part (first token to end). Counts the server's
    /// `completion_tokens` when given, else content deltas (one token each on every server
    /// chatterm knows). Nil until there is at least 100 ms to divide by.
    public var tokensPerSecond: Double? {
        let tokens = completionTokens ?? deltaCount
        let millis = streamingMillis ?? (totalMillis - (timeToFirstTokenMillis ?? 0))
        guard millis >= 100, tokens > 0 else { return nil }
        return Double(tokens) * 1000 / Double(millis)
    }
}
