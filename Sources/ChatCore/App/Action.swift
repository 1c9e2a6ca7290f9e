import StreamProtocol

/// Everything that can happen, named for what happened. Input actions carry a `Stamp` (time and
/// a fresh id) so the reducer stays pure.
public enum Action: Sendable, Equatable {
    // Input.
    case keyPressed(Key, Stamp)
    /// A command by name, not through a key: it runs in the first context of where the user is
    /// (`KeyContext.stack`) where it applies, as if its key had been pressed there. What
    /// `chatterm ask` drives the reducer with (`send`, then `cancel` on Ctrl+C).
    case commandInvoked(Command, Stamp)
    case textPasted(String)
    /// A click or a turn of the wheel (only reported while the mouse is on).
    case mouse(MouseEvent, Stamp)
    case terminalResized(width: Int, height: Int)
    /// Everything the frame just drawn measured (`FrameReport`): the conversation's rows, the
    /// overlay's, the compare columns' and where things were drawn for clicks.
    case frameReported(FrameReport)
    /// Periodic while a reply streams: drives the live status and the once-a-second save.
    case clockTicked(nowMillis: Int64)

    // Results of effects.
    case sessionsLoaded([SessionSummary])
    /// Another process changed the database: the newest page of sessions, read again.
    case sessionsChangedElsewhere([SessionSummary])
    /// The screen now shows this theme.
    case themeChanged(String)
    /// The store made this fork.
    case sessionForked(SessionSummary)
    /// What the store found for the sessions search `query`.
    case sessionsFound(query: String, [SessionSearchHit])
    /// The ids of the open session's messages that contain `query`, in order.
    case conversationMatches(sessionID: String, query: String, [String])
    /// A page of the sessions list read after session `after`; `complete` when it was the end.
    case moreSessionsLoaded(after: String, [SessionSummary], complete: Bool)
    case conversationLoaded(sessionID: String, window: MessageWindow, parameters: SessionParameters?)
    /// The session the last run had open, read at start (`Effect.reopenSession`).
    case sessionReopened(sessionID: String, window: MessageWindow, parameters: SessionParameters?)
    /// A page asked for with `Effect.loadMessages`.
    case messagesLoaded(sessionID: String, position: WindowPosition, window: MessageWindow)
    /// The whole history a waiting send carries (`Effect.loadRequestHistory`).
    case requestHistoryLoaded(sessionID: String, messages: [Message])
    /// The store answered `.switchBranch` (nil: there was no such version any more).
    case branchSwitched(sessionID: String, fromMessageID: String, BranchSwitch?)
    case storeFailed(String)
    /// The store's word on writes it keeps while the database refuses them (locked, read-only)
    /// and on their reaching it: a sentence for the status line. Unlike `.storeFailed` it fails
    /// nothing: a send waiting for its history and a pending read go on.
    case storeNotice(String)
    /// The store's answer to `.loadDraft` ("" when there is none).
    case draftLoaded(sessionID: String?, text: String)
    /// The profile the opened session was last used with (nil: none recorded).
    case sessionProfileLoaded(sessionID: String, name: String?)
    /// A session was written to a file (`Effect.exportSession`).
    case sessionExported(path: String, bytes: Int)
    /// The request stored with reply `messageID` (nil: none was recorded), for the inspector.
    case sentRequestLoaded(messageID: String, SentRequest?)
    /// Reading a reply's recorded request failed; the inspector says so instead of "loading".
    case sentRequestLoadFailed(messageID: String, problem: String)
    case presetsLoaded([Preset])
    /// The models endpoint answered (names as listed, untrusted text) or failed (a sentence).
    case modelsListed([String])
    case modelsListingFailed(String)
    /// The local server the welcome screen offered is listening: its profile.
    case localServerStarted(Profile)
    case localServerFailed(String)
    /// `$EDITOR` closed: the new text of `field` (nil when the editor failed or the user quit
    /// without saving, with `problem` saying why when there was one).
    case externalEditFinished(ParameterField, text: String?, problem: String?)

    // The stream of request `RequestID`. Events arrive in batches: a burst of deltas is one action.
    case streamReceived(RequestID, [StreamEvent], nowMillis: Int64)
    /// The transport finished. `failure` is set for an HTTP error status, a dropped connection
    /// or a refused one; nil for a clean close (which without `done` still means incomplete).
    case streamClosed(RequestID, failure: APIError?, nowMillis: Int64)
    /// The client will retry after a failure before any reply byte; a countdown until then.
    case streamRetrying(RequestID, RetryNotice, nowMillis: Int64)
    /// Bytes arrived that made no event (keep-alive comments, a long line in progress).
    case streamHeartbeat(RequestID, nowMillis: Int64)

    // Tools.
    /// Every configured server as it stands now (whole, after any change).
    case toolServersChanged([ToolServerStatus])
    /// A call asked for with `Effect.runTool` ended.
    case toolFinished(callID: String, ToolCallResult, nowMillis: Int64)
    /// The tools the session switched off, as stored (`Effect.loadToolSwitches`).
    case toolSwitchesLoaded(sessionID: String, switchedOff: [String])
}
