import ChatCore

/// The compare setup (Ctrl+G): the prompt, the sweep line being typed, and the columns it
/// makes now (each with only what sets it apart from the first), or why it makes none.
enum CompareSetupView {
    static func draw(into grid: inout CellGrid, rect: Rect, model: CompareSetupModel) {
        grid.fill(rect, role: .normal)
        grid.box(rect, title: "Compare: one prompt, several parameter sets", focused: true)
        let inner = rect.inset(by: 1)
        guard inner.width > 10, inner.height > 3 else { return }
        var y = inner.y
        func line(_ text: StyledLine) {
            guard y < inner.maxY else { return }
            grid.draw(text.truncated(toWidth: inner.width - 2), x: inner.x + 1, y: y, clip: inner)
            y += 1
        }
        var prompt = StyledLine("Prompt  ", role: .title)
        prompt.append(contentsOf: StyledLine(model.promptFirstLine, role: .userText))
        if model.morePromptLines > 0 { prompt.append(contentsOf: StyledLine("  (+\(model.morePromptLines) lines)", role: .dim)) }
        line(prompt)
        y += 1

        // The sweep line, with the caret where the next key types.
        let label = StyledLine("Sweep   ", role: .title)
        let room = max(1, inner.width - 2 - label.width)
        let text = model.sweep.text
        let beforeCaret = StyledLine(String(text.prefix(model.sweep.caret)), role: .normal)
        // A line longer than the room shows its end, where the caret usually is.
        let shift = max(0, beforeCaret.width - room + 1)
        var sweep = label
        let shown = StyledLine(text, role: .normal)
        sweep.append(contentsOf: StyledLine(Array(shown.glyphs.dropFirst(shift))))
        let sweepY = y
        line(sweep)
        grid.cursor = (inner.x + 1 + label.width + min(room - 1, beforeCaret.width - shift), sweepY)

        switch model.plan {
        case let .problem(message):
            line(StyledLine("        " + message, role: .errorText))
            y += 1
        case let .columns(labels):
            let what = labels.count < 2
                ? "\(labels.count) column: give a field several values, or start with | to keep the parameters as set beside"
                : "\(labels.count) columns · \(model.acceptKey) sends them all at once · \(model.closeKey) closes"
            line(StyledLine("        " + what, role: .dim))
            y += 1
            for (index, label) in labels.enumerated() {
                var row = StyledLine(" \(index + 1)  ", role: .title)
                row.append(contentsOf: StyledLine(label, role: .valueSet))
                line(row)
            }
        }
        y += 1
        for help in helpLines {
            line(StyledLine(help, role: .dim))
        }
        let fields = "Fields: " + CompareSweep.fieldNames.joined(separator: " ")
        for row in TextWrapper.wrap(fields, width: max(1, inner.width - 2), role: .dim) { line(row) }
    }

    static let helpLines = [
        "temperature=0.2,0.8,1.4        a column per value",
        "top_p=0.3,1 max_tokens=64      two columns, both with max_tokens 64",
        "preset=terse,creative          a column per saved preset",
        "| temperature=1.4              the parameters as set, and beside them temperature 1.4",
        "\"...\" quotes a value with spaces or commas · unset (or nothing) unsets · stop items split by ;",
    ]
}
