import StreamProtocol

/// The inline field editor: while open it owns the keys (only the `app` keymap passes by).
/// Enter validates; an invalid value keeps the editor open with the reason, and the field keeps
/// its old value, so nothing typed is lost.
func openFieldEditor(_ state: inout AppState, _ field: ParameterField, text: String, error: String? = nil) -> [Effect] {
    state.screen.focus = .parameters
    state.selectedField = field
    state.destination = .fieldEditor(FieldEditor(field: field, text: TextInput(text: text), error: error))
    return []
}

/// The field editor's own commands; editing the text is the `text` keymap's.
func fieldEditorCommand(_ command: Command, _ state: inout AppState, _ stamp: Stamp) -> [Effect]? {
    guard case let .fieldEditor(editor)? = state.destination else { return nil }
    switch command {
    case .close:
        state.destination = nil
        return []
    case .accept:
        return accept(&state, editor, stamp)
    case .newline:
        // A line break only where the field takes several lines; elsewhere the key does nothing.
        if editor.field.isMultiline { typeText(&state, "\n") }
        return []
    default:
        return nil
    }
}

private func accept(_ state: inout AppState, _ editor: FieldEditor, _ stamp: Stamp) -> [Effect] {
    switch ParameterValidation.applying(editor.text.text, to: editor.field, in: state.parameters) {
    case let .success(parameters):
        state.destination = nil
        guard parameters != state.parameters else { return [] }
        state.parameters = parameters
        return persistParameters(&state, stamp)
    case let .failure(problem):
        var open = editor
        open.error = problem.message
        state.destination = .fieldEditor(open)
        return []
    }
}

/// `$EDITOR` closed. Valid text is taken like an inline Enter; invalid text opens the inline
/// editor holding it, with the reason, so the user can fix it rather than retype it.
func externalEditFinished(_ state: inout AppState, _ field: ParameterField, text: String?, problem: String?) -> [Effect] {
    guard let text else {
        state.status.notice = problem ?? "\(field.wireName) unchanged: the editor closed without saving."
        return []
    }
    switch ParameterValidation.applying(text, to: field, in: state.parameters) {
    case let .success(parameters):
        state.selectedField = field
        state.status.notice = problem
        guard parameters != state.parameters else { return [] }
        state.parameters = parameters
        return persistParameters(&state, nowMillis: state.status.nowMillis)
    case let .failure(invalid):
        state.status.notice = invalid.message
        return openFieldEditor(&state, field, text: trimmingNewlines(text), error: invalid.message)
    }
}

/// The text the inline editor opens with: the value as the pane stores it, except JSON, which
/// is laid out over lines by the project's one pretty-printer (StreamProtocol) so it wraps
/// between members, not in the middle of a token. Accepting compacts it again.
func editableText(_ field: ParameterField, _ parameters: SessionParameters) -> String {
    let text = field.text(in: parameters) ?? ""
    guard case .json = field.kind, let value = JSONValue.parse(text) else { return text }
    return value.prettyText
}
