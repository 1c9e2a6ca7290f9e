import ChatCore

/// The model picker: what the user typed (the filter, and the model name itself when nothing
/// is listed), the listing's state, the matching models with the chosen one highlighted and the
/// model the session uses now marked "●".
enum ModelPickerView {
    static let maximumListRows = 12

    static func draw(into grid: inout CellGrid, area: Rect, picker: ModelPicker, currentModel: String?, keymap: Keymap = .defaults) {
        let matches = picker.matches
        let longest = matches.prefix(200).map { StyledLine($0, role: .overlay).width }.max() ?? 0
        let width = min(area.width, max(44, min(72, longest + 8)))
        let status = statusLines(picker, matches: matches, keymap: keymap).flatMap { text, role in
            TextWrapper.wrap(text, width: max(1, width - 4), role: role).prefix(2)
        }
        let listRows = min(max(matches.count, 1), maximumListRows)
        let height = 2 + 1 + status.count + listRows + 1
        guard let inner = OverlayFrame.draw(into: &grid, area: area, width: width, height: height, title: "Model") else { return }

        var y = inner.y
        let label = StyledLine("› ", role: .overlayDim)
        grid.draw(label, x: inner.x, y: y, clip: inner)
        let field = Rect(x: inner.x + label.width, y: y, width: max(0, inner.width - label.width), height: 1)
        // The caret stays in the filter: typing goes there whatever is highlighted.
        ComposerView.draw(
            into: &grid, rect: field, text: picker.filter.text, caret: picker.filter.caret,
            placeholder: "type a name or a filter", focused: true)
        y += 1
        for line in status {
            guard y < inner.maxY - 1 else { break }
            grid.draw(line, x: inner.x, y: y, clip: inner)
            y += 1
        }
        let hintY = inner.maxY - 1
        let list = Rect(x: inner.x, y: y, width: inner.width, height: max(0, hintY - y))
        let rows = matches.map { name -> StyledLine in
            let isCurrent = name == currentModel
            return StyledLine(isCurrent ? "● " : "  ", role: .overlay) + ValueLine.make(name, role: .overlay, maxWidth: inner.width)
        }
        OverlayFrame.drawList(into: &grid, rect: list, rows: rows, selected: matches.isEmpty ? nil : min(picker.selection.index, matches.count - 1))
        grid.draw(KeyHintLine.make(hints(matches: matches, keymap: keymap), role: .overlayDim, width: inner.width), x: inner.x, y: hintY, clip: inner)
    }

    /// A sentence or two on what the list shows, or why there is none and what Enter does then.
    static func statusLines(_ picker: ModelPicker, matches: [String], keymap: Keymap) -> [(String, StyleRole)] {
        let typed = picker.filter.text
        let enter = keymap.displayKey(for: .choose, in: [.modelPicker])
        switch picker.listing {
        case .loading:
            return [("Loading models… \(enter) takes the typed name.", .overlayDim)]
        case let .failed(problem):
            return [("Could not list models: " + problem, .overlayError), ("Type a model name; \(enter) takes it.", .overlayDim)]
        case let .loaded(models):
            if models.isEmpty { return [("The server listed no models. Type a name; \(enter) takes it.", .overlayDim)] }
            if matches.isEmpty { return [("No match: \(enter) takes \"\(typed)\" as the name.", .overlayDim)] }
            return [(typed.isEmpty ? "\(models.count) models" : "\(matches.count) of \(models.count) models", .overlayDim)]
        }
    }

    static func hints(matches: [String], keymap: Keymap) -> [String] {
        let here: [KeyContext] = [.modelPicker, .text]
        let items = matches.isEmpty
            ? [keymap.hint(.choose, in: here, label: "take typed name"), keymap.hint(.close, in: here),
               keymap.hint(.deleteToLineStart, in: here)]
            : [keymap.hint(.selectPrevious, .selectNext, in: here), keymap.hint(.choose, in: here, label: "take"),
               keymap.hint(.close, in: here), keymap.hint(.deleteToLineStart, in: here)]
        return items.compactMap { $0 }
    }
}
