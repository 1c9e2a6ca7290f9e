import ChatCore

/// A question answered on one line, in a box across the foot of the screen (over the
/// composer, above the status line): what is asked in its top border, the text being typed
/// inside, scrolled so the caret stays in view, and the keys in its bottom border. The rename
/// and export prompts of the sessions pane use it, so a file name is never squeezed into a
/// pane's border.
enum PromptLineView {
    static let height = 3

    /// Draws the prompt at the bottom of `area` and puts the terminal cursor at the caret.
    static func draw(into grid: inout CellGrid, area: Rect, label: String, input: TextInput, keys: String) {
        guard area.width >= 12, area.height >= height else { return }
        let box = Rect(x: area.x, y: area.maxY - height, width: area.width, height: height)
        grid.fill(box, role: .overlay)
        grid.box(box, title: label, focused: true)
        let inner = Rect(x: box.x + 2, y: box.y + 1, width: box.width - 4, height: 1)
        let (line, caretColumn) = visibleLine(input, width: inner.width)
        grid.draw(line, x: inner.x, y: inner.y, clip: inner)
        grid.cursor = (inner.x + caretColumn, inner.y)
        let footer = StyledLine(" " + keys + " ", role: .title).truncated(toWidth: box.width - 4)
        grid.draw(footer, x: box.x + 2, y: box.maxY - 1, clip: Rect(x: box.x + 1, y: box.maxY - 1, width: box.width - 2, height: 1))
    }

    /// The part of the text that fits `width` columns with the caret in view (a "…" marks text
    /// cut on either side), and the caret's column within it.
    static func visibleLine(_ input: TextInput, width: Int) -> (StyledLine, caret: Int) {
        let before = StyledLine(String(input.text.prefix(input.caret)), role: .normal)
        let after = StyledLine(String(input.text.dropFirst(input.caret)), role: .normal)
        var shown = before
        if before.width > width - 1 {
            // Keep the end of what is before the caret, behind a "…".
            var glyphs = before.glyphs[...]
            var kept = before.width
            while kept > width - 2, let first = glyphs.first {
                kept -= first.width
                glyphs = glyphs.dropFirst()
            }
            shown = StyledLine([Glyph(text: "…", width: 1, role: .dim)] + Array(glyphs))
        }
        let caret = shown.width
        shown.append(contentsOf: after.truncated(toWidth: width - caret))
        return (shown, caret)
    }
}
