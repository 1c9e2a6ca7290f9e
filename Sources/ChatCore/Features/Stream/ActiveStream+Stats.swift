import StreamProtocol

extension ActiveStream {
    /// The figures of this reply if it ended at `now`. The status line may show them live;
    /// the reducer stores them with the reply when it ends (`Message.stats`), and only then:
    /// a figure written on every delta would only be overwritten by the next.
    public func stats(atMillis now: Int64) -> ReplyStats {
        let attemptStart = attemptStartedAtMillis ?? startedAtMillis
        return ReplyStats(
            timeToFirstTokenMillis: firstContentAtMillis.map { max(0, $0 - attemptStart) },
            totalMillis: max(0, now - startedAtMillis),
            deltaCount: deltaCount,
            promptTokens: usage?.promptTokens,
            completionTokens: usage?.completionTokens,
            retries: retryCount,
            streamingMillis: firstContentAtMillis.map { max(0, now - $0) },
            reasoningMillis: firstReasoningAtMillis.map { max(0, (firstContentAtMillis ?? now) - $0) },
            skippedEvents: skippedEvents > 0 ? skippedEvents : nil)
    }
}
