/// Where a key is read: each context has its own keymap, and the state decides which contexts
/// are asked, in which order (`KeyContext.stack(for:)`). The raw value is how config.toml's
/// `[keys.CONTEXT]` tables and docs/keys.md name it.
public enum KeyContext: String, Sendable, Equatable, Hashable, CaseIterable {
    /// Last in every stack: quit, interrupt, the palette.
    case app
    /// With no overlay or editor open, and under the help overlay.
    case global
    case message
    case conversation
    /// The search line at the foot of the conversation pane (`/`).
    case conversationSearch = "conversation-search"
    /// After `c` in the conversation: the number of the code block to copy.
    case codeBlock = "code-block"
    /// A question the next key answers (delete this session, these messages?).
    case confirm
    case sessions
    /// The search line of the sessions pane (`/`) and its hits.
    case sessionSearch = "session-search"
    /// The title being typed after `R` in the sessions pane.
    case sessionRename = "session-rename"
    case parameters
    case fieldEditor = "field-editor"
    case modelPicker = "model-picker"
    case presets
    case presetName = "preset-name"
    /// The compare setup's sweep line (Ctrl+G).
    case compareSetup = "compare-setup"
    /// The compare columns, streaming or finished.
    case compare
    case inspector
    case help
    case palette
    /// The tools overlay: servers, their tools, a switch per tool.
    case tools
    /// A tool call waits for the user's word (run once, always, refuse, run all, stop the turn):
    /// asked above the conversation's keys while the conversation has the focus.
    case toolApproval = "tool-approval"
    /// Every text input (message box, field editor, model filter, preset name, palette filter),
    /// asked after the input's own context; printable keys that no command claims are typed.
    case text

    public var title: String {
        switch self {
        case .app: return "Anywhere"
        case .global: return "Everywhere (no overlay open)"
        case .message: return "Message box"
        case .conversation: return "Conversation"
        case .conversationSearch: return "Conversation search"
        case .codeBlock: return "Code block number (after c)"
        case .confirm: return "Confirm (a delete's question)"
        case .sessions: return "Sessions"
        case .sessionRename: return "Session rename"
        case .sessionSearch: return "Session search"
        case .parameters: return "Parameters"
        case .fieldEditor: return "Field editor"
        case .modelPicker: return "Model picker"
        case .presets: return "Presets"
        case .presetName: return "Preset name"
        case .compareSetup: return "Compare setup"
        case .compare: return "Compare"
        case .inspector: return "Inspector"
        case .help: return "Help"
        case .palette: return "Command palette"
        case .tools: return "Tools (MCP servers)"
        case .toolApproval: return "Tool call approval"
        case .text: return "Text inputs"
        }
    }

    /// The contexts that read the next key, first to last: a function of what is open above
    /// the panes (`AppState.destination`) and the focused pane with its own modes (a search
    /// line, compare). The palette sits above everything; an overlay or prompt above the panes;
    /// the help overlay lets the global keys through. Pure: the same state always gives the
    /// same stack.
    public static func stack(for state: AppState) -> [KeyContext] {
        stack(under: state.destination, in: state)
    }

    /// What the palette lists and runs its commands in: the stack as if it were closed.
    public static func stackBelowPalette(_ state: AppState) -> [KeyContext] {
        stack(under: state.destination?.beneath, in: state)
    }

    /// The stack with `destination` open above the panes of `state`.
    static func stack(under destination: Destination?, in state: AppState) -> [KeyContext] {
        switch destination {
        case .palette?: return [.palette, .text, .app]
        case .fieldEditor?: return [.fieldEditor, .text, .app]
        case .modelPicker?: return [.modelPicker, .text, .app]
        case let .presets(picker)?: return picker.naming != nil ? [.presetName, .text, .app] : [.presets, .app]
        case .inspector?: return [.inspector, .app]
        case .tools?: return [.tools, .app]
        // Over compare, the help lets no pane's keys through: they would act on what it hides.
        case .help?: return state.compare.run != nil ? [.help, .app] : [.help, .global, .app]
        case .confirm?: return [.confirm, .app]
        // The digit is asked first; any other key goes on to the pane as if `c` had not been pressed.
        case .codeBlockNumber?: return [.codeBlock] + panes(state)
        // The prompt is drawn (and typed in) while its pane has the focus.
        case .sessionPrompt? where state.screen.focus == .sessions: return [.sessionRename, .text, .app]
        case .sessionPrompt?, nil: return panes(state)
        }
    }

    /// The panes' stack: compare over them, else the focused pane (or its search line).
    private static func panes(_ state: AppState) -> [KeyContext] {
        if let compare = state.compare.run { return compare.phase == .setup ? [.compareSetup, .text, .app] : [.compare, .app] }
        if state.screen.focus == .conversation, state.conversation.search?.editing == true { return [.conversationSearch, .text, .app] }
        if state.screen.focus == .sessions, state.sessions.search != nil { return [.sessionSearch, .text, .app] }
        let approval: [KeyContext] =
            state.screen.focus == .conversation && state.tools.turn?.awaitsApproval == true ? [.toolApproval] : []
        return approval + of(state.screen.focus) + [.global, .app]
    }

    /// The contexts of a pane, as help puts them first when opened from it.
    public static func of(_ pane: Pane) -> [KeyContext] {
        switch pane {
        case .composer: return [.message, .text]
        case .conversation: return [.conversation]
        case .sessions: return [.sessions]
        case .parameters: return [.parameters]
        }
    }

    /// Every stack the app can be in, for finding keys that one context hides from another.
    static let allStacks: [[KeyContext]] = [
        [.palette, .text, .app],
        [.fieldEditor, .text, .app],
        [.modelPicker, .text, .app],
        [.presetName, .text, .app],
        [.conversationSearch, .text, .app],
        [.sessionRename, .text, .app],
        [.sessionSearch, .text, .app],
        [.confirm, .app],
        [.codeBlock, .conversation, .global, .app],
        [.presets, .app],
        [.inspector, .app],
        [.compareSetup, .text, .app],
        [.compare, .app],
        [.help, .global, .app],
        [.help, .app],
        [.message, .text, .global, .app],
        [.conversation, .global, .app],
        [.sessions, .global, .app],
        [.parameters, .global, .app],
    ]
}
