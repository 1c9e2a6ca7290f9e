import ChatCore

/// The command palette: the filter being typed, then every matching command with its keys (or
/// "—"), where it acts and what it does, the selected one highlighted.
enum PaletteView {
    static let maximumListRows = 14

    static func draw(into grid: inout CellGrid, area: Rect, model: PaletteModel) {
        let entries = model.entries
        let width = min(area.width, 76)
        let listRows = min(max(entries.count, 1), maximumListRows)
        let height = 2 + 1 + listRows + 1
        guard let inner = OverlayFrame.draw(into: &grid, area: area, width: width, height: height, title: "Commands") else { return }

        let label = StyledLine("› ", role: .overlayDim)
        grid.draw(label, x: inner.x, y: inner.y, clip: inner)
        let field = Rect(x: inner.x + label.width, y: inner.y, width: max(0, inner.width - label.width), height: 1)
        ComposerView.draw(
            into: &grid, rect: field, text: model.filter.text, caret: model.filter.caret,
            placeholder: "type to filter \(entries.count) commands", focused: true)

        let hintY = inner.maxY - 1
        let list = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: max(0, hintY - inner.y - 1))
        let nameWidth = min(24, entries.map { $0.command.rawValue.count }.max() ?? 0)
        let keyWidth = min(16, entries.map { StyledLine(keysText($0.keys), role: .overlay).width }.max() ?? 0)
        let placeWidth = min(12, entries.map { $0.placeName.count }.max() ?? 0)
        let rows = entries.map { entry -> StyledLine in
            let name = StyledLine(entry.command.rawValue, role: .overlay).truncated(toWidth: nameWidth)
            let keys = StyledLine(keysText(entry.keys), role: .statusAccent).truncated(toWidth: keyWidth)
            // Where it acts: a command of another pane moves the focus there when it runs.
            let place = StyledLine(entry.placeName, role: .overlayDim).truncated(toWidth: placeWidth)
            return name + .spaces(nameWidth - name.width + 2, role: .overlay)
                + keys + .spaces(keyWidth - keys.width + 2, role: .overlay)
                + place + .spaces(placeWidth - place.width + 2, role: .overlay)
                + StyledLine(entry.command.summary, role: .overlayDim)
        }
        if rows.isEmpty {
            grid.draw(StyledLine("No command matches.", role: .overlayDim), x: list.x, y: list.y, clip: list)
        }
        OverlayFrame.drawList(into: &grid, rect: list, rows: rows, selected: model.selected)
        grid.draw(KeyHintLine.make(model.hints, role: .overlayDim, width: inner.width), x: inner.x, y: hintY, clip: inner)
    }

    /// The first two keys: enough to learn the binding, short enough for the column.
    static func keysText(_ keys: [Key]) -> String {
        keys.isEmpty ? "—" : keys.prefix(2).map(KeyName.display).joined(separator: ", ")
    }
}
