import StreamProtocol

/// Everything the screen shows. Views are functions of this value; only the reducer changes it.
/// The root composes the features' own states (Sessions, Conversation, Composer, Stream,
/// Compare, Parameters under Features/), what sits above the panes (`destination`), and a
/// few root groups (screen, launch, status). 14 stored properties.
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
    /// MCP servers, their tools, and the reply whose tool calls are being approved and run.
    public var tools = ToolsState()

    /// What is open above the panes (an overlay, the palette, a prompt, a question): one at a
    /// time. The key contexts follow from it (`KeyContext.stack(for:)`).
    public var destination: Destination?

    /// The request's fields as the user set them (the field table's storage).
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
        // `case .some` checks the tag only: `active != nil` is Equatable's `!=`, which copies the
        // whole stream to compare it with nil, and this is read on every frame.
        if case .some = streaming.active { return true }
        return streaming.pendingSend != nil || compare.run?.isStreaming == true
    }

    /// The model the next request names.
    public var effectiveModel: String? { parameters.model ?? launch.profile.defaultModel }
}
