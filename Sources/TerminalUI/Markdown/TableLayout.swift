import MarkdownParsing

/// A GFM table laid out to the pane: columns as wide as their widest cell, aligned as the
/// delimiter row asks, the header in bold under a rule. A table wider than the pane is shown
/// one record per row ("Model: beta · Tokens: 65536") instead of cells wrapped into mush.
enum TableLayout {
    static let separator = " │ "

    static func rows(_ table: MarkdownTable, width: Int, role: StyleRole) -> [StyledLine] {
        let columns = max(table.header.count, table.rows.map(\.count).max() ?? 0)
        guard columns > 0 else { return [] }
        let header = (0..<columns).map { cellLine(table.header, $0, role: role, attributes: .bold) }
        let body = table.rows.map { row in (0..<columns).map { cellLine(row, $0, role: role, attributes: []) } }
        var widths = header.map(\.width)
        for row in body {
            for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.width) }
        }
        let total = widths.reduce(0, +) + separator.count * (columns - 1)
        guard total <= width else { return records(header: header, body: body, width: width, role: role) }
        let alignments = (0..<columns).map { $0 < table.alignments.count ? table.alignments[$0] : .none }
        var rows = [joined(header, widths: widths, alignments: alignments)]
        rows.append(rule(widths: widths))
        rows.append(contentsOf: body.map { joined($0, widths: widths, alignments: alignments) })
        return rows
    }

    private static func cellLine(_ cells: [[InlineRun]], _ column: Int, role: StyleRole, attributes: TextAttributes) -> StyledLine {
        column < cells.count ? InlineLayout.singleLine(cells[column], role: role, attributes: attributes) : StyledLine()
    }

    private static func joined(_ cells: [StyledLine], widths: [Int], alignments: [ColumnAlignment]) -> StyledLine {
        var row = StyledLine()
        for (column, cell) in cells.enumerated() {
            if column > 0 { row.append(contentsOf: StyledLine(separator, role: .tableBorder)) }
            let room = widths[column] - cell.width
            let before: Int
            switch alignments[column] {
            case .right: before = room
            case .center: before = room / 2
            case .left, .none: before = 0
            }
            for _ in 0..<before { row.append(.space(.normal)) }
            row.append(contentsOf: cell)
            // Trailing padding only where another column follows.
            if column < cells.count - 1 {
                for _ in 0..<(room - before) { row.append(.space(.normal)) }
            }
        }
        return row
    }

    private static func rule(widths: [Int]) -> StyledLine {
        let text = widths.map { String(repeating: "─", count: $0) }.joined(separator: "─┼─")
        return StyledLine(text, role: .tableBorder)
    }

    /// Each body row as "Header: value · Header: value", wrapped; the header row alone when
    /// there is no body.
    private static func records(header: [StyledLine], body: [[StyledLine]], width: Int, role: StyleRole) -> [StyledLine] {
        guard !body.isEmpty else { return wrap(record(header.map { ($0, nil) }), width: width) }
        var rows: [StyledLine] = []
        for cells in body {
            let pairs = cells.enumerated().map { (header.indices.contains($0.offset) ? header[$0.offset] : StyledLine(), Optional($0.element)) }
            rows.append(contentsOf: wrap(record(pairs), width: width))
        }
        return rows
    }

    private static func record(_ pairs: [(StyledLine, StyledLine?)]) -> [Glyph] {
        var glyphs: [Glyph] = []
        for (index, pair) in pairs.enumerated() {
            if index > 0 { glyphs.append(contentsOf: StyledLine(" · ", role: .tableBorder).glyphs) }
            glyphs.append(contentsOf: pair.0.glyphs)
            if let value = pair.1 {
                if pair.0.width > 0 { glyphs.append(contentsOf: StyledLine(": ", role: .tableBorder).glyphs) }
                glyphs.append(contentsOf: value.glyphs)
            }
        }
        return glyphs
    }

    private static func wrap(_ glyphs: [Glyph], width: Int) -> [StyledLine] {
        var breaker = LineBreaker(width: width)
        for glyph in glyphs { breaker.feed(.glyph(glyph)) }
        return breaker.finish()
    }
}
