/// YAML: keys, comments, quoted strings, numbers and the plain scalars `true`/`false`/`null`,
/// document markers, and block scalars (`key: |`) whose indented lines are all string.
enum YAMLLexer {
    static func tokens(_ bytes: [UInt8], state: inout LexerState) -> [Token] {
        let indent = bytes.prefix(while: { $0 == 0x20 }).count
        if case .blockScalar(let parentIndent) = state {
            // Blank lines and lines indented past the key stay in the scalar.
            if indent == bytes.count { return [] }
            if indent > parentIndent { return [Token(start: indent, end: bytes.count, kind: .string)] }
            state = .normal
        }
        var tokens: [Token] = []
        if bytes.starts(with: "---".utf8) || bytes.starts(with: "...".utf8) {
            return [Token(start: 0, end: bytes.count, kind: .meta)]
        }
        var position = indent
        if position + 1 < bytes.count, bytes[position] == UInt8(ascii: "-"), bytes[position + 1] == 0x20 {
            tokens.append(Token(start: position, end: position + 1, kind: .meta))
            position += 2
        }
        // A key: anything up to ": " (or ":" at the end) outside quotes, before a comment.
        var cursor = position
        var keyEnd: Int?
        while cursor < bytes.count {
            let byte = bytes[cursor]
            if byte == UInt8(ascii: "#") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") { break }
            if byte == UInt8(ascii: ":"), cursor + 1 == bytes.count || bytes[cursor + 1] == 0x20 {
                keyEnd = cursor
                break
            }
            cursor += 1
        }
        if let keyEnd, keyEnd > position {
            tokens.append(Token(start: position, end: keyEnd, kind: .type))
            position = keyEnd + 1
        }
        // The value.
        while position < bytes.count, bytes[position] == 0x20 { position += 1 }
        guard position < bytes.count else { return tokens }
        let byte = bytes[position]
        if byte == UInt8(ascii: "#") {
            tokens.append(Token(start: position, end: bytes.count, kind: .comment))
        } else if byte == UInt8(ascii: "|") || byte == UInt8(ascii: ">") {
            tokens.append(Token(start: position, end: bytes.count, kind: .meta))
            state = .blockScalar(parentIndent: indent)
        } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
            var end = position + 1
            while end < bytes.count, bytes[end] != byte {
                if byte == UInt8(ascii: "\""), bytes[end] == UInt8(ascii: "\\") { end += 1 }
                end += 1
            }
            end = min(bytes.count, end + 1)
            tokens.append(Token(start: position, end: end, kind: .string))
            appendComment(bytes, from: end, to: &tokens)
        } else {
            let valueEnd = commentStart(bytes, from: position) ?? bytes.count
            var trimmedEnd = valueEnd
            while trimmedEnd > position, bytes[trimmedEnd - 1] == 0x20 { trimmedEnd -= 1 }
            let word = String(decoding: bytes[position..<trimmedEnd], as: UTF8.self)
            if ["true", "false", "null", "yes", "no", "on", "off", "~"].contains(word.lowercased()) {
                tokens.append(Token(start: position, end: trimmedEnd, kind: .keyword))
            } else if Double(word) != nil {
                tokens.append(Token(start: position, end: trimmedEnd, kind: .number))
            } else if byte == UInt8(ascii: "&") || byte == UInt8(ascii: "*") {
                // An anchor or alias: the name only.
                let nameEnd = bytes[position..<trimmedEnd].firstIndex(of: 0x20) ?? trimmedEnd
                tokens.append(Token(start: position, end: nameEnd, kind: .meta))
            }
            appendComment(bytes, from: valueEnd, to: &tokens)
        }
        return tokens
    }

    private static func commentStart(_ bytes: [UInt8], from: Int) -> Int? {
        var index = from
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "#"), index == 0 || bytes[index - 1] == 0x20 { return index }
            index += 1
        }
        return nil
    }

    private static func appendComment(_ bytes: [UInt8], from: Int, to tokens: inout [Token]) {
        if let start = commentStart(bytes, from: from) {
            tokens.append(Token(start: start, end: bytes.count, kind: .comment))
        }
    }
}
