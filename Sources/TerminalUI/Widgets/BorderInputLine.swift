import ChatCore

/// A one-line input drawn over a pane's bottom border (the conversation search, a session's
/// new title): " LABELtext · NOTE ", with the terminal cursor at the caret while it is typed.
enum BorderInputLine {
    static func draw(
        label: String, input: TextInput, note: String, editing: Bool, into grid: inout CellGrid, border: Rect
    ) {
        guard border.width > 8, border.height >= 2 else { return }
        let y = border.maxY - 1
        let room = border.width - 4
        var line = StyledLine(" " + label, role: .titleFocused)
        let beforeCaret = StyledLine(String(input.text.prefix(input.caret)), role: .titleFocused)
        let caretX = border.x + 2 + min(line.width + beforeCaret.width, room - 1)
        line.append(contentsOf: StyledLine(input.text, role: .titleFocused))
        line.append(contentsOf: StyledLine(note + " ", role: .title))
        grid.draw(line.truncated(toWidth: room), x: border.x + 2, y: y, clip: Rect(x: border.x + 1, y: y, width: border.width - 2, height: 1))
        if editing { grid.cursor = (caretX, y) }
    }
}
