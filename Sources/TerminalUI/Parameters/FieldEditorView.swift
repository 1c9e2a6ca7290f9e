import ChatCore

/// The inline editor Enter opens on a parameter: a box titled with the field's name, the text
/// being typed with its caret (wrapped; several lines for the system prompt, lists and JSON),
/// and under it the reason the last Enter was refused, in the error role.
enum FieldEditorView {
    /// Text rows at most, however tall the pane.
    static let maximumTextRows = 8
    /// Error rows at most (the message is a sentence; more would hide the text).
    static let maximumErrorRows = 3

    /// Fields typed over several lines (one list item per line, or free text).
    static func isMultiLine(_ field: ParameterField) -> Bool {
        switch field.kind {
        case .multilineText, .list, .json: return true
        case .slider, .integer, .text: return false
        }
    }

    /// The box's height (borders included) for `editor` at `width`, in at most `available` rows.
    static func height(_ editor: FieldEditor, width: Int, available: Int) -> Int {
        let innerWidth = max(1, width - 2)
        let wanted = max(1, ComposerView.lineCount(editor.text, width: innerWidth, limit: maximumTextRows))
        let textRows = min(max(wanted, isMultiLine(editor.field) ? 3 : 1), maximumTextRows)
        let errorRows = min(errorLines(editor, width: innerWidth).count, maximumErrorRows)
        return min(available, 2 + textRows + errorRows)
    }

    static func draw(into grid: inout CellGrid, rect: Rect, editor: FieldEditor) {
        guard rect.height >= 3, rect.width >= 4 else { return }
        grid.fill(rect, role: .normal)
        grid.box(rect, title: ParameterSection.label(editor.field), focused: true)
        let inner = rect.inset(by: 1)
        // The text keeps at least one row; the error takes what is left, up to its cap.
        let errors = Array(errorLines(editor, width: inner.width).prefix(min(maximumErrorRows, inner.height - 1)))
        let textRect = Rect(x: inner.x, y: inner.y, width: inner.width, height: inner.height - errors.count)
        ComposerView.draw(
            into: &grid, rect: textRect, text: editor.text.text, caret: editor.text.caret,
            placeholder: "empty: unset (not sent)", focused: true)
        for (index, line) in errors.enumerated() {
            let y = textRect.maxY + index
            grid.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), role: .normal)
            grid.draw(line, x: inner.x, y: y, clip: inner)
        }
    }

    static func errorLines(_ editor: FieldEditor, width: Int) -> [StyledLine] {
        guard let error = editor.error, !error.isEmpty else { return [] }
        return TextWrapper.wrap(error, width: max(1, width), role: .errorText)
    }

    /// The editor's keys, for the pane's hint line.
    static func hints(_ editor: FieldEditor, keymap: Keymap) -> [String] {
        let here: [KeyContext] = [.fieldEditor, .text]
        let items = [
            keymap.hint(.accept, in: here, label: "ok"), keymap.hint(.close, in: here, label: "cancel"),
            isMultiLine(editor.field) ? keymap.hint(.newline, in: here) : nil, keymap.hint(.deleteToLineStart, in: here),
        ]
        return items.compactMap { $0 }
    }
}
