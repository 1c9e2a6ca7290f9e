/// The common frame of every overlay: a focused box centred over the panes, filled in the
/// overlay role, with one column of padding inside the border.
enum OverlayFrame {
    /// Frames a box of at most `width` x `height` centred in `area`, and returns the rectangle
    /// for its content, or nil when the area cannot hold a box with any content.
    static func draw(into grid: inout CellGrid, area: Rect, width: Int, height: Int, title: String) -> Rect? {
        let box = area.centered(width: width, height: height)
        guard box.width >= 6, box.height >= 3 else { return nil }
        grid.fill(box, role: .overlay)
        grid.box(box, title: title, focused: true)
        return Rect(x: box.x + 2, y: box.y + 1, width: box.width - 4, height: box.height - 2)
    }

    /// A list in `rect` scrolled to keep `selected` visible (paging by the least movement from
    /// the top, so the view needs no stored position), the selected row highlighted.
    static func drawList(into grid: inout CellGrid, rect: Rect, rows: [StyledLine], selected: Int?) {
        guard !rect.isEmpty else { return }
        let first = ScrollWindow.firstVisible(selected: selected, count: rows.count, visible: rect.height)
        for index in first..<min(rows.count, first + rect.height) {
            let y = rect.y + index - first
            grid.draw(rows[index].truncated(toWidth: rect.width), x: rect.x, y: y, clip: rect)
            if index == selected {
                grid.setRole(.selection, in: Rect(x: rect.x, y: y, width: rect.width, height: 1))
            }
        }
    }

    /// Draws `lines` from row `y` on, wrapped to the rect's width, and returns the next free row.
    @discardableResult
    static func drawWrapped(into grid: inout CellGrid, _ text: String, role: StyleRole, rect: Rect, y: Int, maxRows: Int) -> Int {
        var row = y
        for line in TextWrapper.wrap(text, width: max(1, rect.width), role: role).prefix(max(0, maxRows)) where row < rect.maxY {
            grid.draw(line, x: rect.x, y: row, clip: rect)
            row += 1
        }
        return row
    }
}
