/// The one text input: the message box, the field editor, the model filter, the preset name
/// and the palette filter all hold one, and the `text` keymap edits them all the same way
/// (`Reducer+TextInput.swift`). The caret is a grapheme offset into `text`, so a wide
/// character, an emoji with modifiers or a letter with combining marks moves as one.
public struct TextInput: Sendable, Equatable {
    public private(set) var text: String
    public private(set) var caret: Int

    public init(text: String = "", caret: Int? = nil) {
        self.text = text
        self.caret = min(max(caret ?? text.count, 0), text.count)
    }

    public var isBlank: Bool { text.allSatisfy { $0.isWhitespace || $0.isNewline } }

    /// Lines of the text split at hard newlines, used for the composer's height.
    public var lineCount: Int { text.reduce(1) { $1 == "\n" ? $0 + 1 : $0 } }

    /// Whether the caret is on the first (or last) hard line: where ↑ (↓) leave the text.
    public var caretOnFirstLine: Bool { lineStart(ofOffset: caret) == 0 }
    public var caretOnLastLine: Bool { !text[index(at: caret)...].contains("\n") }

    mutating func insert(_ s: String) {
        // Measure from the end: a combining mark typed after a letter merges with it, so the
        // caret is placed by how much text stays after it, not by counting `s`. Two walks of
        // the text (to the caret and past it; then the new length), not four: in a megabyte
        // draft each costs tens of milliseconds.
        let at = index(at: caret)
        let suffix = text[at...].count
        text.insert(contentsOf: s, at: at)
        caret = max(0, text.count - suffix)
    }

    /// Replaces everything (a recalled prompt), the caret at the end or the start.
    mutating func replaceAll(with s: String, caretAtStart: Bool = false) {
        text = s
        caret = caretAtStart ? 0 : s.count
    }

    mutating func deleteBackward() {
        guard caret > 0 else { return }
        _ = delete(from: caret - 1, to: caret)
    }

    mutating func deleteForward() {
        guard caret < text.count else { return }
        _ = delete(from: caret, to: caret + 1)
    }

    mutating func moveLeft() { caret = max(0, caret - 1) }
    mutating func moveRight() { caret = min(text.count, caret + 1) }

    /// Start of the caret's line.
    mutating func moveToLineStart() {
        caret = lineStart(ofOffset: caret)
    }

    /// End of the caret's line.
    mutating func moveToLineEnd() {
        caret = lineEnd(ofOffset: caret)
    }

    /// To the start of the word before the caret (readline's Alt+B): spaces and punctuation
    /// first, then the word.
    mutating func moveWordLeft() { caret = wordStart(before: caret) }

    /// Past the end of the word after the caret (readline's Alt+F).
    mutating func moveWordRight() { caret = wordEnd(after: caret) }

    /// Ctrl+W, Alt+Backspace; returns what was deleted (for yank).
    mutating func deleteWordBackward() -> String { delete(from: wordStart(before: caret), to: caret) }

    /// Alt+D.
    mutating func deleteWordForward() -> String { delete(from: caret, to: wordEnd(after: caret)) }

    /// Ctrl+U: from the start of the line to the caret.
    mutating func deleteToLineStart() -> String { delete(from: lineStart(ofOffset: caret), to: caret) }

    /// Ctrl+K: from the caret to the end of the line.
    mutating func deleteToLineEnd() -> String { delete(from: caret, to: lineEnd(ofOffset: caret)) }

    /// Up/down move between hard lines, keeping the column where the line is long enough.
    /// Returns false when there is no line in that direction (the caller may scroll instead).
    mutating func moveVertically(up: Bool) -> Bool {
        let start = lineStart(ofOffset: caret)
        let column = caret - start
        if up {
            guard start > 0 else { return false }
            let previousStart = lineStart(ofOffset: start - 1)
            caret = previousStart + min(column, start - 1 - previousStart)
        } else {
            let end = lineEnd(ofOffset: caret)
            guard end < text.count else { return false }
            let nextStart = end + 1
            caret = nextStart + min(column, lineEnd(ofOffset: nextStart) - nextStart)
        }
        return true
    }

    mutating func clear() {
        text = ""
        caret = 0
    }

    /// Removes offsets `start..<end`, leaves the caret at `start`, returns the removed text.
    private mutating func delete(from start: Int, to end: Int) -> String {
        guard start < end else { return "" }
        let range = index(at: start)..<index(at: end)
        let removed = String(text[range])
        text.removeSubrange(range)
        caret = start
        return removed
    }

    private func isWordCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }

    private func wordStart(before offset: Int) -> Int {
        let characters = Array(text)
        var o = min(offset, characters.count)
        while o > 0, !isWordCharacter(characters[o - 1]) { o -= 1 }
        while o > 0, isWordCharacter(characters[o - 1]) { o -= 1 }
        return o
    }

    private func wordEnd(after offset: Int) -> Int {
        let characters = Array(text)
        var o = max(0, offset)
        while o < characters.count, !isWordCharacter(characters[o]) { o += 1 }
        while o < characters.count, isWordCharacter(characters[o]) { o += 1 }
        return o
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

    private func lineEnd(ofOffset offset: Int) -> Int {
        var o = offset
        var i = index(at: offset)
        while i < text.endIndex, text[i] != "\n" {
            i = text.index(after: i)
            o += 1
        }
        return o
    }

    private func index(at offset: Int) -> String.Index {
        text.index(text.startIndex, offsetBy: max(offset, 0), limitedBy: text.endIndex) ?? text.endIndex
    }
}
