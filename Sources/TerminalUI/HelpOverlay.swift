/// A key binding as the help overlay lists it.
public struct KeyBinding: Sendable, Equatable {
    public var keys: String
    public var description: String
    public init(_ keys: String, _ description: String) {
        self.keys = keys
        self.description = description
    }
}

/// The help overlay: a focused box centred in `area`, keys in a left column, descriptions
/// after them; rows that do not fit are cut.
public enum HelpOverlay {
    public static func draw(into grid: inout CellGrid, area: Rect, title: String = "Help", bindings: [KeyBinding]) {
        let keyLines = bindings.map { StyledLine($0.keys, role: .statusAccent) }
        let descriptionLines = bindings.map { StyledLine($0.description, role: .overlay) }
        let keyColumn = keyLines.map(\.width).max() ?? 0
        let descriptionColumn = descriptionLines.map(\.width).max() ?? 0
        // Border + one column of padding each side, and two columns between keys and text.
        let boxWidth = max(keyColumn + 2 + descriptionColumn + 4, StyledLine(title, role: .title).width + 8)
        let box = area.centered(width: boxWidth, height: bindings.count + 2)
        guard box.width >= 4, box.height >= 2 else { return }
        grid.fill(box, role: .overlay)
        grid.box(box, title: title, focused: true)
        let inner = Rect(x: box.x + 2, y: box.y + 1, width: box.width - 4, height: box.height - 2)
        let keyWidth = min(keyColumn, max(0, inner.width / 2))
        for index in 0..<min(bindings.count, inner.height) {
            let y = inner.y + index
            grid.draw(keyLines[index].truncated(toWidth: keyWidth), x: inner.x, y: y, clip: inner)
            let textX = inner.x + keyWidth + 2
            let room = inner.maxX - textX
            grid.draw(descriptionLines[index].truncated(toWidth: room), x: textX, y: y, clip: inner)
        }
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
