import StreamProtocol

/// Where the current request stands on the status line.
public enum StreamPhase: Sendable, Equatable {
    /// Sent; no reply byte yet.
    case waiting
    /// Reply text is arriving.
    case receiving
}

/// The one request in flight. Its reply is built here (not in the conversation list) so it can
/// keep streaming and saving while the user opens another session.
public struct ActiveStream: Sendable, Equatable {
    public var requestID: RequestID
    public var sessionID: String
    public var reply: Message
    public var phase: StreamPhase
    public var startedAtMillis: Int64
    public var firstContentAtMillis: Int64?
    /// When the first reasoning delta arrived (the "Thinking" section's duration starts there).
    public var firstReasoningAtMillis: Int64?
    /// The reply's tool calls as their pieces arrive.
    public var toolCallAssembly = ToolCallAssembly()
    /// Content deltas received, as the live rate counts them.
    public var deltaCount: Int
    /// When the reply was last handed to the store, and whether it changed since.
    public var lastSavedAtMillis: Int64
    public var hasUnsavedChanges: Bool
    /// When the last byte of any kind arrived (events or keep-alive heartbeats); the status line
    /// says "no data for N s" once it is `Profile.idleNoticeSeconds` old. After a retry is
    /// announced it is the time the new attempt starts, so the wait itself is not "no data".
    public var lastActivityAtMillis: Int64 = 0
    /// Set while the client waits to retry (a 429, 5xx or connection failure before any reply
    /// byte): the status line counts down to `announcedAtMillis + notice.delayMillis`. Cleared
    /// when anything arrives (events or a heartbeat) and when the stream closes.
    public var pendingRetry: PendingRetry?
    /// Retries so far for this reply.
    public var retryCount: Int = 0
    /// When the current attempt began: nil for the first (it began at `startedAtMillis`); after
    /// a retry was announced, the end of its wait. Time to first token counts from here.
    public var attemptStartedAtMillis: Int64?
    /// The `usage` the server reported, if any.
    public var usage: TokenUsage?
    /// Stream events that were not JSON, skipped; and the start of the first one, for the notice.
    public var skippedEvents: Int = 0
    public var firstSkipped: String?
    /// The newest one, whole: `chatterm ask --json` writes each as it comes.
    public var lastSkipped: String?
    /// The model the server said it used (`reply.model` starts as the one asked for).
    public var announcedModel: String?
}

/// A retry the client announced and is waiting to make.
public struct PendingRetry: Sendable, Equatable {
    public var notice: RetryNotice
    public var announcedAtMillis: Int64
    public init(notice: RetryNotice, announcedAtMillis: Int64) {
        self.notice = notice
        self.announcedAtMillis = announcedAtMillis
    }
}

/// What happened to the last finished request, for the status line.
public enum LastOutcome: Sendable, Equatable {
    case completed(deltas: Int, millis: Int64)
    case interrupted
    case failed(String)
}
