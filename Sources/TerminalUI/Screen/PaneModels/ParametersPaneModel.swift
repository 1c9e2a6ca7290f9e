import ChatCore
import StreamProtocol

/// What the parameters pane is drawn from: the renderer keeps the pane's cells while this value
/// is unchanged. `ParameterPaneView` still reads these fields from the state itself (the pane
/// is being moved with the request-field table); when it takes this value instead, this list
/// is no longer kept by hand.
struct ParametersPaneModel: Equatable {
    var focused: Bool
    var parameters: SessionParameters
    /// The fallbacks the rows show (dialect, default model, project id).
    var profile: Profile
    var activeSessionID: String?
    var selectedField: ParameterField
    var fieldEditor: FieldEditor?
    /// The hint line names keys.
    var keymap: Keymap

    init(_ state: borrowing AppState) {
        focused = state.screen.focus == .parameters
        parameters = state.parameters
        profile = state.launch.profile
        activeSessionID = state.conversation.activeSessionID
        selectedField = state.selectedField
        fieldEditor = state.destination?.beneath?.fieldEditor
        keymap = state.keymap
    }
}
