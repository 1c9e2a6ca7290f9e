/// Plain text wrapped as it grows: the rows of its complete lines are kept, so each call wraps
/// only what follows the last line end. A line end resets every wrapping state (column, tab
/// stops, break opportunities) and always ends a grapheme, so what precedes it wraps the same
/// however the text continues.
struct GrowingWrap: Sendable {
    let width: Int
    let role: StyleRole
    /// UTF-8 length of the text through its last "\n" (0: no complete line yet).
    private(set) var stableLength = 0
    private(set) var stableRows: [StyledLine] = []

    init(width: Int, role: StyleRole) {
        self.width = width
        self.role = role
    }

    /// The rows of `text`, which should extend the text of the last call (anything else is
    /// wrapped from the start). `wrappedUTF8Count` grows by the bytes wrapped here.
    mutating func rows(for text: String, wrappedUTF8Count: inout Int) -> [StyledLine] {
        let utf8 = text.utf8
        var start = utf8.startIndex
        if stableLength > 0, stableLength <= utf8.count,
           let lineEnd = utf8.index(utf8.startIndex, offsetBy: stableLength - 1, limitedBy: utf8.endIndex),
           utf8[lineEnd] == 0x0A {
            start = utf8.index(after: lineEnd)
        } else {
            stableLength = 0
            stableRows = []
        }
        let tail = text[start...]
        var remainderStart = tail.startIndex
        // Wrap the tail's complete lines (through its last "\n") into the kept rows, then the
        // unfinished last line on its own: together exactly the rows of the whole.
        if let lastNewline = tail.utf8.lastIndex(of: 0x0A) {
            var completeEnd = lastNewline
            if completeEnd > tail.startIndex {
                let before = tail.utf8.index(before: completeEnd)
                if tail.utf8[before] == 0x0D { completeEnd = before }  // "\r\n" is one line end
            }
            let complete = String(tail[tail.startIndex..<completeEnd])
            wrappedUTF8Count += complete.utf8.count
            stableRows.append(contentsOf: TextWrapper.wrap(complete, width: width, role: role))
            remainderStart = tail.utf8.index(after: lastNewline)
            stableLength += tail.utf8.distance(from: tail.startIndex, to: remainderStart)
        }
        let remainder = String(tail[remainderStart...])
        wrappedUTF8Count += remainder.utf8.count
        return stableRows + TextWrapper.wrap(remainder, width: width, role: role)
    }
}
