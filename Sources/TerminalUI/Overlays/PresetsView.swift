import ChatCore
import StreamProtocol

/// The presets overlay: saved names with the chosen one highlighted and what it sets, the name
/// being typed while saving, and the last refusal (an empty name) in the error role.
enum PresetsView {
    static let maximumListRows = 10

    /// `current` is what "save" would store, summarised while the user types its name.
    static func draw(
        into grid: inout CellGrid, area: Rect, picker: PresetPicker, presets: [Preset], current: SessionParameters,
        keymap: Keymap = .defaults
    ) {
        let width = min(area.width, 56)
        // With no presets the list's place says how to make one, wrapped to the box (one line
        // cut it off mid-sentence), naming the save key as the keymap has it.
        let emptyNote = presets.isEmpty && picker.naming == nil
            ? Array(TextWrapper.wrap(
                "No presets yet: \(keymap.displayKey(for: .savePreset, in: [.presets])) saves the current parameters under a name.",
                width: max(1, width - 4), role: .overlayDim).prefix(3))  // the frame's inner width
            : []
        let listRows = emptyNote.isEmpty ? min(max(presets.count, 1), maximumListRows) : emptyNote.count
        let selected = presets.isEmpty ? nil : min(max(0, picker.selection.index), presets.count - 1)
        let errorRows = picker.error == nil ? 0 : 2
        let summaryRows = emptyNote.isEmpty ? 1 : 0
        let height = 2 + listRows + summaryRows + (picker.naming == nil ? 0 : 1) + errorRows + 1
        guard let inner = OverlayFrame.draw(into: &grid, area: area, width: width, height: height, title: "Presets") else { return }

        // From the bottom up: hint, error, naming prompt, summary; the list gets the rest.
        var bottom = inner.maxY - 1
        grid.draw(KeyHintLine.make(hints(naming: picker.naming != nil, empty: presets.isEmpty, keymap: keymap), role: .overlayDim, width: inner.width),
                  x: inner.x, y: bottom, clip: inner)
        if let error = picker.error, bottom > inner.y {
            let lines = Array(TextWrapper.wrap(error, width: inner.width, role: .overlayError).prefix(errorRows))
            bottom -= lines.count
            for (index, line) in lines.enumerated() { grid.draw(line, x: inner.x, y: bottom + index, clip: inner) }
        }
        if let naming = picker.naming, bottom > inner.y {
            bottom -= 1
            let label = StyledLine("Save as: ", role: .overlayDim)
            grid.draw(label, x: inner.x, y: bottom, clip: inner)
            ComposerView.draw(
                into: &grid, rect: Rect(x: inner.x + label.width, y: bottom, width: max(0, inner.width - label.width), height: 1),
                text: naming.text, caret: naming.caret, placeholder: "(type a name)", focused: true)
        }
        if !emptyNote.isEmpty {
            for (index, line) in emptyNote.enumerated() where inner.y + index < bottom {
                grid.draw(line, x: inner.x, y: inner.y + index, clip: inner)
            }
            return
        }
        if bottom > inner.y {
            bottom -= 1
            let summary: String
            if picker.naming != nil {
                summary = "saves " + summaryText(current)
            } else {
                summary = selected.map { summaryText(presets[$0].parameters) } ?? ""
            }
            grid.draw(ValueLine.make(summary, role: .overlayDim, maxWidth: inner.width), x: inner.x, y: bottom, clip: inner)
        }
        let list = Rect(x: inner.x, y: inner.y, width: inner.width, height: bottom - inner.y)
        let rows = presets.map { ValueLine.make($0.name, role: .overlay, maxWidth: inner.width) }
        OverlayFrame.drawList(into: &grid, rect: list, rows: rows, selected: picker.naming == nil ? selected : nil)
    }

    /// "temperature 0.7 · max_tokens 512 · stop ###⏎END": the fields a preset sets, numbers
    /// first (short, and what presets are mostly about), then text, each value cut short (the
    /// line is cut to the box anyway).
    static func summaryText(_ parameters: SessionParameters) -> String {
        func isNumber(_ field: ParameterField) -> Bool {
            switch field.kind {
            case .slider, .integer: return true
            case .text, .multilineText, .list, .json: return false
            }
        }
        let ordered = ParameterField.allCases.filter(isNumber) + ParameterField.allCases.filter { !isNumber($0) }
        let set = ordered.compactMap { field -> String? in
            guard let value = field.text(in: parameters) else { return nil }
            // Bounded: a preset's system prompt may be long.
            var shown = value
            if let cut = value.index(value.startIndex, offsetBy: 20, limitedBy: value.endIndex), cut < value.endIndex {
                shown = String(value[..<cut]) + "…"
            }
            return "\(field.wireName) \(shown)"
        }
        return set.isEmpty ? "sets nothing (every field unset)" : set.joined(separator: " · ")
    }

    static func hints(naming: Bool, empty: Bool, keymap: Keymap) -> [String] {
        let items: [String?]
        if naming {
            items = [keymap.hint(.accept, in: [.presetName], label: "save"), keymap.hint(.close, in: [.presetName], label: "cancel")]
        } else if empty {
            items = [keymap.hint(.savePreset, in: [.presets]), keymap.hint(.close, in: [.presets])]
        } else {
            items = [keymap.hint(.choose, in: [.presets], label: "apply"), keymap.hint(.savePreset, in: [.presets]),
                     keymap.hint(.deletePreset, in: [.presets]), keymap.hint(.close, in: [.presets])]
        }
        return items.compactMap { $0 }
    }
}
