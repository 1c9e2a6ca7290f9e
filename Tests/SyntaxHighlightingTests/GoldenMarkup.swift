import SyntaxHighlighting

/// Lines with their tokens written inline: `[k:func] [t:Array]`. Letters: k keyword, t type,
/// s string, n number, c comment, m meta, + added, - removed. What golden tests compare.
func marked(_ code: String, label: String) -> String {
    guard let highlighter = Highlighter(label: label) else { return "no highlighter for \(label)" }
    let lines = code.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let tokens = highlighter.tokens(inLines: lines)
    return zip(lines, tokens).map { markLine($0.0, $0.1) }.joined(separator: "\n")
}

private func markLine(_ line: String, _ tokens: [Token]) -> String {
    let bytes = Array(line.utf8)
    var result: [UInt8] = []
    var position = 0
    for token in tokens {
        result.append(contentsOf: bytes[position..<token.start])
        result.append(contentsOf: Array("[\(letter(token.kind)):".utf8))
        result.append(contentsOf: bytes[token.start..<token.end])
        result.append(UInt8(ascii: "]"))
        position = token.end
    }
    result.append(contentsOf: bytes[position...])
    return String(decoding: result, as: UTF8.self)
}

private func letter(_ kind: TokenKind) -> String {
    switch kind {
    case .keyword: return "k"
    case .type: return "t"
    case .string: return "s"
    case .number: return "n"
    case .comment: return "c"
    case .meta: return "m"
    case .added: return "+"
    case .removed: return "-"
    }
}
