import ChatCore
import StreamProtocol

/// What an overlay over the panes draws (help, the model picker, presets, the inspector): one
/// case per overlay, holding only what its view reads. The palette, which can open over one of
/// these, is `PaletteModel`; prompts and questions are drawn with the panes.
enum OverlayModel: Equatable {
    /// The keys of where the user is, then the rest, from `firstRow` on.
    case help(bindings: [KeyBinding], firstRow: Int)
    case modelPicker(ModelPicker, currentModel: String?, keymap: Keymap)
    /// `current`: what "save" would store.
    case presets(PresetPicker, presets: [Preset], current: SessionParameters, keymap: Keymap)
    case inspector(InspectorModel)
    case tools(ToolsOverlayModel)

    /// The model of `overlay` (nil for what does not cover the panes). `inspectorIndex`: the
    /// inspector's remembered place in the messages (`InspectorModel`).
    init?(_ overlay: Destination, _ state: borrowing AppState, inspectorIndex: inout Int?) {
        switch overlay {
        case let .help(scroll):
            // Where the user is leads: the compare screen, else the focused pane.
            // A tool call waiting in the focused conversation: its keys lead, as they are asked first.
            let approval: [KeyContext] =
                state.screen.focus == .conversation && state.tools.turn?.awaitsApproval == true ? [.toolApproval] : []
            let here = state.compare.run.map { $0.phase == .setup ? [KeyContext.compareSetup, .text] : [.compare] }
                ?? approval + KeyContext.of(state.screen.focus) + [.global]
            let rows = KeymapDocument.helpRows(state.keymap, first: here + [.app]).map { KeyBinding($0.keys, $0.text, isHeading: $0.isHeading) }
            self = .help(bindings: rows, firstRow: scroll.requestedRow)
        case let .modelPicker(picker):
            self = .modelPicker(picker, currentModel: state.effectiveModel, keymap: state.keymap)
        case let .presets(picker):
            self = .presets(picker, presets: state.presets, current: state.parameters, keymap: state.keymap)
        case let .inspector(inspector):
            self = .inspector(InspectorModel(inspector, state, lastIndex: &inspectorIndex))
        case .palette, .sessionPrompt, .confirm, .codeBlockNumber, .fieldEditor:
            return nil
        case let .tools(overlay):
            self = .tools(ToolsOverlayModel(overlay, state))
        }
    }
}
