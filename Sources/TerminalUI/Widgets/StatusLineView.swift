/// One piece of the status line's left side (profile, model, stream state, ...).
public struct StatusSegment: Sendable, Equatable {
    public var text: String
    public var role: StyleRole
    public init(_ text: String, role: StyleRole = .statusBar) {
        self.text = text
        self.role = role
    }
}

/// The bottom row: left segments separated by " │ ", key hints on the right, most important
/// first. When the row is too narrow the last hints go first (whole items, never cut), then
/// the left side is cut with "…".
public enum StatusLineView {
    public static func draw(into grid: inout CellGrid, rect: Rect, left: [StatusSegment], right: [String]) {
        let row = rect.row(0)
        guard !row.isEmpty else { return }
        grid.fill(row, role: .statusBar)
        var leftLine = StyledLine([.space(.statusBar)])
        for (index, segment) in left.enumerated() where !segment.text.isEmpty {
            if index > 0 && leftLine.width > 1 { leftLine.append(contentsOf: StyledLine(" │ ", role: .statusBar)) }
            leftLine.append(contentsOf: StyledLine(segment.text, role: segment.role))
        }
        // As many hints as fit beside the whole left side with a gap of at least two columns.
        var hints = KeyHintLine.make(right, role: .statusBar, width: max(0, row.width - leftLine.width - 3))
        if hints.width > 0 { hints.append(.space(.statusBar)) }
        grid.draw(leftLine.truncated(toWidth: row.width - hints.width), x: row.x, y: row.y, clip: row)
        if hints.width > 0 {
            grid.draw(hints, x: row.maxX - hints.width, y: row.y, clip: row)
        }
    }
}
