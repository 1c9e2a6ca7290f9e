/// Line-drawing characters for boxes. The focused style uses double lines so focus shows even on
/// a terminal without colors.
public struct BoxStyle: Sendable, Equatable {
    public var horizontal: String
    public var vertical: String
    public var topLeft: String
    public var topRight: String
    public var bottomLeft: String
    public var bottomRight: String

    public static let light = BoxStyle(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘")
    public static let double = BoxStyle(
        horizontal: "═", vertical: "║", topLeft: "╔", topRight: "╗", bottomLeft: "╚", bottomRight: "╝")
}

extension CellGrid {
    /// Writes one cell (width 1, or 2 with its continuation) at (x, y), keeping wide glyphs
    /// whole: a wide glyph partly overwritten loses its other half to a blank in its role, so the
    /// grid never holds an orphan half. A wide cell whose right half would leave the grid is
    /// written as a blank instead. Out-of-grid writes are ignored.
    public mutating func write(_ cell: Cell, x: Int, y: Int) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        var cell = cell
        if cell.width == 2 && x + 1 >= width {
            cell = Cell(text: " ", width: 1, role: cell.role)
        }
        if cell.width == 0 { cell = Cell(text: " ", width: 1, role: cell.role) }
        clearWideNeighbours(x: x, y: y)
        if cell.width == 2 { clearWideNeighbours(x: x + 1, y: y) }
        self[x, y] = cell
        if cell.width == 2 { self[x + 1, y] = .continuation(cell.role) }
    }

    /// Before (x, y) is overwritten: blank the other half of any wide glyph covering it.
    private mutating func clearWideNeighbours(x: Int, y: Int) {
        let existing = self[x, y]
        if existing.width == 0 && x > 0 {
            let lead = self[x - 1, y]
            self[x - 1, y] = Cell(text: " ", width: 1, role: lead.role)
        } else if existing.width == 2 && x + 1 < width {
            let trail = self[x + 1, y]
            self[x + 1, y] = Cell(text: " ", width: 1, role: trail.role)
        }
    }

    /// Draws a glyph at (x, y) if it lies inside `clip`; a wide glyph that does not fit at the
    /// right edge becomes a blank. Returns the column after it.
    @discardableResult
    public mutating func put(_ glyph: Glyph, x: Int, y: Int, clip: Rect) -> Int {
        let area = clip.intersection(bounds)
        guard y >= area.y, y < area.maxY, x < area.maxX else { return x + glyph.width }
        if glyph.width == 2 && x + 1 >= area.maxX {
            if x >= area.x { write(Cell(text: " ", width: 1, role: glyph.role), x: x, y: y) }
        } else if x >= area.x {
            write(glyph.cell, x: x, y: y)
        } else if glyph.width == 2 && x + 1 == area.x {
            // Only the right half is inside: it cannot be drawn alone.
            write(Cell(text: " ", width: 1, role: glyph.role), x: x + 1, y: y)
        }
        return x + glyph.width
    }

    /// Draws a styled line starting at (x, y), clipped to `clip`. Returns the column after it.
    @discardableResult
    public mutating func draw(_ line: StyledLine, x: Int, y: Int, clip: Rect) -> Int {
        let area = clip.intersection(bounds)
        let count = line.glyphs.count
        // Fast path, most rows of text: narrow glyphs that fit whole. Only the edges can cut a
        // wide glyph already there, which loses its other half as `write` would do.
        if line.width == count, count > 0, y >= area.y, y < area.maxY, x >= area.x, x + count <= area.maxX {
            if x > 0, self[x, y].width == 0 { self[x - 1, y] = Cell(code: .space, width: 1, role: self[x - 1, y].role) }
            if x + count < width, self[x + count - 1, y].width == 2 {
                self[x + count, y] = Cell(code: .space, width: 1, role: self[x + count, y].role)
            }
            setNarrowRun(line.glyphs, x: x, y: y)
            return x + count
        }
        var column = x
        let limit = area.maxX
        for glyph in line.glyphs {
            if column >= limit { break }
            column = put(glyph, x: column, y: y, clip: clip)
        }
        return column
    }

    /// Draws untrusted single-line text (sanitized, newlines as spaces) at (x, y), clipped.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, role: StyleRole, clip: Rect) -> Int {
        draw(StyledLine(text, role: role), x: x, y: y, clip: clip)
    }

    /// Fills a rectangle (clipped to the grid) with blanks in `role`.
    /// Row by row as one block store (it runs for a whole pane every frame); only the edges
    /// need `write`'s care, where a wide glyph may be cut and loses its other half.
    public mutating func fill(_ rect: Rect, role: StyleRole) {
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return }
        let blank = Cell(code: .space, width: 1, role: role)
        let gridWidth = width
        for y in area.y..<area.maxY {
            if area.x > 0, self[area.x, y].width == 0 {
                self[area.x - 1, y] = Cell(code: .space, width: 1, role: self[area.x - 1, y].role)
            }
            if area.maxX < gridWidth, self[area.maxX - 1, y].width == 2 {
                self[area.maxX, y] = Cell(code: .space, width: 1, role: self[area.maxX, y].role)
            }
            setRun(blank, x: area.x, y: y, count: area.width)
        }
    }

    /// Changes the role of every cell in a rectangle, keeping the text (selection highlight).
    public mutating func setRole(_ role: StyleRole, in rect: Rect) {
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return }
        for y in area.y..<area.maxY {
            for x in area.x..<area.maxX {
                var cell = self[x, y]
                cell.role = role
                self[x, y] = cell
            }
        }
        // A wide glyph cut by the rectangle's edges would be half highlighted: blank it whole.
        for y in area.y..<area.maxY {
            if self[area.x, y].width == 0 { write(Cell(text: " ", width: 1, role: role), x: area.x, y: y) }
            if self[area.maxX - 1, y].width == 2 { write(Cell(text: " ", width: 1, role: role), x: area.maxX - 1, y: y) }
        }
    }

    public mutating func horizontalLine(x: Int, y: Int, length: Int, role: StyleRole, style: BoxStyle = .light) {
        let cell = Cell(text: style.horizontal, width: 1, role: role)
        for column in x..<(x + max(0, length)) { write(cell, x: column, y: y) }
    }

    public mutating func verticalLine(x: Int, y: Int, length: Int, role: StyleRole, style: BoxStyle = .light) {
        let cell = Cell(text: style.vertical, width: 1, role: role)
        for row in y..<(y + max(0, length)) { write(cell, x: x, y: row) }
    }

    /// A box around `rect` with an optional title in its top border. Focused: double lines in
    /// `.borderFocused` with the title in `.titleFocused`; otherwise light lines in `.border`/`.title`.
    public mutating func box(_ rect: Rect, title: String? = nil, focused: Bool) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let style: BoxStyle = focused ? .double : .light
        let role: StyleRole = focused ? .borderFocused : .border
        let right = rect.maxX - 1
        let bottom = rect.maxY - 1
        horizontalLine(x: rect.x + 1, y: rect.y, length: rect.width - 2, role: role, style: style)
        horizontalLine(x: rect.x + 1, y: bottom, length: rect.width - 2, role: role, style: style)
        verticalLine(x: rect.x, y: rect.y + 1, length: rect.height - 2, role: role, style: style)
        verticalLine(x: right, y: rect.y + 1, length: rect.height - 2, role: role, style: style)
        write(Cell(text: style.topLeft, width: 1, role: role), x: rect.x, y: rect.y)
        write(Cell(text: style.topRight, width: 1, role: role), x: right, y: rect.y)
        write(Cell(text: style.bottomLeft, width: 1, role: role), x: rect.x, y: bottom)
        write(Cell(text: style.bottomRight, width: 1, role: role), x: right, y: bottom)
        if let title, !title.isEmpty, rect.width >= 6 {
            // "┌─ Title ─┐": one line cell, a space each side of the title, one line cell.
            let room = rect.width - 6
            let line = StyledLine(title, role: focused ? .titleFocused : .title).truncated(toWidth: room)
            let titleRect = Rect(x: rect.x + 2, y: rect.y, width: rect.width - 4, height: 1)
            write(Cell(text: " ", width: 1, role: role), x: rect.x + 2, y: rect.y)
            let end = draw(line, x: rect.x + 3, y: rect.y, clip: titleRect)
            write(Cell(text: " ", width: 1, role: role), x: end, y: rect.y)
        }
    }
}
