/// Figures for one reply, live on the status line while it streams and stored with it after.
public struct ReplyStats: Sendable, Equatable, Codable {
    /// From sending (the last attempt, after any retries) to the first content delta.
    public var timeToFirstTokenMillis: Int64?
    /// From sending to the end of the reply.
    public var totalMillis: Int64
    /// Content deltas received.
    public var deltaCount: Int
    /// Tokens the server reported (`usage`), when it did.
    public var promptTokens: Int?
    public var completionTokens: Int?
    /// Retries before the reply started.
    public var retries: Int

    public init(
        timeToFirstTokenMillis: Int64?, totalMillis: Int64, deltaCount: Int,
        promptTokens: Int? = nil, completionTokens: Int? = nil, retries: Int = 0
    ) {
        self.timeToFirstTokenMillis = timeToFirstTokenMillis
        self.totalMillis = totalMillis
        self.deltaCount = deltaCount
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.retries = retries
    }

    /// Tokens per second over the streaming part (first token to end). Counts the server's
    /// `completion_tokens` when given, else content deltas (one token each on every server
    /// chatterm knows). Nil until there is at least 100 ms to divide by.
    public var tokensPerSecond: Double? {
        let tokens = completionTokens ?? deltaCount
        let streamingMillis = totalMillis - (timeToFirstTokenMillis ?? 0)
        guard streamingMillis >= 100, tokens > 0 else { return nil }
        return Double(tokens) * 1000 / Double(streamingMillis)
    }
}
