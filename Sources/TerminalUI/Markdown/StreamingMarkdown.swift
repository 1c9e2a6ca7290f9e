import MarkdownParsing

/// A growing reply's Markdown laid out as it streams, re-parsing only its last top-level block.
///
/// cmark-gfm closes a top-level block for good once a later complete line starts another, so
/// of the blocks parsed from the text after the cached part, those before the last block that
/// starts on a complete line are final: they are laid out once (per width) and kept as rows,
/// and the next parse starts where that block begins. (A partial last line cannot finalize
/// anything: "|" may still become "| a |", a row of the table above it.)
/// A frame thus parses and lays out one block, however long the reply. (Link reference
/// definitions in a finished block do not reach later ones; models rarely write them.)
public struct StreamingMarkdown: Sendable {
    public let width: Int
    let role: StyleRole
    /// UTF-8 length of the text whose blocks are final (the start of the live block).
    public private(set) var stableLength = 0
    private(set) var stableRows: [StyledLine] = []
    /// Rows of the blocks that are final: the rows before them never change.
    public var stableRowCount: Int { stableRows.count }
    private var stableBlockCount = 0
    private var numbering = MarkdownLayout.Numbering()

    public init(width: Int, role: StyleRole) {
        self.width = max(1, width)
        self.role = role
    }

    /// The rows of `text`, which must extend the text of every earlier call (a streaming reply
    /// only grows); what became final since is cached.
    public mutating func rows(for text: String, parsedUTF8Count: inout Int) -> [StyledLine] {
        let utf8 = text.utf8
        guard stableLength <= utf8.count else { return Self.render(text, width: width, role: role) }
        let tailStart = utf8.index(utf8.startIndex, offsetBy: stableLength)
        let tail = Substring(text[tailStart...])
        parsedUTF8Count += tail.utf8.count
        let blocks = MarkdownParser.parse(String(tail))
        // Lines are counted by "\n" below; a lone "\r" (which cmark also ends lines at) makes
        // that count unreliable, so such text is never split.
        if blocks.count > 1, !tail.utf8.contains(0x0D) {
            var lineStarts = [0]
            var offset = 0
            for byte in tail.utf8 {
                offset += 1
                if byte == 0x0A { lineStarts.append(offset) }
            }
            // A block is final once the next one starts on a complete line: a partial last
            // line can still turn into a continuation ("|" becomes a table row).
            let completeLines = lineStarts.count - 1
            if let firstLive = blocks.indices.dropFirst().last(where: { blocks[$0].startLine <= completeLines }),
               blocks[firstLive].startLine >= 1 {
                for block in blocks[..<firstLive] { appendStable(block.block) }
                stableLength += lineStarts[blocks[firstLive].startLine - 1]
                return stableRows + liveRows(Array(blocks[firstLive...]))
            }
        }
        return stableRows + liveRows(blocks)
    }

    /// The rows of the blocks not (yet) final, after the cached ones.
    private func liveRows(_ blocks: [TopLevelBlock]) -> [StyledLine] {
        var numbering = self.numbering
        var rows: [StyledLine] = []
        for (index, block) in blocks.enumerated() {
            if stableBlockCount > 0 || index > 0 { rows.append(StyledLine()) }
            rows.append(contentsOf: MarkdownLayout.rows(block.block, width: width, role: role, numbering: &numbering))
        }
        return rows
    }

    private mutating func appendStable(_ block: MarkdownBlock) {
        if stableBlockCount > 0 { stableRows.append(StyledLine()) }
        stableRows.append(contentsOf: MarkdownLayout.rows(block, width: width, role: role, numbering: &numbering))
        stableBlockCount += 1
    }

    /// A whole text at once: what the streamed rows must equal when the text is complete.
    public static func render(_ text: String, width: Int, role: StyleRole) -> [StyledLine] {
        var numbering = MarkdownLayout.Numbering()
        return MarkdownLayout.rows(MarkdownParser.blocks(text), width: max(1, width), role: role, numbering: &numbering)
    }
}
