/// The composer: the user's multi-line draft, soft-wrapped like the conversation, with a caret
/// given as a grapheme offset (0...text.count).
public enum ComposerView {
    /// The wrapped draft and where the caret stands in it.
    public struct Layout: Equatable {
        public var rows: [StyledLine]
        /// Row and column of the caret within `rows` (the row may be one past the last row's
        /// text when the caret ends a full row).
        public var caretRow: Int
        public var caretColumn: Int
    }

    public static func layout(text: String, caret: Int, width: Int) -> Layout {
        let width = max(1, width)
        let caret = min(max(0, caret), text.count)
        var rows: [StyledLine] = []
        var caretRow = 0
        var caretColumn = 0
        var lineStart = 0  // grapheme offset where the current source line begins
        var lineCharacters: [Character] = []

        func finishLine(endsAt end: Int) {
            var breaker = LineBreaker(width: width)
            var scanner = GlyphScanner(role: .composer)
            for (offset, character) in lineCharacters.enumerated() {
                scanner.feed(character, sourceIndex: offset) { breaker.feed($0) }
            }
            let lineRows = breaker.finish()
            if caret >= lineStart && caret <= end {
                let local = caret - lineStart
                var found = false
                for (rowIndex, row) in lineRows.enumerated() {
                    var column = 0
                    for glyph in row.glyphs {
                        if glyph.sourceIndex >= local {
                            found = true
                            break
                        }
                        column += glyph.width
                    }
                    if found {
                        caretRow = rows.count + rowIndex
                        caretColumn = column
                        break
                    }
                }
                if !found {
                    caretRow = rows.count + lineRows.count - 1
                    caretColumn = lineRows.last?.width ?? 0
                }
            }
            rows.append(contentsOf: lineRows)
            lineCharacters.removeAll(keepingCapacity: true)
        }

        var offset = 0
        for character in text {
            if character == "\n" || character == "\r\n" {
                finishLine(endsAt: offset)
                lineStart = offset + 1
            } else {
                lineCharacters.append(character)
            }
            offset += 1
        }
        finishLine(endsAt: offset)

        // A caret ending a full row cannot stand past the edge: like a browser's text area, it
        // starts an empty row of its own below.
        if caretColumn >= width {
            caretRow += 1
            caretColumn = 0
            rows.insert(StyledLine(), at: min(caretRow, rows.count))
        }
        return Layout(rows: rows, caretRow: caretRow, caretColumn: caretColumn)
    }

    /// How many rows the draft needs at `width` (what the screen layout sizes the composer by).
    public static func lineCount(text: String, caret: Int, width: Int) -> Int {
        layout(text: text, caret: caret, width: width).rows.count
    }

    /// Draws the draft into `rect` and returns the caret's screen cell. Scrolling is stateless:
    /// the view shows as much of the draft's end as it can while keeping the caret row visible
    /// (typing at the end follows the tail; moving up scrolls only once the caret leaves the view). When `focused`, also sets `grid.cursor` there.
    @discardableResult
    public static func draw(
        into grid: inout CellGrid, rect: Rect, text: String, caret: Int, placeholder: String, focused: Bool
    ) -> (x: Int, y: Int)? {
        guard !rect.isEmpty else { return nil }
        grid.fill(rect, role: .composer)
        let position: (x: Int, y: Int)
        if text.isEmpty {
            for (index, line) in TextWrapper.wrap(placeholder, width: rect.width, role: .dim).prefix(rect.height).enumerated() {
                grid.draw(line, x: rect.x, y: rect.y + index, clip: rect)
            }
            position = (rect.x, rect.y)
        } else {
            let laidOut = layout(text: text, caret: caret, width: rect.width)
            let first = ScrollWindow.firstVisible(
                selected: laidOut.caretRow, count: laidOut.rows.count, visible: rect.height,
                previousFirst: laidOut.rows.count)
            for row in first..<min(laidOut.rows.count, first + rect.height) {
                grid.draw(laidOut.rows[row], x: rect.x, y: rect.y + row - first, clip: rect)
            }
            position = (rect.x + laidOut.caretColumn, rect.y + laidOut.caretRow - first)
        }
        if focused { grid.cursor = position }
        return position
    }
}
