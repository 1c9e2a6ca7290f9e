import StreamProtocol

/// Everything the screen shows. Views are functions of this value; only the reducer changes it.
public struct AppState: Sendable, Equatable {
    public var profile: Profile
    /// What `switch-profile` cycles through (the profile started with first).
    public var profileChoices: [ProfileChoice] = []
    public var terminalWidth: Int
    public var terminalHeight: Int

    public var focus: Pane = .composer
    /// What is open above the panes (an overlay, the palette, a prompt, a question): one at a
    /// time. The key contexts follow from it (`KeyContext.stack(for:)`).
    public var destination: Destination?
    /// Keys to commands, per context: the defaults with config.toml's `[keys]` applied.
    public var keymap: Keymap = .defaults
    /// The message the conversation pane's cursor is on; nil: the last one (and the pane
    /// follows new messages).
    public var messageCursor: String?
    /// `Y` in a session not held whole: the copy waits for the whole history to be read.
    public var pendingCopyAll = false
    /// `/` in the sessions pane: the query and what it found.
    public var sessionSearch: SessionSearch?
    /// A search hit being opened (its session is being read around the message).
    public var pendingHit: PendingHit?
    /// What `u` in the sessions pane puts back.
    public var lastSessionDeletion: SessionDeletion?
    /// `/` in the conversation: the query and its matches.
    public var conversationSearch: ConversationSearch?
    /// What `u` puts back.
    public var lastDeletion: Deletion?
    /// `e` on a user message: the message box holds its text, and Enter sends it as a new
    /// version of it.
    public var messageEdit: MessageEdit?
    /// `[` or `]` asked the store for another version of this message.
    public var pendingBranchSwitch: String?
    /// The message box answers this tool call (Enter stores a `tool` message) instead of
    /// sending a user message.
    public var toolAnswer: ToolAnswer?
    /// Mouse reports asked for (`[mouse] enabled`, `toggle-mouse`).
    public var mouseEnabled = false
    /// What the last frame drew where, for clicks (kept while the mouse is on).
    public var screenMap = ScreenMap()
    /// Markdown on or off for replies and for the user's messages.
    public var display = DisplayOptions()

    /// Past sessions, newest first (the active one included once it has been saved).
    public var sessions: [SessionSummary] = [] {
        didSet { sessionsRevision &+= 1 }
    }
    /// Changes whenever `sessions` does, so the renderer can tell in O(1) that the list is the same.
    public private(set) var sessionsRevision = 0
    public var selectedSessionIndex: Int = 0
    /// Every session is in `sessions`; false while the store has more after the last one
    /// (the list is read a page at a time as the selection nears its end).
    public var sessionsComplete = true
    /// The id after which a page of sessions is being read.
    public var sessionsPageAfter: String?
    /// End asked for the last session while the rest of the list was being read.
    public var selectsLastSessionWhenRead = false

    /// The open session. A new session is created (and listed) when its first message is sent.
    public var activeSessionID: String?
    public var activeSessionSaved: Bool = false
    /// The open session's finished messages, or the window of them that is held (see
    /// `conversationWindow`); the reply in flight is `stream?.reply`.
    public var messages: [Message] = [] {
        didSet { messagesRevision &+= 1 }
    }
    /// Changes whenever `messages` does, so views can tell "only the streaming reply changed"
    /// in O(1) and keep frame cost independent of history length.
    public private(set) var messagesRevision = 0
    /// Which part of the open session `messages` holds.
    public var conversationWindow = ConversationWindow.complete
    public var parameters: SessionParameters = SessionParameters()
    /// The parameters pane's cursor and presets (Features/Parameters); its inline editor is
    /// `Destination.fieldEditor`.
    public var parameterPane = ParameterPaneState()
    /// The pane's cursor (`parameterPane.selectedField`), under the name the code used before.
    public var selectedField: ParameterField {
        get { parameterPane.selectedField }
        set { parameterPane.selectedField = newValue }
    }
    /// Saved parameter presets, by name (`parameterPane.presets`).
    public var presets: [Preset] {
        get { parameterPane.presets }
        set { parameterPane.presets = newValue }
    }

    public var composer = TextInput()
    /// The message box's draft, kept per session in the store (nil: not kept, as in `ask`).
    public var drafts: DraftKeeping?
    /// Where ↑/↓ stand in the session's earlier prompts, while recalling them.
    public var promptRecall: PromptRecall?
    /// The text Ctrl+U/K/W deleted last, for Ctrl+Y (shared by every text input).
    public var killBuffer = ""
    public var scroll: ConversationScroll = .followingTail
    public var conversationMetrics = ScrollMetrics()

    public var stream: ActiveStream?
    /// Compare (Ctrl+G): its setup, then its columns streaming side by side.
    public var compare: CompareRun?
    /// The sweep line the last compare was sent with, offered again by the next.
    public var lastCompareSweep = ""
    /// A send waiting for the whole history of a long session (see `PendingSend`).
    public var pendingSend: PendingSend?
    public var lastOutcome: LastOutcome?
    /// The newest time an action brought; used only for live figures on the status line.
    public var nowMillis: Int64 = 0
    /// A one-line message for the status line (a store failure, a refused send, ...).
    public var notice: String?
    /// What the start found missing (`LaunchSettings.setupGaps`): the empty conversation shows
    /// the welcome screen with every one and how to fix it.
    public var setupGaps: [SetupGap] = []
    /// The welcome screen's local server is starting (a second press waits for it).
    public var localServerStarting = false
    public var quitRequested = false
    /// `toggle-zoom`: the conversation takes the full width (side panes show only while
    /// focused, as on a narrow terminal). Remembered across runs.
    public var zoomed = false
    /// The theme `cycle-theme` last switched to (remembered; nil: never switched this run or before).
    public var pickedTheme: String?
    /// What the state file holds (read at start, then each save): `rememberChoicesIfChanged`
    /// writes only what differs.
    public var savedChoices = RememberedChoices()

    var nextRequestNumber: UInt64 = 1

    public init(profile: Profile, terminalWidth: Int = 80, terminalHeight: Int = 24) {
        self.profile = profile
        self.terminalWidth = terminalWidth
        self.terminalHeight = terminalHeight
    }

    /// The conversation as displayed: finished messages plus the reply in flight when it
    /// belongs to the open session.
    public var visibleMessages: [Message] {
        guard let reply = shownReply else { return messages }
        return messages + [reply]
    }

    /// The reply in flight, when it belongs below the messages held: the open session's, and
    /// the window reaches the newest message.
    public var shownReply: Message? {
        guard let stream, stream.sessionID == activeSessionID, conversationWindow.laterCount == 0 else { return nil }
        return stream.reply
    }

    /// A reply streams, or a send waits for the history it will carry.
    public var isStreaming: Bool { stream != nil || pendingSend != nil || compare?.isStreaming == true }

    /// The model the next request names.
    public var effectiveModel: String? { parameters.model ?? profile.defaultModel }
}
