import ChatCore

/// What the message box draws: its title, the draft and its caret, the placeholder an empty
/// draft shows. The renderer keeps the box's cells while this value is unchanged (while a reply
/// streams it is, unless the user types).
struct ComposerPaneModel: Equatable {
    var focused: Bool
    /// Names the tool call an answer goes to, or says an edit is under way.
    var title: String
    var text: String
    var caret: Int
    var caretIndex: String.Index?
    /// Shown only while the draft is empty (else empty: the keys it names are not looked up
    /// on every frame of a draft being typed or a reply streaming).
    var placeholder: String

    init(_ state: AppState) {
        focused = state.screen.focus == .composer
        title = state.composer.toolAnswer.map { "Result of \($0.name) · \($0.callID) (Esc: leave)" }
            ?? (state.composer.messageEdit != nil ? "Editing · sends a new version (Esc: leave)" : Pane.composer.title)
        text = state.composer.input.text
        caret = state.composer.input.caret
        caretIndex = state.composer.input.caretIndex
        let keymap = state.keymap
        placeholder = !text.isEmpty ? "" : state.isStreaming
            ? "Type your next message; \(keymap.displayKey(for: .cancel, in: [.global])) stops the reply."
            : "Type a message. \(keymap.displayKey(for: .send, in: [.message])) sends, "
                + "\(keymap.displayKey(for: .newline, in: [.message])) adds a line."
    }
}
