import ChatCore

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
            let local = caret >= lineStart && caret <= end ? caret - lineStart : nil
            let line = wrapLine(lineCharacters, width: width, caret: local)
            if let row = line.caretRow {
                caretRow = rows.count + row
                caretColumn = line.caretColumn
            }
            rows.append(contentsOf: line.rows)
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

    /// One hard line wrapped, and where `caret` (a grapheme offset into it) stands, when given.
    /// The one wrapping rule of the composer: the whole layout and the visible window use it.
    static func wrapLine<Characters: Sequence<Character>>(
        _ characters: Characters, width: Int, caret: Int?
    ) -> (rows: [StyledLine], caretRow: Int?, caretColumn: Int) {
        var breaker = LineBreaker(width: width)
        var scanner = GlyphScanner(role: .composer)
        for (offset, character) in characters.enumerated() {
            scanner.feed(character, sourceIndex: offset) { breaker.feed($0) }
        }
        let lineRows = breaker.finish()
        guard let local = caret else { return (lineRows, nil, 0) }
        for (rowIndex, row) in lineRows.enumerated() {
            var column = 0
            for glyph in row.glyphs {
                if glyph.sourceIndex >= local { return (lineRows, rowIndex, column) }
                column += glyph.width
            }
        }
        return (lineRows, lineRows.count - 1, lineRows.last?.width ?? 0)
    }

    /// The rows `draw` shows in `height` rows, the same as the matching slice of `layout`, but
    /// made from the caret's line and its neighbours only: a megabyte draft costs what its
    /// visible rows cost (plus finding the caret), not a wrap of the whole text every frame.
    /// `caretIndex` is where `caret` stands, when the caller knows it (`TextInput` keeps it);
    /// else it is found by walking the text.
    static func visibleLayout(text: String, caret: Int, caretIndex: String.Index? = nil, width: Int, height: Int) -> Layout {
        let width = max(1, width)
        let height = max(1, height)
        let caretIndex = caretIndex
            ?? text.index(text.startIndex, offsetBy: max(0, caret), limitedBy: text.endIndex) ?? text.endIndex
        let isBreak: (Character) -> Bool = { $0 == "\n" || $0 == "\r\n" }
        let lineStart = text[..<caretIndex].lastIndex(where: isBreak).map { text.index(after: $0) } ?? text.startIndex
        let lineEnd = text[caretIndex...].firstIndex(where: isBreak) ?? text.endIndex

        let caretLine = wrapLine(text[lineStart..<lineEnd], width: width, caret: text.distance(from: lineStart, to: caretIndex))
        var current = caretLine.rows
        var caretRow = caretLine.caretRow ?? 0
        var caretColumn = caretLine.caretColumn
        if caretColumn >= width {
            caretRow += 1
            caretColumn = 0
            current.insert(StyledLine(), at: min(caretRow, current.count))
        }
        var above = Array(current[..<caretRow])
        var below = Array(current[caretRow...])  // the caret's row first

        // Lines below, until a window starting at the caret's row is full or the text ends.
        var next = lineEnd
        while below.count < height, next < text.endIndex {
            let start = text.index(after: next)
            let end = text[start...].firstIndex(where: isBreak) ?? text.endIndex
            below += wrapLine(text[start..<end], width: width, caret: nil).rows
            next = end
        }
        if below.count >= height {
            return Layout(rows: Array(below.prefix(height)), caretRow: 0, caretColumn: caretColumn)
        }
        // The caret is on the last page: show the text's end, with rows from above the caret.
        var previous = lineStart
        while above.count < height - below.count, previous > text.startIndex {
            let breakIndex = text.index(before: previous)
            let start = text[..<breakIndex].lastIndex(where: isBreak).map { text.index(after: $0) } ?? text.startIndex
            above = wrapLine(text[start..<breakIndex], width: width, caret: nil).rows + above
            previous = start
        }
        let shownAbove = above.suffix(height - below.count)
        return Layout(rows: Array(shownAbove) + below, caretRow: shownAbove.count, caretColumn: caretColumn)
    }

    /// How many rows the draft needs at `width` (what the screen layout sizes the composer by),
    /// counted no further than `limit`: a box never grows past that, and counting a long draft's
    /// every row would cost a wrap of all of it each frame.
    public static func lineCount(
        text: String, caret: Int, caretIndex: String.Index? = nil, width: Int, limit: Int = .max
    ) -> Int {
        guard limit < .max else { return layout(text: text, caret: caret, width: width).rows.count }
        return visibleLayout(text: text, caret: caret, caretIndex: caretIndex, width: width, height: limit).rows.count
    }

    /// The same for a `TextInput`, whose caret's place in the text is known.
    public static func lineCount(_ input: TextInput, width: Int, limit: Int) -> Int {
        lineCount(text: input.text, caret: input.caret, caretIndex: input.caretIndex, width: width, limit: limit)
    }

    /// Draws the draft into `rect` and returns the caret's screen cell. Scrolling is stateless:
    /// the view shows as much of the draft's end as it can while keeping the caret row visible
    /// (typing at the end follows the tail; moving up scrolls only once the caret leaves the view). When `focused`, also sets `grid.cursor` there.
    @discardableResult
    public static func draw(
        into grid: inout CellGrid, rect: Rect, text: String, caret: Int, caretIndex: String.Index? = nil,
        placeholder: String, focused: Bool
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
            // Only what fits: the rows around the caret (the end of the draft when the caret
            // is on its last page), as `ScrollWindow` would pick them from the whole layout.
            let shown = visibleLayout(text: text, caret: caret, caretIndex: caretIndex, width: rect.width, height: rect.height)
            for (index, row) in shown.rows.enumerated() {
                grid.draw(row, x: rect.x, y: rect.y + index, clip: rect)
            }
            position = (rect.x + shown.caretColumn, rect.y + shown.caretRow)
        }
        if focused { grid.cursor = position }
        return position
    }
}
