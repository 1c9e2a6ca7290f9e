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
    /// What an empty draft's placeholder is made from (nil while there is a draft): whether a
    /// reply streams, and the keymap whose keys it names. The words themselves are put together
    /// only when the box is drawn, so a frame that keeps the box (every frame of a streaming
    /// reply) looks up no key and builds no string for it.
    var emptyDraft: EmptyDraft?

    struct EmptyDraft: Equatable {
        var streaming: Bool
        var keymap: Keymap
    }

    init(_ state: borrowing AppState) {
        focused = state.screen.focus == .composer
        title = state.composer.toolAnswer.map { "Result of \($0.name) · \($0.callID) (Esc: leave)" }
            ?? (state.composer.messageEdit != nil ? "Editing · sends a new version (Esc: leave)" : Pane.composer.title)
        text = state.composer.input.text
        caret = state.composer.input.caret
        caretIndex = state.composer.input.caretIndex
        emptyDraft = text.isEmpty ? EmptyDraft(streaming: state.isStreaming, keymap: state.keymap) : nil
    }

    /// Shown only while the draft is empty (else empty).
    var placeholder: String {
        guard let emptyDraft else { return "" }
        let keymap = emptyDraft.keymap
        return emptyDraft.streaming
            ? "Type your next message; \(keymap.displayKey(for: .cancel, in: [.global])) stops the reply."
            : "Type a message. \(keymap.displayKey(for: .send, in: [.message])) sends, "
                + "\(keymap.displayKey(for: .newline, in: [.message])) adds a line."
    }
}
