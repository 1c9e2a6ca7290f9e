import StreamProtocol

/// Work the reducer asks the outside world to do, as data so tests compare it directly.
/// The effect runner performs these and feeds the results back as actions.
public enum Effect: Sendable, Equatable {
    case loadSessions
    /// Switch to the next built-in theme (the runner knows the themes and which is shown).
    case cycleTheme
    /// Ask the terminal for mouse reports, or stop asking.
    case setMouse(Bool)
    /// Send the next requests (and list models) through this profile's endpoint and key.
    case useProfile(name: String)
    /// The session was last used with this profile (it reopens with it).
    case saveSessionProfile(sessionID: String, name: String)
    /// Sessions whose messages match `query` (FTS5), for the sessions pane's search.
    case searchSessions(query: String)
    /// Messages of the open session containing `query` (a session not held whole).
    case searchConversation(sessionID: String, query: String)
    /// Open a session on a window around one of its messages (a search hit).
    case loadConversationAround(sessionID: String, messageID: String)
    /// The next page of the sessions list, after the last one held (nil: every one left).
    case loadMoreSessions(after: SessionSummary, limit: Int?)
    /// Opens a session: its parameters and the newest page of its messages.
    case loadConversation(sessionID: String)
    /// At start: open the session the last run had open, when the store still has it
    /// (else the blank session stays).
    case reopenSession(sessionID: String)
    /// Write the state file (`RememberedChoices`) whole, atomically, off the main thread.
    case saveRememberedChoices(RememberedChoices)
    /// Reads a page of the open session's messages; answers `.messagesLoaded`.
    case loadMessages(sessionID: String, WindowPosition)
    /// Reads the messages of a session's path as a request needs them (role, status, text),
    /// all of them or those before `before`; answers `.requestHistoryLoaded`.
    case loadRequestHistory(sessionID: String, before: String? = nil)
    /// Shows the version `step` places after message `fromMessageID` among its siblings;
    /// answers `.branchSwitched`.
    case switchBranch(sessionID: String, fromMessageID: String, step: Int)
    case startStream(RequestID, ChatRequest)
    case cancelStream(RequestID)
    case createSession(SessionSummary, SessionParameters)
    case saveMessage(Message, sessionID: String)
    /// Reads the request a stored reply was sent with; answers `.sentRequestLoaded`.
    case loadSentRequest(messageID: String)
    case saveParameters(SessionParameters, sessionID: String, nowMillis: Int64)
    case loadPresets
    /// Saves (or replaces, by name) a preset.
    case savePreset(Preset)
    case deletePreset(name: String)
    /// Delete message `fromMessageID` and everything below it in the tree, kept for an undo
    /// under `deletionID`.
    case deleteMessages(sessionID: String, fromMessageID: String, deletionID: String)
    /// Delete a whole session, kept for an undo under `deletionID`.
    case deleteSession(sessionID: String, deletionID: String)
    case renameSession(sessionID: String, title: String)
    /// Write a session to `path` (relative to the working directory): JSON with every field
    /// when it ends in `.json`, else Markdown; answers `.sessionExported` or `.storeFailed`.
    case exportSession(sessionID: String, path: String)
    /// Write `text` to `path` (relative to the working directory), replacing it whole; answers
    /// `.sessionExported` or `.storeFailed`.
    case writeFile(path: String, text: String)
    /// Copy a session (to `upTo`, else whole) into the new session `fork`.
    case forkSession(sourceID: String, upTo: String?, fork: SessionSummary)
    /// Put back what a delete removed.
    case restoreDeletion(sessionID: String, deletionID: String)
    /// Lists the active dialect's models; answers `.modelsListed` or `.modelsListingFailed`.
    case listModels
    /// Starts the bundled `chatterm-server` on a free 127.0.0.1 port as a child of this run;
    /// answers `.localServerStarted` or `.localServerFailed`.
    case startLocalServer
    /// Requests go to this profile's server from now on (the local server just started).
    case useLocalServer(Profile)
    /// Suspends the screen and edits `text` in `$EDITOR`; answers `.externalEditFinished`.
    case editExternally(ParameterField, text: String)
    /// Puts text on the terminal's clipboard (OSC 52), which also works over ssh.
    case copyToClipboard(String)
    /// Keep `text` as the draft of the message box for a session (nil: the new session not yet
    /// stored); empty text removes it.
    case saveDraft(sessionID: String?, text: String)
    /// Read a session's draft; answers `.draftLoaded`.
    case loadDraft(sessionID: String?)
    case quit

    // Tools (MCP servers): the runtime's `ToolServersClient`.
    /// Start every enabled `[mcp.NAME]` server in the background; each change of a server's
    /// state comes back as `.toolServersChanged`.
    case startToolServers
    /// Run one approved call; its end comes back as `.toolFinished` (once, whatever happens).
    case runTool(ToolInvocation)
    /// Stop a running call (Esc): it ends as `.stopped`.
    case stopTool(callID: String)
    /// Read / write which tools the session switched off (`.toolSwitchesLoaded`).
    case loadToolSwitches(sessionID: String)
    case saveToolSwitches(sessionID: String, switchedOff: [String])
}
