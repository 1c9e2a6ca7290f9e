/// Word wrapping by display width.
///
/// Rules: explicit newlines end a row; a row breaks at the last space that fits (the spaces at
/// the break are dropped, as are spaces that would start a continuation row), or before/after a
/// wide glyph (CJK text has no spaces and breaks between ideographs); a word longer than the
/// width is hard-broken; a wide glyph never straddles the edge, it moves to the next row. A glyph
/// wider than the whole width (a wide glyph at width 1) becomes "…" so no row is ever wider than
/// `width`.
public enum TextWrapper {
    public static func wrap(_ text: String, width: Int, role: StyleRole) -> [StyledLine] {
        var breaker = LineBreaker(width: width)
        TextSanitizer.forEachPiece(in: text, role: role) { breaker.feed($0) }
        return breaker.finish()
    }
}

/// The greedy line breaker behind `TextWrapper`, fed one sanitized piece at a time.
struct LineBreaker {
    let width: Int
    private(set) var rows: [StyledLine] = []
    private var current = StyledLine()
    /// Glyph count of `current` up to which it may be cut (0: no break opportunity yet).
    private var breakIndex = 0
    /// True while `current` continues a wrapped row: leading spaces there are dropped.
    private var isContinuation = false
    /// Whether `current` holds anything but spaces.
    private var hasVisible = false

    init(width: Int) {
        self.width = max(1, width)
    }

    mutating func feed(_ piece: SanitizedPiece) {
        switch piece {
        case .newline:
            if isContinuation && current.glyphs.isEmpty {
                // Only dropped spaces followed the last wrap: the line already ended there.
                isContinuation = false
            } else {
                endRow(wrapped: false)
            }
        case .glyph(var glyph):
            if glyph.width > width {
                glyph = Glyph(text: "…", width: 1, role: glyph.role, sourceIndex: glyph.sourceIndex)
            }
            if glyph.isSpace {
                addSpace(glyph)
            } else {
                addVisible(glyph)
            }
        }
    }

    mutating func finish() -> [StyledLine] {
        // Spaces dropped at a final wrap leave no row behind.
        if !(isContinuation && current.glyphs.isEmpty && !rows.isEmpty) { rows.append(current) }
        current = StyledLine()
        return rows
    }

    private mutating func addSpace(_ glyph: Glyph) {
        if isContinuation && current.glyphs.isEmpty { return }
        if current.width + 1 > width {
            // The space falls on the wrap point: it is dropped with the break.
            endRow(wrapped: true)
            return
        }
        current.append(glyph)
        // Indentation is no break opportunity: breaking there would leave an empty row.
        if hasVisible { breakIndex = current.glyphs.count }
    }

    private mutating func addVisible(_ glyph: Glyph) {
        if glyph.width == 2 && hasVisible { breakIndex = current.glyphs.count }
        if current.width + glyph.width > width {
            if breakIndex > 0 && breakIndex < current.glyphs.count {
                // Move the word in progress to the next row.
                let carried = Array(current.glyphs[breakIndex...])
                current = StyledLine(Array(current.glyphs[..<breakIndex]))
                endRow(wrapped: true)
                current = StyledLine(carried)
                hasVisible = true
            }
            if current.width + glyph.width > width {
                // No break opportunity left: hard-break the word.
                endRow(wrapped: true)
            }
        }
        current.append(glyph)
        hasVisible = true
        if glyph.width == 2 { breakIndex = current.glyphs.count }
    }

    private mutating func endRow(wrapped: Bool) {
        if wrapped { current.trimTrailingSpaces() }
        rows.append(current)
        current = StyledLine()
        breakIndex = 0
        hasVisible = false
        isContinuation = wrapped
    }
}
