import ChatCore

/// The sessions pane's list: one row per session, title on the left, the caller's timestamp text
/// (e.g. "5m", "Tue") dimmed on the right, the selected row highlighted.
public enum SessionListView {
    public static let untitled = "New session"

    /// Draws into `rect` (the area inside the pane's border) and returns the first visible
    /// index, which the caller may pass back as `previousFirst` to scroll smoothly.
    /// `timestamps[i]` labels `sessions[i]`; missing entries show nothing.
    @discardableResult
    public static func draw(
        into grid: inout CellGrid, rect: Rect, sessions: [SessionSummary], timestamps: [String],
        selectedIndex: Int?, focused: Bool, previousFirst: Int = 0
    ) -> Int {
        guard !rect.isEmpty else { return 0 }
        var list = SessionsPaneModel.List(firstIndex: 0, rows: [], isEmpty: sessions.isEmpty)
        if !sessions.isEmpty {
            list.firstIndex = ScrollWindow.firstVisible(
                selected: selectedIndex, count: sessions.count, visible: rect.height, previousFirst: previousFirst)
            list.rows = (list.firstIndex..<min(sessions.count, list.firstIndex + rect.height)).map { index in
                SessionsPaneModel.Row(
                    title: sessions[index].title, age: index < timestamps.count ? timestamps[index] : "",
                    isSelected: index == selectedIndex)
            }
        }
        draw(list, into: &grid, rect: rect, focused: focused)
        return list.firstIndex
    }

    /// Draws the rows of `list` (already cut to the rows in view) into `rect`.
    static func draw(_ list: SessionsPaneModel.List, into grid: inout CellGrid, rect: Rect, focused: Bool) {
        guard !rect.isEmpty else { return }
        grid.fill(rect, role: .normal)
        guard !list.isEmpty else {
            grid.put("No sessions", x: rect.x, y: rect.y, role: .dim, clip: rect)
            return
        }
        for (row, shown) in list.rows.prefix(rect.height).enumerated() {
            drawRow(into: &grid, rect: rect.row(row), title: shown.title, timestamp: shown.age)
            if shown.isSelected {
                grid.setRole(focused ? .selection : .selectionUnfocused, in: rect.row(row))
            }
        }
    }

    private static func drawRow(into grid: inout CellGrid, rect: Rect, title: String, timestamp: String) {
        let title = title.isEmpty
            ? StyledLine(untitled, role: .dim)
            : StyledLine(title, role: .normal)
        var stamp = StyledLine(timestamp, role: .dim)
        // The timestamp gives way first: it needs the title to keep at least 8 columns.
        if stamp.width > 0 && stamp.width + 1 + min(title.width, 8) > rect.width { stamp = StyledLine() }
        let titleRoom = stamp.width > 0 ? rect.width - stamp.width - 1 : rect.width
        grid.draw(title.truncated(toWidth: titleRoom), x: rect.x, y: rect.y, clip: rect)
        if stamp.width > 0 {
            grid.draw(stamp, x: rect.maxX - stamp.width, y: rect.y, clip: rect)
        }
    }
}
