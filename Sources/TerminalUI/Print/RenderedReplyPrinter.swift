/// A streaming reply rendered as Markdown on a plain terminal, as bytes to write: rows of
/// finished blocks are printed once; the block still arriving is redrawn in place (cursor up,
/// clear to the end of the screen) each time the reply grows. Pure: text in, bytes out.
///
/// The redrawn part never exceeds `height - 1` rows (a cursor cannot go above the screen): rows
/// beyond that at its top are printed for good, and a later change to them (a table's columns
/// widening) shows only in the rows still live.
public struct RenderedReplyPrinter: Sendable {
    public let theme: Theme
    private let height: Int
    private var markdown: StreamingMarkdown
    private var text = ""
    /// Rows printed for good (never redrawn).
    private var committedRows = 0
    /// Rows printed after them that the next update redraws.
    private var liveRowsShown = 0
    private var parsed = 0

    public init(width: Int, height: Int, theme: Theme) {
        self.theme = theme
        self.height = max(3, height)
        markdown = StreamingMarkdown(width: max(10, width), role: .assistantText)
    }

    /// Bytes that bring the terminal up to date with the reply grown by `piece`.
    public mutating func append(_ piece: String) -> String {
        guard !piece.isEmpty else { return "" }
        text += piece
        return redraw(final: false)
    }

    /// The last bytes: the live rows redrawn as final, each row ending its line.
    public mutating func finish() -> String {
        redraw(final: true)
    }

    private mutating func redraw(final: Bool) -> String {
        let rows = markdown.rows(for: text, parsedUTF8Count: &parsed)
        var stable = final ? rows.count : min(rows.count, markdown.stableRowCount)
        // Keep what is redrawn within the screen.
        stable = max(stable, rows.count - (height - 1))
        var out = ""
        if liveRowsShown > 0 {
            out += "\r"
            if liveRowsShown > 1 { out += "\u{1B}[\(liveRowsShown - 1)A" }
            out += "\u{1B}[J"
        }
        let from = min(committedRows, rows.count)
        var printed: [String] = []
        for row in rows[from..<max(from, stable)] { printed.append(ANSIText.line(row, theme: theme)) }
        let live = rows[max(from, stable)...].map { ANSIText.line($0, theme: theme) }
        committedRows = max(committedRows, stable)
        out += printed.map { $0 + "\n" }.joined()
        out += live.joined(separator: "\n")
        liveRowsShown = live.count
        if final { liveRowsShown = 0 }
        return out
    }
}
