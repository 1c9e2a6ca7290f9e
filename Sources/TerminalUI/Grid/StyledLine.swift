/// One grapheme ready for a cell: sanitized text, its display width (1 or 2) and its role.
public struct Glyph: Sendable, Equatable, Hashable {
    /// A base scalar plus at most four zero-width scalars; never a control character.
    public var code: GlyphCode
    public var role: StyleRole
    /// Emphasis on top of the role (Markdown); fits in the glyph's padding.
    public var attributes: TextAttributes = []
    // Stored narrow so a glyph is 12 bytes: wrapped history holds one per character.
    private var storedWidth: UInt8
    private var storedSourceIndex: Int32

    public var text: String {
        get { code.text }
        set { code = GlyphCode(newValue) }
    }

    /// 1 or 2 columns (other values are clamped into that range: a line's width is then the
    /// count of its glyphs exactly when all of them are narrow, which drawing relies on).
    public var width: Int {
        get { Int(storedWidth) }
        set { storedWidth = UInt8(min(2, max(1, newValue))) }
    }

    /// Index of the Character of the source text this glyph came from (a grapheme offset).
    /// The composer maps its caret through it; other callers can ignore it.
    public var sourceIndex: Int {
        get { Int(storedSourceIndex) }
        set { storedSourceIndex = Int32(clamping: newValue) }
    }

    public init(text: String, width: Int, role: StyleRole, sourceIndex: Int = 0) {
        self.init(code: GlyphCode(text), width: width, role: role, sourceIndex: sourceIndex)
    }

    public init(code: GlyphCode, width: Int, role: StyleRole, sourceIndex: Int = 0) {
        self.code = code
        self.role = role
        self.storedWidth = UInt8(min(2, max(1, width)))
        self.storedSourceIndex = Int32(clamping: sourceIndex)
    }

    public static func space(_ role: StyleRole, sourceIndex: Int = 0) -> Glyph {
        Glyph(code: .space, width: 1, role: role, sourceIndex: sourceIndex)
    }

    var isSpace: Bool { role != .controlPicture && code == .space }

    public var cell: Cell { Cell(code: code, width: UInt8(truncatingIfNeeded: width), role: role, attributes: attributes) }
}

/// A row of glyphs, ready to blit into a grid.
public struct StyledLine: Sendable, Equatable, Hashable {
    public var glyphs: [Glyph]
    /// Sum of the glyphs' widths.
    public private(set) var width: Int

    public init(_ glyphs: [Glyph] = []) {
        self.glyphs = glyphs
        self.width = glyphs.reduce(0) { $0 + $1.width }
    }

    /// A single-line text, sanitized (newlines shown as spaces).
    public init(_ text: String, role: StyleRole) {
        self.init(TextSanitizer.singleLineGlyphs(text, role: role))
    }

    public mutating func append(_ glyph: Glyph) {
        glyphs.append(glyph)
        width += glyph.width
    }

    public mutating func append(contentsOf line: StyledLine) {
        glyphs.append(contentsOf: line.glyphs)
        width += line.width
    }

    /// Removes trailing spaces (what a wrap point leaves behind).
    public mutating func trimTrailingSpaces() {
        while let last = glyphs.last, last.isSpace {
            glyphs.removeLast()
            width -= 1
        }
    }

    /// The plain text, as a user would read it.
    public var text: String { glyphs.reduce(into: "") { $0 += $1.text } }

    /// Shortened to at most `maxWidth` columns; when something was cut the last column shows "…".
    public func truncated(toWidth maxWidth: Int) -> StyledLine {
        guard width > maxWidth else { return self }
        guard maxWidth > 0 else { return StyledLine() }
        var result = StyledLine()
        for glyph in glyphs {
            if result.width + glyph.width > maxWidth - 1 { break }
            result.append(glyph)
        }
        // The ellipsis takes the role of the first glyph it stands for.
        let role = glyphs[result.glyphs.count].role
        result.append(Glyph(text: "…", width: 1, role: role))
        return result
    }
}
