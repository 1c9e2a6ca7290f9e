import ChatCore

/// The conversation search on screen: matches marked in the rows drawn (case-insensitive, on
/// the text as shown, so a match a wrap breaks in two is not marked), and the search line over
/// the pane's bottom border.
enum SearchHighlight {
    /// Marks every occurrence of `needle` in the rows of `rect`.
    static func mark(_ needle: String, in grid: inout CellGrid, rect: Rect) {
        let wanted = needle.lowercased().map(String.init)
        guard !wanted.isEmpty else { return }
        for y in rect.y..<rect.maxY {
            // The row's graphemes and the column each starts at (continuation cells skipped).
            var cells: [(text: String, x: Int)] = []
            for x in rect.x..<rect.maxX where grid[x, y].width > 0 {
                cells.append((grid[x, y].text.lowercased(), x))
            }
            guard cells.count >= wanted.count else { continue }
            var start = 0
            while start + wanted.count <= cells.count {
                var matches = true
                for offset in 0..<wanted.count where cells[start + offset].text != wanted[offset] {
                    matches = false
                    break
                }
                if matches {
                    for offset in 0..<wanted.count {
                        let x = cells[start + offset].x
                        grid[x, y].role = .searchMatch
                        if grid[x, y].width == 2 { grid[x + 1, y].role = .searchMatch }
                    }
                    start += wanted.count
                } else {
                    start += 1
                }
            }
        }
    }

    /// " /query · 2 of 5 " over the bottom border; the caret in it while it is typed.
    static func drawLine(_ search: ConversationSearch, into grid: inout CellGrid, border: Rect) {
        let count = search.needle == nil ? "" : search.current.map { " · \($0 + 1) of \(search.matchIDs.count)" } ?? " · no match"
        BorderInputLine.draw(label: "/", input: search.query, note: count, editing: search.editing, into: &grid, border: border)
    }
}
