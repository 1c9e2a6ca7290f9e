/// The lexer shared by the C-like languages, Python, shell, SQL and JSON: identifiers, numbers,
/// comments and strings as a `LanguageSpec` describes them, over the UTF-8 bytes of one line.
struct GenericScanner {
    let spec: LanguageSpec
    let bytes: [UInt8]
    private var position = 0
    private var tokens: [Token] = []

    init(spec: LanguageSpec, bytes: [UInt8]) {
        self.spec = spec
        self.bytes = bytes
    }

    mutating func run(state: inout LexerState) -> [Token] {
        if !resume(&state) { return tokens }
        if spec.metaPrefixLineStartOnly, position == 0, let prefix = spec.metaPrefix, firstNonBlank() == prefix {
            // A preprocessor line: meta to the end, except a trailing comment.
            let start = position
            let commentStart = find(spec.lineComments.first ?? "\u{0}", from: start)
            add(start, commentStart ?? bytes.count, .meta)
            if let commentStart { add(commentStart, bytes.count, .comment) }
            return tokens
        }
        var pendingHeredoc: LexerState?
        while position < bytes.count {
            let byte = bytes[position]
            if byte == 0x20 || byte == 0x09 {
                position += 1
                continue
            }
            if lineCommentHere() != nil {
                add(position, bytes.count, .comment)
                position = bytes.count
                break
            }
            if let block = spec.blockComment, starts(with: block.open) {
                let start = position
                position += block.open.utf8.count
                var depth = 1
                if closeBlockComment(&depth) {
                    add(start, position, .comment)
                } else {
                    add(start, bytes.count, .comment)
                    state = .blockComment(depth: depth)
                    return tokens
                }
                continue
            }
            if spec.rustRules, let end = rustRawStringOpener() {
                let start = position
                let hashes = end.hashes
                position = end.bodyStart
                let closer = "\"" + String(repeating: "#", count: hashes)
                if closeString(closer, escapes: false) {
                    add(start, position, .string)
                } else {
                    add(start, bytes.count, .string)
                    state = .string(closer: closer, escapes: false)
                    return tokens
                }
                continue
            }
            if spec.rustRules, byte == UInt8(ascii: "'"), isLifetime() {
                let start = position
                position += 1
                while position < bytes.count, isIdentifierByte(bytes[position]) { position += 1 }
                add(start, position, .meta)
                continue
            }
            if let rule = stringRuleHere() {
                let start = position
                position += rule.opener.utf8.count
                if closeString(rule.closer, escapes: rule.escapes) {
                    let kind: TokenKind = spec.keysBeforeColon && followedByColon(position) ? .type : .string
                    add(start, position, kind)
                } else if rule.multiline {
                    add(start, bytes.count, .string)
                    state = .string(closer: rule.closer, escapes: rule.escapes)
                    return tokens
                } else {
                    add(start, bytes.count, .string)
                    position = bytes.count
                }
                continue
            }
            if spec.shellRules, byte == UInt8(ascii: "$") {
                scanShellVariable()
                continue
            }
            if spec.shellRules, let heredoc = heredocHere() {
                pendingHeredoc = heredoc
                continue
            }
            if let prefix = spec.metaPrefix, !spec.metaPrefixLineStartOnly, byte == prefix {
                let start = position
                position += 1
                if position < bytes.count, bytes[position] == UInt8(ascii: "!") { position += 1 }
                if position < bytes.count, bytes[position] == UInt8(ascii: "[") {
                    // An attribute in brackets (`#[derive(Debug)]`): through its closing bracket.
                    var depth = 0
                    while position < bytes.count {
                        if bytes[position] == UInt8(ascii: "[") { depth += 1 }
                        if bytes[position] == UInt8(ascii: "]") { depth -= 1 }
                        position += 1
                        if depth == 0 { break }
                    }
                } else {
                    while position < bytes.count, isIdentifierByte(bytes[position]) || bytes[position] == UInt8(ascii: ".") {
                        position += 1
                    }
                }
                add(start, position, .meta)
                continue
            }
            if isDigit(byte) || (byte == UInt8(ascii: ".") && position + 1 < bytes.count && isDigit(bytes[position + 1])
                && (position == 0 || !isIdentifierByte(bytes[position - 1]))) {
                scanNumber()
                continue
            }
            if isIdentifierStart(byte) {
                scanIdentifier()
                continue
            }
            position += 1
        }
        if let pendingHeredoc { state = pendingHeredoc }
        return tokens
    }

    // MARK: - Carried state

    /// Continues what the previous line left open; false when the whole line is used up.
    private mutating func resume(_ state: inout LexerState) -> Bool {
        switch state {
        case .normal, .blockScalar:
            state = .normal
            return true
        case .blockComment(var depth):
            if closeBlockComment(&depth) {
                add(0, position, .comment)
                state = .normal
                return true
            }
            add(0, bytes.count, .comment)
            state = .blockComment(depth: depth)
            return false
        case .string(let closer, let escapes):
            if closeString(closer, escapes: escapes) {
                add(0, position, .string)
                state = .normal
                return true
            }
            add(0, bytes.count, .string)
            return false
        case .heredoc(let terminator, let stripTabs):
            var line = bytes[...]
            if stripTabs { line = line.drop(while: { $0 == 0x09 }) }
            if Array(line) == Array(terminator.utf8) {
                add(0, bytes.count, .meta)
                state = .normal
            } else {
                add(0, bytes.count, .string)
            }
            return false
        }
    }

    /// Advances past the comment's end, counting nested openers where they nest.
    private mutating func closeBlockComment(_ depth: inout Int) -> Bool {
        guard let block = spec.blockComment else { return false }
        while position < bytes.count {
            if spec.nestedComments, starts(with: block.open) {
                depth += 1
                position += block.open.utf8.count
            } else if starts(with: block.close) {
                depth -= 1
                position += block.close.utf8.count
                if depth == 0 { return true }
            } else {
                position += 1
            }
        }
        return false
    }

    /// Advances past the string's closer; false (at the line's end) when it does not close here.
    private mutating func closeString(_ closer: String, escapes: Bool) -> Bool {
        while position < bytes.count {
            if escapes, bytes[position] == UInt8(ascii: "\\") {
                position += 2
                continue
            }
            if starts(with: closer) {
                position += closer.utf8.count
                return true
            }
            position += 1
        }
        position = bytes.count
        return false
    }

    // MARK: - Pieces

    private func lineCommentHere() -> String? {
        for marker in spec.lineComments where starts(with: marker) {
            if spec.shellRules {
                // `#` comments a word's start only: `a#b` and `${#x}` are not comments.
                if position > 0, !(bytes[position - 1] == 0x20 || bytes[position - 1] == 0x09 || bytes[position - 1] == UInt8(ascii: ";")) {
                    continue
                }
            }
            return marker
        }
        return nil
    }

    private func stringRuleHere() -> LanguageSpec.StringRule? {
        spec.strings.first { starts(with: $0.opener) }
    }

    private mutating func scanNumber() {
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            if isDigit(byte) || isLetter(byte) || byte == UInt8(ascii: "_") {
                let wasExponent = byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
                position += 1
                if wasExponent, position < bytes.count, bytes[position] == UInt8(ascii: "-") || bytes[position] == UInt8(ascii: "+"),
                   !isHex(start) {
                    position += 1
                }
            } else if byte == UInt8(ascii: "."), position + 1 < bytes.count, isDigit(bytes[position + 1]) {
                position += 1
            } else {
                break
            }
        }
        add(start, position, .number)
    }

    private func isHex(_ start: Int) -> Bool {
        start + 1 < bytes.count && bytes[start] == UInt8(ascii: "0") && (bytes[start + 1] | 0x20) == UInt8(ascii: "x")
    }

    private mutating func scanIdentifier() {
        let start = position
        while position < bytes.count, isIdentifierByte(bytes[position]) || (spec.shellRules && bytes[position] == UInt8(ascii: "-")) {
            position += 1
        }
        let word = String(decoding: bytes[start..<position], as: UTF8.self)
        let lookup = spec.caseInsensitiveKeywords ? word.lowercased() : word
        if spec.keywords.contains(lookup) {
            add(start, position, .keyword)
        } else if spec.types.contains(lookup) {
            add(start, position, .type)
        } else if spec.capitalizedAreTypes, let first = bytes[start...].first, first >= UInt8(ascii: "A"), first <= UInt8(ascii: "Z") {
            add(start, position, .type)
        }
    }

    private mutating func scanShellVariable() {
        let start = position
        position += 1
        if position < bytes.count, bytes[position] == UInt8(ascii: "{") {
            while position < bytes.count, bytes[position] != UInt8(ascii: "}") { position += 1 }
            position = min(bytes.count, position + 1)
        } else if position < bytes.count, bytes[position] == UInt8(ascii: "(") {
            position += 1  // $( ... ): the command inside is lexed as code
            add(start, position, .meta)
            return
        } else {
            let nameStart = position
            while position < bytes.count, isIdentifierByte(bytes[position]) { position += 1 }
            if position == nameStart, position < bytes.count, "?#@*!$-".utf8.contains(bytes[position]) { position += 1 }
        }
        add(start, position, .meta)
    }

    /// `<<WORD`, `<<-WORD`, `<<'WORD'`, `<<"WORD"`: the state that the next lines begin in.
    private mutating func heredocHere() -> LexerState? {
        guard starts(with: "<<"), !starts(with: "<<<") else { return nil }
        let start = position
        var cursor = position + 2
        var stripTabs = false
        if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "-") {
            stripTabs = true
            cursor += 1
        }
        while cursor < bytes.count, bytes[cursor] == 0x20 { cursor += 1 }
        var quote: UInt8?
        if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "'") || bytes[cursor] == UInt8(ascii: "\"") {
            quote = bytes[cursor]
            cursor += 1
        }
        let wordStart = cursor
        while cursor < bytes.count, isIdentifierByte(bytes[cursor]) { cursor += 1 }
        guard cursor > wordStart else { return nil }
        let word = String(decoding: bytes[wordStart..<cursor], as: UTF8.self)
        if let quote, cursor < bytes.count, bytes[cursor] == quote { cursor += 1 }
        position = cursor
        add(start, cursor, .meta)
        return .heredoc(terminator: word, stripTabs: stripTabs)
    }

    private func rustRawStringOpener() -> (hashes: Int, bodyStart: Int)? {
        guard bytes[position] == UInt8(ascii: "r") || bytes[position] == UInt8(ascii: "b") else { return nil }
        if position > 0, isIdentifierByte(bytes[position - 1]) { return nil }
        var cursor = position + 1
        if bytes[position] == UInt8(ascii: "b") {
            guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: "r") else { return nil }
            cursor += 1
        }
        var hashes = 0
        while cursor < bytes.count, bytes[cursor] == UInt8(ascii: "#") {
            hashes += 1
            cursor += 1
        }
        guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: "\"") else { return nil }
        return (hashes, cursor + 1)
    }

    /// `'a` (a lifetime or label) rather than `'a'` or `'\n'` (a character).
    private func isLifetime() -> Bool {
        guard position + 1 < bytes.count, isIdentifierStart(bytes[position + 1]) else { return false }
        if position + 2 < bytes.count, bytes[position + 2] == UInt8(ascii: "'") { return false }
        return true
    }

    private func followedByColon(_ from: Int) -> Bool {
        var cursor = from
        while cursor < bytes.count, bytes[cursor] == 0x20 || bytes[cursor] == 0x09 { cursor += 1 }
        return cursor < bytes.count && bytes[cursor] == UInt8(ascii: ":")
    }

    // MARK: - Bytes

    private func starts(with text: String) -> Bool {
        var index = position
        for byte in text.utf8 {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
        }
        return true
    }

    private func find(_ text: String, from: Int) -> Int? {
        let needle = Array(text.utf8)
        guard !needle.isEmpty, bytes.count >= needle.count else { return nil }
        var index = from
        while index + needle.count <= bytes.count {
            if Array(bytes[index..<(index + needle.count)]) == needle { return index }
            index += 1
        }
        return nil
    }

    private mutating func firstNonBlank() -> UInt8? {
        var cursor = 0
        while cursor < bytes.count, bytes[cursor] == 0x20 || bytes[cursor] == 0x09 { cursor += 1 }
        position = cursor
        return cursor < bytes.count ? bytes[cursor] : nil
    }

    private mutating func add(_ start: Int, _ end: Int, _ kind: TokenKind) {
        guard end > start else { return }
        tokens.append(Token(start: start, end: end, kind: kind))
    }
}

func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
/// Non-ASCII bytes count as identifier bytes so a UTF-8 sequence is never split.
func isIdentifierStart(_ byte: UInt8) -> Bool { isLetter(byte) || byte == UInt8(ascii: "_") || byte >= 0x80 }
func isIdentifierByte(_ byte: UInt8) -> Bool { isIdentifierStart(byte) || isDigit(byte) }
