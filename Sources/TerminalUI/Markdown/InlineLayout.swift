import MarkdownParsing

/// Inline Markdown (emphasis, code, links) as glyphs: each run is sanitized and wrapped with the
/// plain-text wrapper, so escape sequences in a link or a code span show as symbols like any
/// other untrusted text.
enum InlineLayout {
    /// `runs` wrapped to `width`, in `role` where a run has no role of its own.
    static func wrap(_ runs: [InlineRun], width: Int, role: StyleRole, attributes: TextAttributes = []) -> [StyledLine] {
        var breaker = LineBreaker(width: width)
        forEachGlyph(runs, role: role, attributes: attributes) { breaker.feed($0) }
        return breaker.finish()
    }

    /// `runs` on one line (line breaks become spaces): table cells.
    static func singleLine(_ runs: [InlineRun], role: StyleRole, attributes: TextAttributes = []) -> StyledLine {
        var line = StyledLine()
        forEachGlyph(runs, role: role, attributes: attributes) { piece in
            switch piece {
            case .glyph(let glyph): line.append(glyph)
            case .newline: line.append(Glyph.space(role))
            }
        }
        return line
    }

    private static func forEachGlyph(
        _ runs: [InlineRun], role: StyleRole, attributes: TextAttributes, _ body: (SanitizedPiece) -> Void
    ) {
        for run in runs {
            let (runRole, runAttributes) = style(of: run.style, role: role, attributes: attributes)
            let strike = run.style.contains(.strikethrough)
            TextSanitizer.forEachPiece(in: run.text, role: runRole) { piece in
                guard case .glyph(var glyph) = piece else { return body(piece) }
                if glyph.role != .controlPicture {
                    glyph.attributes = runAttributes
                    if strike { glyph = struckThrough(glyph) }
                }
                body(.glyph(glyph))
            }
        }
    }

    private static func style(of style: InlineStyle, role: StyleRole, attributes: TextAttributes) -> (StyleRole, TextAttributes) {
        var attributes = attributes
        if style.contains(.strong) { attributes.insert(.bold) }
        if style.contains(.emphasis) { attributes.insert(.italic) }
        if style.contains(.strikethrough) { attributes.insert(.dim) }
        if style.contains(.linkTarget) { return (.linkURL, attributes) }
        if style.contains(.code) { return (.code, attributes) }
        if style.contains(.link) { return (.link, attributes) }
        return (role, attributes)
    }

    /// Strikethrough as the terminal can show it: a combining long stroke overlay (U+0336) on
    /// each glyph (ncurses has no strike attribute); spaces stay plain.
    private static func struckThrough(_ glyph: Glyph) -> Glyph {
        guard !glyph.isSpace, glyph.text.unicodeScalars.count < 5 else { return glyph }
        var copy = glyph
        copy.code = GlyphCode(glyph.text + "\u{336}")
        return copy
    }
}
