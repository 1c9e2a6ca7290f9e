/// The inline field editor: while open it owns the keys (only Ctrl+C and Ctrl+Q pass by).
/// Enter validates; an invalid value keeps the editor open with the reason, and the field keeps
/// its old value, so nothing typed is lost.
func openFieldEditor(_ state: inout AppState, _ field: ParameterField, text: String, error: String? = nil) -> [Effect] {
    state.overlay = nil
    state.focus = .parameters
    state.selectedField = field
    state.fieldEditor = FieldEditor(field: field, text: Composer(text: text), error: error)
    return []
}

func fieldEditorKey(_ state: inout AppState, _ key: Key, _ stamp: Stamp) -> [Effect] {
    guard var editor = state.fieldEditor else { return [] }
    switch key {
    case .escape:
        state.fieldEditor = nil
        return []
    case .enter:
        return accept(&state, editor, stamp)
    case .altEnter, .control("j"):
        guard editor.field.isMultiline else { return [] }
        editor.text.insert("\n")
    case let .character(c):
        editor.text.insert(String(c))
    case .backspace:
        editor.text.deleteBackward()
    case .delete:
        editor.text.deleteForward()
    case .left:
        editor.text.moveLeft()
    case .right:
        editor.text.moveRight()
    case .home, .control("a"):
        editor.text.moveToLineStart()
    case .end, .control("e"):
        editor.text.moveToLineEnd()
    case .up:
        _ = editor.text.moveVertically(up: true)
    case .down:
        _ = editor.text.moveVertically(up: false)
    case .control("u"):
        editor.text.clear()
    default:
        return []
    }
    // The error stays until the next Enter: it is what the user is fixing.
    state.fieldEditor = editor
    return []
}

/// A paste while the editor is open lands in it. Single-line fields drop the line breaks a
/// copied line usually ends with; a break inside is kept and refused on Enter.
func pasteIntoFieldEditor(_ state: inout AppState, _ text: String) {
    guard var editor = state.fieldEditor else { return }
    editor.text.insert(editor.field.isMultiline ? text : trimmingNewlines(text))
    state.fieldEditor = editor
}

private func accept(_ state: inout AppState, _ editor: FieldEditor, _ stamp: Stamp) -> [Effect] {
    switch ParameterValidation.applying(editor.text.text, to: editor.field, in: state.parameters) {
    case let .success(parameters):
        state.fieldEditor = nil
        guard parameters != state.parameters else { return [] }
        state.parameters = parameters
        return persistParameters(&state, stamp)
    case let .failure(problem):
        var open = editor
        open.error = problem.message
        state.fieldEditor = open
        return []
    }
}

/// `$EDITOR` closed. Valid text is taken like an inline Enter; invalid text opens the inline
/// editor holding it, with the reason, so the user can fix it rather than retype it.
func externalEditFinished(_ state: inout AppState, _ field: ParameterField, text: String?, problem: String?) -> [Effect] {
    guard let text else {
        state.notice = problem ?? "\(field.wireName) unchanged: the editor closed without saving."
        return []
    }
    switch ParameterValidation.applying(text, to: field, in: state.parameters) {
    case let .success(parameters):
        state.selectedField = field
        state.notice = problem
        guard parameters != state.parameters else { return [] }
        state.parameters = parameters
        return persistParameters(&state, nowMillis: state.nowMillis)
    case let .failure(invalid):
        state.notice = invalid.message
        return openFieldEditor(&state, field, text: trimmingNewlines(text), error: invalid.message)
    }
}

func trimmingNewlines(_ text: String) -> String {
    var t = Substring(text)
    while let first = t.first, first.isNewline { t.removeFirst() }
    while let last = t.last, last.isNewline { t.removeLast() }
    return String(t)
}
