/// One row's worth of an untrusted value (parameters come from the database, model names from
/// the network): sanitized, each line end shown as a dim "⏎", cut to a width with "…".
///
/// Only a bounded prefix of the text is read, so a 1 MB system prompt costs a row no more than
/// a short one: every Character that draws anything takes at least one column, so twice the
/// width plus some slack for dropped ones (lone combining marks) is always enough to fill it.
enum ValueLine {
    static let lineEnd = "⏎"

    static func make(_ text: String, role: StyleRole, maxWidth: Int) -> StyledLine {
        guard maxWidth > 0 else { return StyledLine() }
        let budget = maxWidth * 2 + 16
        let end = text.index(text.startIndex, offsetBy: budget, limitedBy: text.endIndex) ?? text.endIndex
        let cut = end < text.endIndex
        var line = StyledLine()
        TextSanitizer.forEachPiece(in: String(text[..<end]), role: role) { piece in
            switch piece {
            case .glyph(let glyph): line.append(glyph)
            case .newline: line.append(Glyph(text: lineEnd, width: 1, role: .dim))
            }
        }
        if line.width > maxWidth { return line.truncated(toWidth: maxWidth) }
        if cut { return line.withEllipsis(maxWidth: maxWidth) }
        return line
    }
}

extension StyledLine {
    /// This line marked as cut: "…" appended, or its last columns given up for it.
    func withEllipsis(maxWidth: Int) -> StyledLine {
        guard maxWidth > 0 else { return StyledLine() }
        let role = glyphs.last?.role ?? .normal
        var result = width < maxWidth ? self : StyledLine()
        if width >= maxWidth {
            for glyph in glyphs {
                if result.width + glyph.width > maxWidth - 1 { break }
                result.append(glyph)
            }
        }
        result.append(Glyph(text: "…", width: 1, role: role))
        return result
    }

    /// The concatenation of two lines.
    static func + (lhs: StyledLine, rhs: StyledLine) -> StyledLine {
        var result = lhs
        result.append(contentsOf: rhs)
        return result
    }

    /// `count` spaces in `role`.
    static func spaces(_ count: Int, role: StyleRole) -> StyledLine {
        StyledLine(Array(repeating: Glyph.space(role), count: max(0, count)))
    }
}
