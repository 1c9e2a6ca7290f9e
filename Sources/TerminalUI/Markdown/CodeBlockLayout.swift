import MarkdownParsing
import SyntaxHighlighting

/// A code block as rows: a label row (language, block number) over the code on the code
/// background. Lines are never re-flowed: one source line is one row, and a line wider than
/// the pane continues on the next row behind a "↪" in the margin column.
enum CodeBlockLayout {
    static let continuationMark = "↪"

    static func rows(_ block: CodeBlock, number: Int, width: Int) -> [StyledLine] {
        rows(text: block.text, language: block.language, label: block.language.isEmpty ? "code" : block.language,
             tag: "#\(number)", width: width)
    }

    /// `text` under a label row reading `label` on the left and `tag` on the right, coloured
    /// as `language` (plain when there is no lexer for it).
    static func rows(text: String, language: String, label: String, tag: String, width: Int) -> [StyledLine] {
        let width = max(2, width)
        var rows = [labelRow(label: label, tag: tag, width: width)]
        let highlighter = Highlighter(label: language)
        var state = LexerState.normal
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var text = String(line)
            if text.hasSuffix("\r") { text.removeLast() }
            let tokens = highlighter?.tokens(in: text, state: &state) ?? []
            rows.append(contentsOf: codeRows(text, tokens: tokens, width: width))
        }
        return rows
    }

    /// " swift                    #2 " on the label background, the full width.
    static func labelRow(label: String, tag: String, width: Int) -> StyledLine {
        let name = StyledLine(" " + label, role: .codeLabel)
        let tag = StyledLine(tag + " ", role: .codeLabel)
        var row = name.truncated(toWidth: max(0, width - tag.width))
        while row.width < width - tag.width { row.append(.space(.codeLabel)) }
        if row.width + tag.width <= width { row.append(contentsOf: tag) }
        return row
    }

    /// One source line: a margin column then the text, hard-broken at the width, each row
    /// padded with the code background.
    private static func codeRows(_ text: String, tokens: [Token], width: Int) -> [StyledLine] {
        let roles = characterRoles(text, tokens: tokens)
        let contentWidth = width - 1
        var rows: [StyledLine] = []
        var row = StyledLine([.space(.code)])
        TextSanitizer.forEachPiece(in: text, role: .code) { piece in
            guard case .glyph(var glyph) = piece else { return }
            if glyph.role == .code, glyph.sourceIndex < roles.count { glyph.role = roles[glyph.sourceIndex] }
            if glyph.width > contentWidth { glyph = Glyph(text: "…", width: 1, role: glyph.role) }
            if row.width - 1 + glyph.width > contentWidth {
                rows.append(padded(row, width))
                row = StyledLine([Glyph(text: continuationMark, width: 1, role: .codeLabel)])
            }
            row.append(glyph)
        }
        rows.append(padded(row, width))
        return rows
    }

    private static func padded(_ row: StyledLine, _ width: Int) -> StyledLine {
        var copy = row
        while copy.width < width { copy.append(.space(.code)) }
        return copy
    }

    /// The role of each Character of `text` (the sanitizer's source index), from byte tokens.
    private static func characterRoles(_ text: String, tokens: [Token]) -> [StyleRole] {
        guard !tokens.isEmpty else { return [] }
        var roles: [StyleRole] = []
        var offset = 0
        var tokenIndex = 0
        for character in text {
            while tokenIndex < tokens.count, tokens[tokenIndex].end <= offset { tokenIndex += 1 }
            if tokenIndex < tokens.count, tokens[tokenIndex].start <= offset {
                roles.append(role(for: tokens[tokenIndex].kind))
            } else {
                roles.append(.code)
            }
            offset += character.utf8.count
        }
        return roles
    }

    static func role(for kind: TokenKind) -> StyleRole {
        switch kind {
        case .keyword: return .syntaxKeyword
        case .type: return .syntaxType
        case .string: return .syntaxString
        case .number: return .syntaxNumber
        case .comment: return .syntaxComment
        case .meta: return .syntaxMeta
        case .added: return .diffAdded
        case .removed: return .diffRemoved
        }
    }
}
