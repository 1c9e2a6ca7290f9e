import ChatCore
import StreamProtocol

/// What the parameters pane draws (`ParameterPaneView` reads nothing else): the renderer keeps
/// the pane's cells while this value is unchanged.
struct ParametersPaneModel: Equatable {
    var focused: Bool
    var parameters: SessionParameters
    /// The fallbacks the rows show (dialect, default model, project id).
    var profile: Profile
    /// The `session_id` row's fallback.
    var activeSessionID: String?
    var selectedField: ParameterField
    /// The inline editor, open under its field.
    var fieldEditor: FieldEditor?
    /// The hint line names keys.
    var keymap: Keymap

    init(_ state: borrowing AppState) {
        self.init(
            focused: state.screen.focus == .parameters, parameters: state.parameters, profile: state.launch.profile,
            activeSessionID: state.conversation.activeSessionID, selectedField: state.selectedField,
            fieldEditor: state.destination?.beneath?.fieldEditor, keymap: state.keymap)
    }

    init(
        focused: Bool, parameters: SessionParameters, profile: Profile, activeSessionID: String?,
        selectedField: ParameterField, fieldEditor: FieldEditor?, keymap: Keymap
    ) {
        self.focused = focused
        self.parameters = parameters
        self.profile = profile
        self.activeSessionID = activeSessionID
        self.selectedField = selectedField
        self.fieldEditor = fieldEditor
        self.keymap = keymap
    }

    /// What the next request sends for `field` (its value, else its fallback; nil: nothing).
    func effectiveText(_ field: ParameterField) -> String? {
        field.effectiveText(parameters: parameters, profile: profile, sessionID: activeSessionID)
    }
}
