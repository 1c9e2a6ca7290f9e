import ChatCore

/// A key binding as the help overlay lists it, or a heading ("Conversation") between groups.
public struct KeyBinding: Sendable, Equatable {
    public var keys: String
    public var description: String
    public var isHeading: Bool
    public init(_ keys: String, _ description: String, isHeading: Bool = false) {
        self.keys = keys
        self.description = description
        self.isHeading = isHeading
    }
}

/// The help overlay: a focused box centred in `area`, keys in a left column, descriptions after
/// them. It takes the first of these that shows every binding uncut:
/// 1. one column, one row per binding, as narrow as the text allows;
/// 2. one column as wide as the area, long descriptions wrapped;
/// 3. two columns side by side, descriptions wrapped within theirs;
/// 4. otherwise one full-size column shown from `firstRow`, with "↑ N more" / "↓ N more" in
///    the borders saying what lies outside the box.
public enum HelpOverlay {
    /// A column narrower than this wraps descriptions into slivers: two columns need twice it.
    static let minimumColumnWidth = 34
    static let columnGap = 3

    /// Returns the rows there are and the rows shown, for the reducer to keep `firstRow` within.
    @discardableResult
    public static func draw(
        into grid: inout CellGrid, area: Rect, title: String = "Help", bindings: [KeyBinding], firstRow: Int = 0
    ) -> ScrollMetrics {
        let keyLines = bindings.map { StyledLine($0.keys, role: .statusAccent) }
        let keyColumn = keyLines.map(\.width).max() ?? 0
        let descriptionColumn = bindings.filter { !$0.isHeading }.map { StyledLine($0.description, role: .overlay).width }.max() ?? 0
        let titleWidth = StyledLine(title, role: .title).width + 8

        // 1. Everything on one row each.
        let naturalWidth = max(keyColumn + 2 + descriptionColumn + 4, titleWidth)
        if naturalWidth <= area.width && bindings.count + 2 <= area.height {
            let box = area.centered(width: naturalWidth, height: bindings.count + 2)
            let inner = frame(&grid, box, title)
            drawColumn(&grid, inner, rows: columnRows(bindings, keyLines, keyWidth: keyColumn, width: inner.width).flatMap { $0 })
            return ScrollMetrics(totalRows: bindings.count, viewportRows: inner.height)
        }

        guard area.width >= 8, area.height >= 3 else { return ScrollMetrics() }
        let fullInner = Rect(x: area.x + 2, y: area.y + 1, width: area.width - 4, height: area.height - 2)
        let single = columnRows(bindings, keyLines, keyWidth: min(keyColumn, fullInner.width / 2), width: fullInner.width)
            .flatMap { $0 }

        // 2. One column as wide as the area, descriptions wrapped, when that fits the height.
        if single.count <= fullInner.height {
            let inner = frame(&grid, area.centered(width: area.width, height: single.count + 2), title)
            drawColumn(&grid, inner, rows: single)
            return ScrollMetrics(totalRows: single.count, viewportRows: inner.height)
        }

        // 3. Two columns, filled top to bottom then left to right.
        let columnWidth = (fullInner.width - columnGap) / 2
        if columnWidth >= minimumColumnWidth {
            let keyWidth = min(keyColumn, columnWidth / 2)
            let rows = columnRows(bindings, keyLines, keyWidth: keyWidth, width: columnWidth)
            if let split = splitIntoTwo(rows, height: fullInner.height) {
                let used = max(split.left.count, split.right.count)
                let inner = frame(&grid, area.centered(width: area.width, height: used + 2), title)
                drawColumn(&grid, Rect(x: inner.x, y: inner.y, width: columnWidth, height: inner.height), rows: split.left)
                drawColumn(&grid, Rect(x: inner.x + columnWidth + columnGap, y: inner.y, width: columnWidth, height: inner.height),
                           rows: split.right)
                return ScrollMetrics(totalRows: used, viewportRows: inner.height)
            }
        }

        // 4. One column over the whole area, scrolled to `firstRow`.
        let top = min(max(0, firstRow), max(0, single.count - fullInner.height))
        let inner = frame(&grid, area, title)
        drawColumn(&grid, inner, rows: Array(single.dropFirst(top)))
        let below = single.count - top - inner.height
        if top > 0 { borderNote(&grid, "↑ \(top) more", x: area.x + 2, y: area.y, clip: area) }
        if below > 0 { borderNote(&grid, "↓ \(below) more", x: area.x + 2, y: area.maxY - 1, clip: area) }
        return ScrollMetrics(totalRows: single.count, viewportRows: inner.height)
    }

    private static func frame(_ grid: inout CellGrid, _ box: Rect, _ title: String) -> Rect {
        grid.fill(box, role: .overlay)
        grid.box(box, title: title, focused: true)
        return Rect(x: box.x + 2, y: box.y + 1, width: box.width - 4, height: box.height - 2)
    }

    /// Each binding's rows: its keys beside the first row of its wrapped description.
    static func columnRows(_ bindings: [KeyBinding], _ keyLines: [StyledLine], keyWidth: Int, width: Int) -> [[StyledLine]] {
        let descriptionWidth = max(1, width - keyWidth - 2)
        return bindings.indices.map { index in
            if bindings[index].isHeading {
                // A blank row above every heading but the first sets the groups apart.
                let heading = TextWrapper.wrap(bindings[index].description, width: max(1, width), role: .titleFocused)
                return index == 0 ? heading : [StyledLine()] + heading
            }
            let description = TextWrapper.wrap(bindings[index].description, width: descriptionWidth, role: .overlay)
            return description.enumerated().map { row, text in
                let keys = row == 0 ? keyLines[index].truncated(toWidth: keyWidth) : StyledLine()
                return keys + .spaces(keyWidth - keys.width + 2, role: .overlay) + text
            }
        }
    }

    /// The bindings' rows split into two columns of at most `height` rows, no binding split
    /// across them; nil when they do not fit.
    static func splitIntoTwo(_ bindings: [[StyledLine]], height: Int) -> (left: [StyledLine], right: [StyledLine])? {
        let total = bindings.reduce(0) { $0 + $1.count }
        // The split that keeps the columns' heights closest, within `height` each.
        var best: (left: [StyledLine], right: [StyledLine])?
        var leftRows = 0
        for cut in 0...bindings.count {
            if cut > 0 { leftRows += bindings[cut - 1].count }
            let rightRows = total - leftRows
            guard leftRows <= height else { break }
            guard rightRows <= height else { continue }
            if let current = best, max(current.left.count, current.right.count) <= max(leftRows, rightRows) { continue }
            best = (bindings[..<cut].flatMap { $0 }, bindings[cut...].flatMap { $0 })
        }
        return best
    }

    private static func drawColumn(_ grid: inout CellGrid, _ rect: Rect, rows: [StyledLine]) {
        for (index, line) in rows.prefix(rect.height).enumerated() {
            grid.draw(line, x: rect.x, y: rect.y + index, clip: rect)
        }
    }

    private static func borderNote(_ grid: inout CellGrid, _ text: String, x: Int, y: Int, clip: Rect) {
        grid.draw(StyledLine(" \(text) ", role: .titleFocused), x: x, y: y, clip: Rect(x: clip.x + 1, y: y, width: clip.width - 2, height: 1))
    }
}

/// What the whole screen shows when the terminal is below the minimum size.
public enum TooSmallNotice {
    public static func draw(into grid: inout CellGrid, minimumWidth: Int, minimumHeight: Int) {
        let area = grid.bounds
        grid.fill(area, role: .normal)
        let message = "Terminal too small (need \(minimumWidth)x\(minimumHeight), have \(grid.width)x\(grid.height))"
        let lines = TextWrapper.wrap(message, width: max(1, area.width), role: .warningText)
        let top = max(0, (area.height - lines.count) / 2)
        for (index, line) in lines.prefix(area.height).enumerated() {
            grid.draw(line, x: max(0, (area.width - line.width) / 2), y: top + index, clip: area)
        }
    }
}
