import StreamProtocol

/// The inline field editor: while open it owns the keys (only the `app` keymap passes by).
/// Enter validates; an invalid value keeps the editor open with the reason, and the field keeps
/// its old value, so nothing typed is lost. The editor is what sits above the panes (the root's
/// destination): the pane is given it as a value and asks the root to show or close it.
func openFieldEditor(
    _ pane: inout ParameterPaneState, _ field: ParameterField, _ input: TextInput, error: String? = nil
) -> Reduced<ParametersDelegate> {
    pane.selectedField = field
    return Reduced(shared: [.focus(.parameters), .present(.fieldEditor(FieldEditor(field: field, text: input, error: error)))])
}

/// What the inline editor holds when it opens on a value (Enter, or `f`'s json_schema
/// template): the caret at the end, except JSON laid out over lines, which is read from its
/// top, so the caret starts there. One rule, so the keys that open it agree.
func editingInput(_ field: ParameterField, text: String) -> TextInput {
    if case .json = field.kind, text.contains("\n") { return TextInput(text: text, caret: 0) }
    return TextInput(text: text)
}

/// The field editor's own commands; editing the text is the `text` keymap's.
func fieldEditorCommand(
    _ command: Command, _ editor: FieldEditor, _ parameters: inout SessionParameters, _ stamp: Stamp
) -> Reduced<ParametersDelegate>? {
    switch command {
    case .close:
        return Reduced(shared: [.present(nil)])
    case .accept:
        return accept(editor, &parameters, stamp)
    case .newline:
        // A line break only where the field takes several lines; elsewhere the key does nothing.
        guard editor.field.isMultiline else { return Reduced() }
        var open = editor
        open.text.insert("\n")
        return Reduced(shared: [.present(.fieldEditor(open))])
    default:
        return nil
    }
}

private func accept(_ editor: FieldEditor, _ parameters: inout SessionParameters, _ stamp: Stamp) -> Reduced<ParametersDelegate> {
    switch ParameterValidation.applying(editor.text.text, to: editor.field, in: parameters) {
    case let .success(accepted):
        guard accepted != parameters else { return Reduced(shared: [.present(nil)]) }
        parameters = accepted
        return Reduced(shared: [.present(nil)], delegates: [.changed(nowMillis: stamp.nowMillis)])
    case let .failure(problem):
        var open = editor
        open.error = problem.message
        return Reduced(shared: [.present(.fieldEditor(open))])
    }
}

/// `$EDITOR` closed. Valid text is taken like an inline Enter; invalid text opens the inline
/// editor holding it, with the reason, so the user can fix it rather than retype it. A change
/// is dated with the newest time seen (the result of an effect carries no stamp).
func externalEditFinished(
    _ field: ParameterField, text: String?, problem: String?,
    _ pane: inout ParameterPaneState, _ parameters: inout SessionParameters, _ context: FeatureContext
) -> Reduced<ParametersDelegate> {
    guard let text else {
        return .notice(problem ?? "\(field.wireName) unchanged: the editor closed without saving.")
    }
    switch ParameterValidation.applying(text, to: field, in: parameters) {
    case let .success(accepted):
        pane.selectedField = field
        guard accepted != parameters else { return .notice(problem) }
        parameters = accepted
        return Reduced(shared: [.notice(problem)], delegates: [.changed(nowMillis: context.nowMillis)])
    case let .failure(invalid):
        var opened = openFieldEditor(&pane, field, TextInput(text: trimmingNewlines(text)), error: invalid.message)
        opened.shared.insert(.notice(invalid.message), at: 0)
        return opened
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
