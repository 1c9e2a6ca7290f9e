/// What sits above the panes: at most one overlay, prompt or question at a time, because it is
/// one value. The key contexts and the input that typing edits are derived from it (with the
/// focused pane): `KeyContext.stack(for:)`.
public enum Destination: Sendable, Equatable {
    /// The keys of every context (F1, `?`), scrolled in the rows the renderer measured.
    case help(ScrollState)
    /// Ctrl+K: opens above whatever was open, which it keeps (`CommandPalette.below`) and gives
    /// back when it closes, so a command chosen runs where the user was.
    indirect case palette(CommandPalette)
    /// One assistant reply's parameters, request body and curl command.
    case inspector(MessageInspector)
    /// Saving, applying and deleting named parameter presets.
    case presets(PresetPicker)
    /// Choosing `model` from the active dialect's models endpoint.
    case modelPicker(ModelPicker)
    /// The line at the foot of the sessions pane: a new title (`R`) or a file to export to (`x`).
    case sessionPrompt(SessionRename)
    /// A delete waits for `y` (the `confirm` keymap).
    case confirm(Confirm)
    /// `c` was pressed in the conversation: the next digit names the code block to copy.
    case codeBlockNumber
    /// The parameters pane's inline editor (Enter on a field).
    case fieldEditor(FieldEditor)
    /// The MCP servers, their tools and the session's switches (`tools`).
    case tools(ToolsOverlay)

    /// What is open beneath the palette; itself when it is not the palette. Views draw it under
    /// the palette, and answers from effects (a model list, a stored request) reach it there.
    public var beneath: Destination? {
        get {
            if case let .palette(palette) = self { return palette.below }
            return self
        }
        set {
            if case var .palette(palette) = self {
                palette.below = newValue
                self = .palette(palette)
            } else if let newValue {
                self = newValue
            }
        }
    }

    /// An overlay drawn over the panes (help, the palette, the inspector, presets, the model
    /// picker): the mouse does not reach the panes under it, and they are drawn afresh.
    public var coversPanes: Bool {
        switch self {
        case .help, .palette, .inspector, .presets, .modelPicker, .tools: return true
        case .sessionPrompt, .confirm, .codeBlockNumber, .fieldEditor: return false
        }
    }

    /// Where a scrolled overlay (help, the inspector) stands; nil for the others. Reached
    /// through the palette, so a measure taken under it still lands.
    public var scroll: ScrollState? {
        get {
            switch self {
            case let .help(scroll): return scroll
            case let .inspector(inspector): return inspector.scroll
            case let .palette(palette): return palette.below?.scroll
            default: return nil
            }
        }
        set {
            guard let newValue else { return }
            switch self {
            case .help: self = .help(newValue)
            case var .inspector(inspector):
                inspector.scroll = newValue
                self = .inspector(inspector)
            case var .palette(palette):
                palette.below?.scroll = newValue
                self = .palette(palette)
            default: break
            }
        }
    }

    // The state of each case, nil when another is open (in the manner of TCA's case paths).
    // Setting one replaces only the case it names: it never opens a destination.

    public var palette: CommandPalette? {
        if case let .palette(palette) = self { return palette }
        return nil
    }

    public var inspector: MessageInspector? {
        get {
            if case let .inspector(inspector) = self { return inspector }
            return nil
        }
        set {
            guard let newValue, case .inspector = self else { return }
            self = .inspector(newValue)
        }
    }

    public var presets: PresetPicker? {
        get {
            if case let .presets(picker) = self { return picker }
            return nil
        }
        set {
            guard let newValue, case .presets = self else { return }
            self = .presets(newValue)
        }
    }

    public var modelPicker: ModelPicker? {
        get {
            if case let .modelPicker(picker) = self { return picker }
            return nil
        }
        set {
            guard let newValue, case .modelPicker = self else { return }
            self = .modelPicker(newValue)
        }
    }

    public var sessionPrompt: SessionRename? {
        get {
            if case let .sessionPrompt(prompt) = self { return prompt }
            return nil
        }
        set {
            guard let newValue, case .sessionPrompt = self else { return }
            self = .sessionPrompt(newValue)
        }
    }

    public var confirm: Confirm? {
        if case let .confirm(confirm) = self { return confirm }
        return nil
    }

    public var fieldEditor: FieldEditor? {
        get {
            if case let .fieldEditor(editor) = self { return editor }
            return nil
        }
        set {
            guard let newValue, case .fieldEditor = self else { return }
            self = .fieldEditor(newValue)
        }
    }

    public var tools: ToolsOverlay? {
        get {
            if case let .tools(overlay) = self { return overlay }
            return nil
        }
        set {
            guard let newValue, case .tools = self else { return }
            self = .tools(newValue)
        }
    }
}
