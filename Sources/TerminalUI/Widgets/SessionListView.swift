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
        grid.fill(rect, role: .normal)
        guard !sessions.isEmpty else {
            grid.put("No sessions", x: rect.x, y: rect.y, role: .dim, clip: rect)
            return 0
        }
        let first = ScrollWindow.firstVisible(
            selected: selectedIndex, count: sessions.count, visible: rect.height, previousFirst: previousFirst)
        for row in 0..<min(rect.height, sessions.count - first) {
            let index = first + row
            let y = rect.y + row
            let isSelected = index == selectedIndex
            drawRow(into: &grid, rect: rect.row(row), session: sessions[index],
                    timestamp: index < timestamps.count ? timestamps[index] : "")
            if isSelected {
                grid.setRole(focused ? .selection : .selectionUnfocused, in: Rect(x: rect.x, y: y, width: rect.width, height: 1))
            }
        }
        return first
    }

    private static func drawRow(into grid: inout CellGrid, rect: Rect, session: SessionSummary, timestamp: String) {
        let title = session.title.isEmpty
            ? StyledLine(untitled, role: .dim)
            : StyledLine(session.title, role: .normal)
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
