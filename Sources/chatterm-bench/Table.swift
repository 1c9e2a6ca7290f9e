/// A plain-text table with right-aligned numeric columns, printed to stdout.
struct Table {
    var title: String
    var headers: [String]
    var rows: [[String]] = []
    var notes: [String] = []

    init(_ title: String, headers: [String]) {
        self.title = title
        self.headers = headers
    }

    mutating func add(_ row: [String]) {
        rows.append(row)
    }

    /// The table as text; also usable as a Markdown table (`markdown: true`) for the docs.
    func render(markdown: Bool = false) -> String {
        let columns = headers.count
        var widths = headers.map { $0.count }
        for row in rows {
            for (index, cell) in row.prefix(columns).enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            let padded = (0..<columns).map { index -> String in
                let cell = index < cells.count ? cells[index] : ""
                let pad = String(repeating: " ", count: widths[index] - cell.count)
                // The first column is a label (left-aligned); the rest are figures.
                return index == 0 ? cell + pad : pad + cell
            }
            return markdown ? "| " + padded.joined(separator: " | ") + " |" : padded.joined(separator: "  ")
        }
        var out = markdown ? "### \(title)\n\n" : "== \(title) ==\n"
        out += line(headers) + "\n"
        if markdown {
            out += "|" + widths.enumerated().map { $0.offset == 0 ? String(repeating: "-", count: $0.element + 2) : String(repeating: "-", count: $0.element + 1) + ":" }.joined(separator: "|") + "|\n"
        } else {
            out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        }
        for row in rows { out += line(row) + "\n" }
        if markdown && !notes.isEmpty { out += "\n" }
        for note in notes { out += (markdown ? "- " : "") + note + "\n" }
        return out
    }
}
