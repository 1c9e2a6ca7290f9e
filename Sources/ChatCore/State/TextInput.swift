/// The one text input: the message box, the field editor, the model filter, the preset name
/// and the palette filter all hold one, and the `text` keymap edits them all the same way
/// (`Reducer+TextInput.swift`). The caret is a grapheme offset into `text`, so a wide
/// character, an emoji with modifiers or a letter with combining marks moves as one.
public struct TextInput: Sendable, Equatable {
    public private(set) var text: String
    public private(set) var caret: Int
    /// Where `caret` stands in `text`, kept beside the offset: finding it from the offset walks
    /// the text, tens of milliseconds in a megabyte draft, and typing and drawing need it on
    /// every key. Every change of `text` or `caret` sets it.
    public private(set) var caretIndex: String.Index

    /// The most characters a query or a list's filter takes (the conversation's and the
    /// sessions' search, the palette's and the model picker's filter, a preset's name):
    /// matching reads the whole query on every key, so a pasted megabyte froze the screen for
    /// seconds a key. The message box and the field editor take any length.
    public static let queryCharacterLimit = 1_000

    public init(text: String = "", caret: Int? = nil) {
        self.text = text
        self.caret = 0
        self.caretIndex = text.startIndex
        moveCaret(to: min(max(caret ?? text.count, 0), text.count))
    }

    /// Equal text and caret (the index follows from them).
    public static func == (a: TextInput, b: TextInput) -> Bool { a.text == b.text && a.caret == b.caret }

    public var isBlank: Bool { text.allSatisfy { $0.isWhitespace || $0.isNewline } }

    /// Lines of the text split at hard newlines, used for the composer's height.
    public var lineCount: Int { text.reduce(1) { $1 == "\n" ? $0 + 1 : $0 } }

    /// Whether the caret is on the first (or last) hard line: where ↑ (↓) leave the text.
    public var caretOnFirstLine: Bool { lineStart(ofOffset: caret) == 0 }
    public var caretOnLastLine: Bool { !text[index(at: caret)...].contains("\n") }

    mutating func insert(_ s: String) {
        // Only the grapheme before the caret can join what is typed (a combining mark merges
        // with the letter before it; a second flag letter pairs with the first), so counting
        // from its start is exact, and typing costs the length of `s`, not of the text.
        let at = caretIndex
        let hasBefore = at > text.startIndex
        let before = hasBefore ? text.index(before: at) : at
        let beforeOffset = text.utf8.distance(from: text.startIndex, to: before)
        let insertedEnd = text.utf8.distance(from: text.startIndex, to: at) + s.utf8.count
        text.insert(contentsOf: s, at: at)
        var index = text.utf8.index(text.startIndex, offsetBy: beforeOffset)
        let end = text.utf8.index(text.startIndex, offsetBy: insertedEnd)
        var offset = caret - (hasBefore ? 1 : 0)
        // To the last grapheme boundary at or before the end of the inserted text: when what
        // was typed joins the grapheme after it, the caret stays before that grapheme.
        while index < text.endIndex {
            let next = text.index(after: index)
            if next > end { break }
            index = next
            offset += 1
        }
        caret = offset
        caretIndex = index
    }

    /// `insert`, keeping the text within `limit` characters (nil: no limit): what does not
    /// fit is left out. Returns whether something was. Only the characters that fit are read,
    /// so a megabyte offered to a full query costs nothing.
    @discardableResult
    mutating func insert(_ s: String, limit: Int?) -> Bool {
        guard let limit else {
            insert(s)
            return false
        }
        let kept = s.prefix(max(0, limit - text.count))
        insert(String(kept))
        return kept.endIndex < s.endIndex
    }

    /// Replaces everything (a recalled prompt), the caret at the end or the start.
    mutating func replaceAll(with s: String, caretAtStart: Bool = false) {
        text = s
        caret = caretAtStart ? 0 : s.count
        caretIndex = caretAtStart ? text.startIndex : text.endIndex
    }

    mutating func deleteBackward() {
        guard caret > 0 else { return }
        _ = delete(from: caret - 1, to: caret)
    }

    mutating func deleteForward() {
        guard caret < text.count else { return }
        _ = delete(from: caret, to: caret + 1)
    }

    mutating func moveLeft() {
        guard caret > 0 else { return }
        caret -= 1
        caretIndex = text.index(before: caretIndex)
    }

    mutating func moveRight() {
        guard caretIndex < text.endIndex else { return }
        caret += 1
        caretIndex = text.index(after: caretIndex)
    }

    /// Start of the caret's line.
    mutating func moveToLineStart() {
        moveCaret(to: lineStart(ofOffset: caret))
    }

    /// End of the caret's line.
    mutating func moveToLineEnd() {
        moveCaret(to: lineEnd(ofOffset: caret))
    }

    /// To the start of the word before the caret (readline's Alt+B): spaces and punctuation
    /// first, then the word.
    mutating func moveWordLeft() { moveCaret(to: wordStart(before: caret)) }

    /// Past the end of the word after the caret (readline's Alt+F).
    mutating func moveWordRight() { moveCaret(to: wordEnd(after: caret)) }

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
            moveCaret(to: previousStart + min(column, start - 1 - previousStart))
        } else {
            let end = lineEnd(ofOffset: caret)
            guard end < text.count else { return false }
            let nextStart = end + 1
            moveCaret(to: nextStart + min(column, lineEnd(ofOffset: nextStart) - nextStart))
        }
        return true
    }

    mutating func clear() {
        text = ""
        caret = 0
        caretIndex = text.startIndex
    }

    /// Puts the caret at grapheme offset `offset` (within the text).
    private mutating func moveCaret(to offset: Int) {
        caret = offset
        caretIndex = index(at: offset)
    }

    /// Removes offsets `start..<end`, leaves the caret at `start`, returns the removed text.
    private mutating func delete(from start: Int, to end: Int) -> String {
        guard start < end else { return "" }
        let range = index(at: start)..<index(at: end)
        let removed = String(text[range])
        text.removeSubrange(range)
        moveCaret(to: start)
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
