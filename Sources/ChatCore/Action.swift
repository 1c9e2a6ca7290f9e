import StreamProtocol

/// Everything that can happen, named for what happened. Input actions carry a `Stamp` (time and
/// a fresh id) so the reducer stays pure.
public enum Action: Sendable, Equatable {
    // Input.
    case keyPressed(Key, Stamp)
    case textPasted(String)
    case terminalResized(width: Int, height: Int)
    case conversationMeasured(ConversationMetrics)
    /// Periodic while a reply streams: drives the live status and the once-a-second save.
    case clockTicked(nowMillis: Int64)

    // Results of effects.
    case sessionsLoaded([SessionSummary])
    case conversationLoaded(sessionID: String, messages: [Message], parameters: SessionParameters?)
    case storeFailed(String)

    // The stream of request `RequestID`. Events arrive in batches: a burst of deltas is one action.
    case streamReceived(RequestID, [StreamEvent], nowMillis: Int64)
    /// The transport finished. `failure` is set for an HTTP error status, a dropped connection
    /// or a refused one; nil for a clean close (which without `done` still means incomplete).
    case streamClosed(RequestID, failure: APIError?, nowMillis: Int64)
}
