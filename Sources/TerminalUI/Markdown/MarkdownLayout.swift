import MarkdownParsing

/// Markdown blocks as rows of glyphs at a width: headings, paragraphs, lists (nested, task
/// items), block quotes, rules, code blocks and tables. Pure: the same blocks at the same width
/// give the same rows, which is what lets finished blocks be laid out once and cached.
public enum MarkdownLayout {
    /// Numbers code blocks through a message (the copy key of a later issue names them).
    public struct Numbering: Sendable, Equatable {
        public var nextCodeBlock = 1
        public init() {}
    }

    /// The rows of `blocks`, a blank row between each two.
    public static func rows(_ blocks: [MarkdownBlock], width: Int, role: StyleRole, numbering: inout Numbering) -> [StyledLine] {
        var rows: [StyledLine] = []
        for (index, block) in blocks.enumerated() {
            if index > 0 { rows.append(StyledLine()) }
            rows.append(contentsOf: self.rows(block, width: width, role: role, numbering: &numbering))
        }
        return rows
    }

    /// The rows of one block.
    public static func rows(_ block: MarkdownBlock, width: Int, role: StyleRole, numbering: inout Numbering) -> [StyledLine] {
        let width = max(1, width)
        switch block {
        case .paragraph(let runs):
            return InlineLayout.wrap(runs, width: width, role: role)
        case .heading(let level, let runs):
            let marker = InlineRun(String(repeating: "#", count: min(6, max(1, level))) + " ")
            var rows = InlineLayout.wrap([marker] + runs, width: width, role: .heading, attributes: level == 1 ? [.bold, .underline] : .bold)
            // The marker is a hint, not the heading: quieter than its text.
            if !rows.isEmpty {
                for index in 0..<min(marker.text.count, rows[0].glyphs.count) { rows[0].glyphs[index].attributes = .dim }
            }
            return rows
        case .codeBlock(let code):
            let number = numbering.nextCodeBlock
            numbering.nextCodeBlock += 1
            return CodeBlockLayout.rows(code, number: number, width: width)
        case .quote(let blocks):
            let bar = StyledLine("│ ", role: .quote)
            let inner = rows(blocks, width: width - bar.width, role: .quote, numbering: &numbering)
            return inner.map { prefixed($0, with: bar) }
        case .list(let list):
            return listRows(list, width: width, role: role, depth: 0, numbering: &numbering)
        case .table(let table):
            return TableLayout.rows(table, width: width, role: role)
        case .thematicBreak:
            return [StyledLine(String(repeating: "─", count: width), role: .tableBorder)]
        case .html(let html):
            return TextWrapper.wrap(html, width: width, role: .dim)
        }
    }

    static let bullets = ["•", "◦", "▪"]

    private static func listRows(_ list: MarkdownList, width: Int, role: StyleRole, depth: Int, numbering: inout Numbering) -> [StyledLine] {
        let lastNumber = list.start + max(0, list.items.count - 1)
        let numberWidth = String(lastNumber).count
        var rows: [StyledLine] = []
        for (index, item) in list.items.enumerated() {
            if index > 0, !list.tight { rows.append(StyledLine()) }
            var marker: String
            if list.ordered {
                let number = String(list.start + index)
                marker = String(repeating: " ", count: numberWidth - number.count) + number + ". "
            } else {
                marker = bullets[depth % bullets.count] + " "
            }
            if let checked = item.task { marker += checked ? "[x] " : "[ ] " }
            let markerLine = StyledLine(marker, role: .listMarker)
            let indent = StyledLine(String(repeating: " ", count: markerLine.width), role: role)
            let innerWidth = max(1, width - markerLine.width)
            var inner: [StyledLine] = []
            for (blockIndex, block) in item.blocks.enumerated() {
                if blockIndex > 0, !list.tight { inner.append(StyledLine()) }
                if case .list(let nested) = block {
                    inner.append(contentsOf: listRows(nested, width: innerWidth, role: role, depth: depth + 1, numbering: &numbering))
                } else {
                    inner.append(contentsOf: Self.rows(block, width: innerWidth, role: role, numbering: &numbering))
                }
            }
            if inner.isEmpty { inner = [StyledLine()] }
            for (rowIndex, row) in inner.enumerated() {
                rows.append(prefixed(row, with: rowIndex == 0 ? markerLine : indent))
            }
        }
        return rows
    }

    /// `row` behind `prefix`. An empty row stays empty (no trailing marker-only rows of spaces).
    private static func prefixed(_ row: StyledLine, with prefix: StyledLine) -> StyledLine {
        if row.glyphs.isEmpty, prefix.glyphs.allSatisfy(\.isSpace) { return row }
        var line = prefix
        line.append(contentsOf: row)
        return line
    }
}
