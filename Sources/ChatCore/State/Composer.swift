/// The multi-line message being typed. The caret is a grapheme offset into `text`.
public struct Composer: Sendable, Equatable {
    public private(set) var text: String
    public private(set) var caret: Int

    public init(text: String = "", caret: Int? = nil) {
        self.text = text
        self.caret = min(max(caret ?? text.count, 0), text.count)
    }

    public var isBlank: Bool { text.allSatisfy { $0.isWhitespace || $0.isNewline } }

    /// Lines of the text split at hard newlines, used for the composer's height.
    public var lineCount: Int { text.reduce(1) { $1 == "\n" ? $0 + 1 : $0 } }

    mutating func insert(_ s: String) {
        // Measure from the end: a combining mark typed after a letter merges with it, so the
        // caret is placed by how much text stays after it, not by counting `s`.
        let suffix = text.count - caret
        text.insert(contentsOf: s, at: index(at: caret))
        caret = max(0, text.count - suffix)
    }

    mutating func deleteBackward() {
        guard caret > 0 else { return }
        let i = index(at: caret - 1)
        text.remove(at: i)
        caret -= 1
    }

    mutating func deleteForward() {
        guard caret < text.count else { return }
        text.remove(at: index(at: caret))
    }

    mutating func moveLeft() { caret = max(0, caret - 1) }
    mutating func moveRight() { caret = min(text.count, caret + 1) }

    /// Start of the caret's line.
    mutating func moveToLineStart() {
        caret = lineStart(ofOffset: caret)
    }

    /// End of the caret's line.
    mutating func moveToLineEnd() {
        var offset = caret
        var i = index(at: caret)
        while i < text.endIndex, text[i] != "\n" {
            i = text.index(after: i)
            offset += 1
        }
        caret = offset
    }

    /// Up/down move between hard lines, keeping the column where the line is long enough.
    /// Returns false when there is no line in that direction (the caller may scroll instead).
    mutating func moveVertically(up: Bool) -> Bool {
        let chars = Array(text)
        let start = lineStart(ofOffset: caret)
        let column = caret - start
        if up {
            guard start > 0 else { return false }
            let prevStart = lineStart(ofOffset: start - 1)
            let prevLength = start - 1 - prevStart
            caret = prevStart + min(column, prevLength)
        } else {
            var end = caret
            while end < chars.count, chars[end] != "\n" { end += 1 }
            guard end < chars.count else { return false }
            let nextStart = end + 1
            var nextEnd = nextStart
            while nextEnd < chars.count, chars[nextEnd] != "\n" { nextEnd += 1 }
            caret = nextStart + min(column, nextEnd - nextStart)
        }
        return true
    }

    mutating func clear() {
        text = ""
        caret = 0
    }

    private func lineStart(ofOffset offset: Int) -> Int {
        var o = offset
        var i = index(at: offset)
        while i > text.startIndex {
            let p = text.index(before: i)
            if text[p] == "\n" { break }
            i = p
            o -= 1
        }
        return o
    }

    private func index(at offset: Int) -> String.Index {
        text.index(text.startIndex, offsetBy: min(max(offset, 0), text.count))
    }
}
