import StreamProtocol

/// Everything the screen shows. Views are functions of this value; only the reducer changes it.
/// The root composes the features' own states (Sessions, Conversation, Composer, Stream,
/// Compare under Features/) and a few root groups (screen, launch, status); what sits above
/// the panes and the parameters are kept beside them until they become one destination and
/// one parameters state.
public struct AppState: Sendable, Equatable {
    /// The profile, its alternatives, what the start found missing.
    public var launch: LaunchState
    /// Terminal size, focus, zoom, mouse, display, theme.
    public var screen: ScreenState
    /// The status line's notice and clock, and quitting.
    public var status = StatusState()
    /// Keys to commands, per context: the defaults with config.toml's `[keys]` applied.
    public var keymap: Keymap = .defaults

    public var sessions = SessionsState()
    public var conversation = ConversationState()
    public var composer = ComposerState()
    public var streaming = StreamingState()
    public var compare = CompareState()

    // What sits above the panes (the destination engineer makes these one `Destination`).
    public var overlay: Overlay?
    /// The command palette, above any overlay or editor (Ctrl+K).
    public var palette: CommandPalette?
    /// `c` was pressed: the next digit names the code block of the selected message to copy.
    public var awaitingCodeBlockNumber = false
    /// `R` in the sessions pane: the session and its title being typed.
    public var sessionRename: SessionRename?
    /// `d` in the sessions pane: the session the next key confirms deleting.
    public var pendingSessionDelete: String?
    /// `d` was pressed on this message: the next key says whether to delete it.
    public var pendingDelete: String?
    /// The help overlay's first row when it is too long for the terminal (↑/↓ scroll it).
    public var helpTopRow = 0
    /// The overlay on screen as the last frame drew it (rows in all, rows shown).
    public var overlayMetrics = ScrollMetrics()
    public var fieldEditor: FieldEditor?

    // The parameters (the fields engineer makes these the parameters state and its pane).
    public var parameters: SessionParameters = SessionParameters()
    /// The parameters pane's cursor.
    public var selectedField: ParameterField = .temperature
    /// Saved parameter presets, by name (loaded at start, kept in the store).
    public var presets: [Preset] = []

    public init(profile: Profile, terminalWidth: Int = 80, terminalHeight: Int = 24) {
        launch = LaunchState(profile: profile)
        screen = ScreenState(terminalWidth: terminalWidth, terminalHeight: terminalHeight)
    }

    /// The conversation as displayed: finished messages plus the reply in flight when it
    /// belongs to the open session.
    public var visibleMessages: [Message] {
        guard let reply = shownReply else { return conversation.messages }
        return conversation.messages + [reply]
    }

    /// The reply in flight, when it belongs below the messages held: the open session's, and
    /// the window reaches the newest message.
    public var shownReply: Message? {
        guard let stream = streaming.active, stream.sessionID == conversation.activeSessionID,
            conversation.window.laterCount == 0
        else { return nil }
        return stream.reply
    }

    /// A reply streams, or a send waits for the history it will carry.
    public var isStreaming: Bool {
        streaming.active != nil || streaming.pendingSend != nil || compare.run?.isStreaming == true
    }

    /// The model the next request names.
    public var effectiveModel: String? { parameters.model ?? launch.profile.defaultModel }
}
