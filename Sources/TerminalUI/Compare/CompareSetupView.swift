import ChatCore

/// The compare setup (Ctrl+G): the prompt, the sweep line being typed, and the columns it
/// makes now (each with only what sets it apart from the first), or why it makes none.
enum CompareSetupView {
    static func draw(into grid: inout CellGrid, rect: Rect, compare: CompareRun, state: AppState) {
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
        let promptLines = compare.prompt.text.split(separator: "\n", omittingEmptySubsequences: false)
        var prompt = StyledLine("Prompt  ", role: .title)
        prompt.append(contentsOf: StyledLine(String(promptLines.first ?? ""), role: .userText))
        if promptLines.count > 1 { prompt.append(contentsOf: StyledLine("  (+\(promptLines.count - 1) lines)", role: .dim)) }
        line(prompt)
        y += 1

        // The sweep line, with the caret where the next key types.
        let label = StyledLine("Sweep   ", role: .title)
        let room = max(1, inner.width - 2 - label.width)
        let text = compare.sweep.text
        let beforeCaret = StyledLine(String(text.prefix(compare.sweep.caret)), role: .normal)
        // A line longer than the room shows its end, where the caret usually is.
        let shift = max(0, beforeCaret.width - room + 1)
        var sweep = label
        let shown = StyledLine(text, role: .normal)
        sweep.append(contentsOf: StyledLine(Array(shown.glyphs.dropFirst(shift))))
        let sweepY = y
        line(sweep)
        grid.cursor = (inner.x + 1 + label.width + min(room - 1, beforeCaret.width - shift), sweepY)

        switch compare.planned(presets: state.presets) {
        case let .failure(problem):
            line(StyledLine("        " + problem.message, role: .errorText))
            y += 1
        case let .success(columns):
            let keys = state.keymap
            let what = columns.count < 2
                ? "\(columns.count) column: give a field several values, or start with | to keep the parameters as set beside"
                : "\(columns.count) columns · \(keys.displayKey(for: .accept, in: [.compareSetup])) sends them all at once · "
                    + "\(keys.displayKey(for: .close, in: [.compareSetup])) closes"
            line(StyledLine("        " + what, role: .dim))
            y += 1
            for (index, label) in CompareSweep.labels(columns, current: compare.baseParameters).enumerated() {
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
