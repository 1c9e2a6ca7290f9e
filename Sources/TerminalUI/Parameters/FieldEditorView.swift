import ChatCore

/// The inline editor Enter opens on a parameter, right under the field's row: a box titled
/// with the field's name, the text being typed with its caret (wrapped; several lines for the
/// system prompt, lists and JSON), the range a number must be in (shown from the start, not
/// only after a mistake), and the reason the last Enter was refused, wrapped whole.
enum FieldEditorView {
    /// Text rows at most, however tall the pane.
    static let maximumTextRows = 8
    /// Error rows at most: enough for any of the validation's sentences at the narrowest pane.
    static let maximumErrorRows = 8

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
        let guideRows = guideLines(editor.field, width: innerWidth).count
        return min(available, 2 + textRows + guideRows + errorRows)
    }

    /// The range a value must be in, for the fields that have one: "0 to 2", "1 to 131,072".
    static func guide(_ field: ParameterField) -> String? {
        guard case let .slider(numeric) = field.kind else { return nil }
        return "\(number(numeric.range.lowerBound)) to \(number(numeric.range.upperBound))"
    }

    private static func number(_ value: Double) -> String {
        guard value == value.rounded(), abs(value) < 1e15 else { return "\(value)" }
        let digits = String(Int(abs(value)))
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped += "," }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + grouped
    }

    static func guideLines(_ field: ParameterField, width: Int) -> [StyledLine] {
        guard let guide = guide(field) else { return [] }
        return TextWrapper.wrap(guide, width: max(1, width), role: .dim)
    }

    static func draw(into grid: inout CellGrid, rect: Rect, editor: FieldEditor) {
        guard rect.height >= 3, rect.width >= 4 else { return }
        grid.fill(rect, role: .normal)
        grid.box(rect, title: ParameterSection.label(editor.field), focused: true)
        let inner = rect.inset(by: 1)
        // The text keeps at least one row; the error comes before the range (it says the range
        // too), and they take what is left, the error up to its cap.
        let errors = Array(errorLines(editor, width: inner.width).prefix(min(maximumErrorRows, inner.height - 1)))
        let guide = Array(guideLines(editor.field, width: inner.width).prefix(max(0, inner.height - 1 - errors.count)))
        let below = errors + guide
        let textRect = Rect(x: inner.x, y: inner.y, width: inner.width, height: inner.height - below.count)
        ComposerView.draw(
            into: &grid, rect: textRect, text: editor.text.text, caret: editor.text.caret,
            placeholder: "empty: unset (not sent)", focused: true)
        for (index, line) in below.enumerated() {
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
