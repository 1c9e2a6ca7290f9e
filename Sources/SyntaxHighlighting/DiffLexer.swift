/// Unified diffs: whole lines are added, removed, hunk headers or file headers.
enum DiffLexer {
    static func tokens(_ bytes: [UInt8]) -> [Token] {
        guard let first = bytes.first else { return [] }
        let kind: TokenKind?
        if starts(bytes, "+++") || starts(bytes, "---") || starts(bytes, "diff ") || starts(bytes, "index ") {
            kind = .meta
        } else if starts(bytes, "@@") {
            kind = .meta
        } else if first == UInt8(ascii: "+") {
            kind = .added
        } else if first == UInt8(ascii: "-") {
            kind = .removed
        } else {
            kind = nil
        }
        return kind.map { [Token(start: 0, end: bytes.count, kind: $0)] } ?? []
    }

    private static func starts(_ bytes: [UInt8], _ prefix: String) -> Bool {
        bytes.starts(with: prefix.utf8)
    }
}
