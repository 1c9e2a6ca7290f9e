/// Semantic style of a cell. Views speak only in roles; a theme maps each role to colors and
/// attributes once (CursesTerminal turns that into color pairs).
public enum StyleRole: UInt8, Sendable, CaseIterable, Hashable {
    case normal
    case dim
    case border
    case borderFocused
    case title
    case titleFocused
    case userLabel
    case assistantLabel
    case userText
    case assistantText
    case errorText
    case warningText
    case selection
    case selectionUnfocused
    case statusBar
    case statusAccent
    case sliderFilled
    case sliderEmpty
    case sliderUnset
    case valueSet
    case valueUnset
    case composer
    case cursor
    case code
    case overlay
    /// Secondary text inside an overlay (key hints, counts, "loading…"), on the overlay's fill.
    case overlayDim
    /// A problem inside an overlay (listing failed, a refused preset name), on the overlay's fill.
    case overlayError
    /// Shown in place of a control character or escape sequence from untrusted text.
    case controlPicture
    /// A Markdown heading's text.
    case heading
    /// A link's text.
    case link
    /// The destination shown after a link's text.
    case linkURL
    /// The bar beside a block quote and its text.
    case quote
    /// Bullets, numbers and task boxes of lists.
    case listMarker
    /// The rules between a table's cells.
    case tableBorder
    /// The label row of a code block (language and block number).
    case codeLabel
    /// Highlighted code: keywords (on the code background).
    case syntaxKeyword
    /// Highlighted code: types and object keys.
    case syntaxType
    /// Highlighted code: string literals.
    case syntaxString
    /// Highlighted code: number literals.
    case syntaxNumber
    /// Highlighted code: comments.
    case syntaxComment
    /// Highlighted code: attributes, preprocessor lines, variables, diff headers.
    case syntaxMeta
    /// Highlighted code: added lines of a diff.
    case diffAdded
    /// Highlighted code: removed lines of a diff.
    case diffRemoved
    /// Text found by the conversation search.
    case searchMatch
}

/// Emphasis a cell adds to its role's style (Markdown's bold, italic, links). Kept apart from
/// the role so any emphasis combines with any colour role without a role per combination.
public struct TextAttributes: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = TextAttributes(rawValue: 1 << 0)
    public static let italic = TextAttributes(rawValue: 1 << 1)
    public static let underline = TextAttributes(rawValue: 1 << 2)
    public static let dim = TextAttributes(rawValue: 1 << 3)
}

/// One terminal cell. A wide grapheme occupies its cell with `width == 2` and the cell to its
/// right holds a continuation (`text == ""`, `width == 0`), as ncurses and tmux do.
public struct Cell: Sendable, Equatable, Hashable {
    /// One grapheme, already sanitized; a space for blank, `empty` for the right half of a
    /// wide one. Eight bytes in all, so a grid is a flat array of plain values.
    public var code: GlyphCode
    public var width: UInt8
    public var role: StyleRole
    /// Added to the role's style; in the byte that padding would take anyway.
    public var attributes: TextAttributes

    public init(code: GlyphCode = .space, width: UInt8 = 1, role: StyleRole = .normal, attributes: TextAttributes = []) {
        self.code = code
        self.width = width
        self.role = role
        self.attributes = attributes
    }

    public init(text: String, width: UInt8 = 1, role: StyleRole = .normal, attributes: TextAttributes = []) {
        self.init(code: GlyphCode(text), width: width, role: role, attributes: attributes)
    }

    /// The grapheme as text (tests, the blit's rare multi-scalar case).
    public var text: String { code.text }

    public static let blank = Cell()
    public static func continuation(_ role: StyleRole) -> Cell { Cell(code: .empty, width: 0, role: role) }
}

/// A rectangle of the screen, in cells.
public struct Rect: Sendable, Equatable, Hashable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }
    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public var isEmpty: Bool { width == 0 || height == 0 }
}

/// What a frame looks like: the views draw into it, ncurses only copies it to the screen, and
/// tests read it as text.
public struct CellGrid: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Where the terminal cursor should stand (the composer's caret), if anywhere.
    public var cursor: (x: Int, y: Int)?

    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: fill, count: self.width * self.height)
        self.cursor = nil
    }

    public static func == (lhs: CellGrid, rhs: CellGrid) -> Bool {
        lhs.width == rhs.width && lhs.height == rhs.height && lhs.cells == rhs.cells
            && lhs.cursor?.x == rhs.cursor?.x && lhs.cursor?.y == rhs.cursor?.y
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at (x, y); out-of-range reads give a blank cell.
    public subscript(x: Int, y: Int) -> Cell {
        get {
            guard x >= 0, y >= 0, x < width, y < height else { return .blank }
            return cells[y * width + x]
        }
        set {
            guard x >= 0, y >= 0, x < width, y < height else { return }
            cells[y * width + x] = newValue
        }
    }

    /// Sets `count` cells of row `y` from column `x` to `cell` as one block store, clamped to
    /// the grid. No care for wide glyphs: `fill` handles the edges before it calls this.
    mutating func setRun(_ cell: Cell, x: Int, y: Int, count: Int) {
        guard y >= 0, y < height else { return }
        let from = max(0, x), to = min(width, x + count)
        guard from < to else { return }
        let start = y * width
        cells.withUnsafeMutableBufferPointer { all in
            UnsafeMutableBufferPointer(rebasing: all[(start + from)..<(start + to)]).update(repeating: cell)
        }
    }

    /// Writes narrow glyphs (width 1 each) into row `y` from column `x`, one cell each, as one
    /// pass over the row's storage. The caller checks the span fits and handles cut wide
    /// glyphs at its edges (`draw(_:x:y:clip:)`).
    mutating func setNarrowRun(_ glyphs: [Glyph], x: Int, y: Int) {
        let start = y * width + x
        cells.withUnsafeMutableBufferPointer { all in
            glyphs.withUnsafeBufferPointer { source in
                for index in source.indices {
                    all[start + index] = Cell(
                        code: source[index].code, width: 1, role: source[index].role, attributes: source[index].attributes)
                }
            }
        }
    }

    /// The grid as plain text, one string per row, continuation cells skipped: what a user
    /// would read, and what snapshot tests compare.
    public func textLines() -> [String] {
        (0..<height).map { y in
            var line = ""
            for x in 0..<width {
                let cell = cells[y * width + x]
                if cell.width > 0 { line += cell.text }
            }
            return line
        }
    }
}
