import ChatCore
import StreamProtocol

/// Everything the sessions pane, the parameters pane and the message box are drawn from, so
/// the renderer can keep a pane's cells from the last frame when none of it changed (while a
/// reply streams, only the conversation and the status line do). A test draws random
/// sequences of states both ways and compares every cell.
struct SidePaneKeys: Equatable {
    struct Sessions: Equatable {
        var focused: Bool
        var revision: Int
        var selectedIndex: Int
        var activeSessionID: String?
        /// The ages ("now", "5m") of the rows last shown: they follow the clock, so the pane is
        /// redrawn when one of them reads differently, not on every tick.
        var visibleAges: [RelativeTime.Age]
        /// The title being typed after `R`, drawn over the pane's border.
        var rename: SessionRename?
        /// The search line and its hits, drawn instead of the list.
        var search: SessionSearch?
    }

    struct Parameters: Equatable {
        var focused: Bool
        var parameters: SessionParameters
        var profile: Profile
        var activeSessionID: String?
        var selectedField: ParameterField
        var fieldEditor: FieldEditor?
        var keymap: Keymap
    }

    struct Composer: Equatable {
        var focused: Bool
        var text: TextInput
        var streaming: Bool
        var keymap: Keymap
        /// The box's title names the tool call it answers, or says an edit is under way.
        var toolAnswer: ToolAnswer?
        var editing: Bool
    }

    var layout: ScreenLayout
    var sessions: Sessions
    var parameters: Parameters
    var composer: Composer

    /// `sessionRows`: the sessions the pane showed last (with the same list and selection it
    /// shows them again).
    init(_ state: AppState, layout: ScreenLayout, sessionRows: Range<Int>) {
        self.layout = layout
        let rows = sessionRows.clamped(to: state.sessions.list.indices)
        sessions = Sessions(
            focused: state.screen.focus == .sessions, revision: state.sessions.revision,
            selectedIndex: state.sessions.selectedIndex, activeSessionID: state.conversation.activeSessionID,
            visibleAges: state.sessions.list[rows].map { RelativeTime.age(from: $0.updatedAtMillis, to: state.status.nowMillis) },
            rename: state.sessionRename, search: state.sessions.search)
        parameters = Parameters(
            focused: state.screen.focus == .parameters, parameters: state.parameters, profile: state.launch.profile,
            activeSessionID: state.conversation.activeSessionID, selectedField: state.selectedField,
            fieldEditor: state.fieldEditor, keymap: state.keymap)
        composer = Composer(
            focused: state.screen.focus == .composer, text: state.composer.input, streaming: state.isStreaming, keymap: state.keymap,
            toolAnswer: state.composer.toolAnswer, editing: state.composer.messageEdit != nil)
    }
}
