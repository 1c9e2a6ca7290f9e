/// What the sanitizer hands on: a glyph, or the end of a source line.
public enum SanitizedPiece: Sendable, Equatable {
    case glyph(Glyph)
    case newline
}

/// A stretch of sanitized text in one role.
public struct StyledRun: Sendable, Equatable {
    public var text: String
    public var role: StyleRole
    public init(text: String, role: StyleRole) {
        self.text = text
        self.role = role
    }
}

/// Untrusted text (network, database, paste) never reaches the terminal raw.
///
/// - C0 controls (except newline and tab) and ESC become their Control Pictures (U+2400 + n),
///   DEL becomes "␡"; each C1 control (U+0080–U+009F) becomes "␛" plus its 7-bit equivalent
///   (ECMA-48: C1 0x80+n ≡ ESC 0x40+n), so `CSI` reads as "␛[". All in `.controlPicture`.
///   A reply holding `ESC[2J` or an OSC 52 clipboard write thus shows as "␛[2J" / "␛]52;…␇".
/// - Bidi embedding/override/isolate controls (U+202A–U+202E, U+2066–U+2069), which could
///   reorder what the user reads, and every scalar glibc calls non-printable (`wcwidth` -1:
///   unassigned, U+2028/U+2029, ...) become "�" in `.controlPicture`.
/// - "\r\n" is a newline; tabs expand with spaces to the next multiple of `tabWidth` columns of
///   the source line.
/// - Graphemes follow one rule so the grid never disagrees with ncurses (which advances by the
///   `wcwidth` sum of exactly what it is given): a Character keeps its first spacing scalar
///   (width 1 or 2) plus up to four following zero-width scalars (combining marks, variation
///   selectors; a cchar_t holds five), and drops everything after a ZWJ or a second spacing
///   scalar. A ZWJ emoji sequence shows its first emoji; a flag shows its first regional
///   indicator. A Character with no spacing scalar (a lone combining mark, ZWSP) is dropped:
///   ncurses would glue it onto the previous cell, where the grid could not account for it.
public enum TextSanitizer {
    public static let defaultTabWidth = 4
    static let replacement = "\u{FFFD}"

    /// Calls `body` for every glyph and line end of `text`, in order. This is the form the
    /// wrapper consumes: one pass, no intermediate strings.
    public static func forEachPiece(
        in text: String, role: StyleRole, tabWidth: Int = defaultTabWidth,
        _ body: (SanitizedPiece) -> Void
    ) {
        var scanner = GlyphScanner(role: role, tabWidth: tabWidth)
        let utf8 = text.utf8
        let end = utf8.endIndex
        var position = utf8.startIndex
        var index = 0
        while position < end {
            // Fast path: a printable ASCII byte followed by an ASCII byte (or the end) is a whole
            // grapheme of width 1, and needs no grapheme breaking.
            let byte = utf8[position]
            if byte >= 0x20 && byte < 0x7F {
                let next = utf8.index(after: position)
                if next == end || utf8[next] < 0x80 {
                    scanner.feedPrintableASCII(byte, sourceIndex: index, body)
                    position = next
                    index += 1
                    continue
                }
            }
            scanner.feed(text[position], sourceIndex: index, body)
            position = text.index(after: position)
            index += 1
        }
    }

    /// One line's glyphs: line ends become single spaces (titles, status segments, labels).
    public static func singleLineGlyphs(_ text: String, role: StyleRole) -> [Glyph] {
        var glyphs: [Glyph] = []
        glyphs.reserveCapacity(text.utf8.count)
        forEachPiece(in: text, role: role) { piece in
            switch piece {
            case .glyph(let glyph): glyphs.append(glyph)
            case .newline: glyphs.append(.space(role))
            }
        }
        return glyphs
    }

    /// The sanitized text as runs of one role each ("\n" kept as line ends).
    public static func runs(_ text: String, role: StyleRole) -> [StyledRun] {
        var runs: [StyledRun] = []
        func add(_ piece: String, _ pieceRole: StyleRole) {
            if let last = runs.indices.last, runs[last].role == pieceRole {
                runs[last].text += piece
            } else {
                runs.append(StyledRun(text: piece, role: pieceRole))
            }
        }
        forEachPiece(in: text, role: role) { piece in
            switch piece {
            case .glyph(let glyph): add(glyph.text, glyph.role)
            case .newline: add("\n", role)
            }
        }
        return runs
    }

    /// The sanitized text as one plain string.
    public static func sanitize(_ text: String) -> String {
        runs(text, role: .normal).reduce(into: "") { $0 += $1.text }
    }

    /// The visible stand-in for a scalar that must not reach the terminal, if it is one.
    /// Newline and tab are not handled here (they are layout, not pictures).
    static func picture(for scalar: Unicode.Scalar) -> String? {
        let value = scalar.value
        switch value {
        case 0x00...0x1F:
            return Unicode.Scalar(0x2400 + value).map { String($0) } ?? replacement
        case 0x7F:
            return "\u{2421}"
        case 0x80...0x9F:
            return Unicode.Scalar(value - 0x40).map { "\u{241B}" + String($0) } ?? replacement
        case 0x202A...0x202E, 0x2066...0x2069:
            return replacement
        default:
            return nil
        }
    }
}

/// Turns Characters into glyphs one at a time, remembering the column for tab stops.
struct GlyphScanner {
    let role: StyleRole
    let tabWidth: Int
    /// Columns since the last line end of the source.
    private(set) var column = 0

    init(role: StyleRole, tabWidth: Int = TextSanitizer.defaultTabWidth) {
        self.role = role
        self.tabWidth = max(1, tabWidth)
    }

    @inline(__always)
    mutating func feedPrintableASCII(_ byte: UInt8, sourceIndex: Int, _ emit: (SanitizedPiece) -> Void) {
        column += 1
        emit(.glyph(Glyph(code: GlyphCode(Unicode.Scalar(byte)), width: 1, role: role, sourceIndex: sourceIndex)))
    }

    mutating func feed(_ character: Character, sourceIndex: Int, _ emit: (SanitizedPiece) -> Void) {
        // Fast path: printable ASCII is one scalar of width 1.
        if let ascii = character.asciiValue, ascii >= 0x20, ascii < 0x7F {
            column += 1
            emit(.glyph(Glyph(code: GlyphCode(Unicode.Scalar(ascii)), width: 1, role: role, sourceIndex: sourceIndex)))
            return
        }
        if character == "\r\n" {
            column = 0
            emit(.newline)
            return
        }
        var text = ""
        var width = 0
        var zeroWidthCount = 0
        var dropping = false

        func flush() {
            guard !text.isEmpty else { return }
            emit(.glyph(Glyph(text: text, width: width, role: role, sourceIndex: sourceIndex)))
            column += width
            text = ""
            width = 0
            zeroWidthCount = 0
            dropping = false
        }

        for scalar in character.unicodeScalars {
            switch scalar.value {
            case 0x0A:
                flush()
                column = 0
                emit(.newline)
                continue
            case 0x09:
                flush()
                let spaces = tabWidth - column % tabWidth
                for _ in 0..<spaces {
                    emit(.glyph(.space(role, sourceIndex: sourceIndex)))
                }
                column += spaces
                continue
            default:
                break
            }
            if let picture = TextSanitizer.picture(for: scalar) {
                flush()
                emitPicture(picture, sourceIndex: sourceIndex, emit)
                continue
            }
            let scalarWidth = DisplayWidth.of(scalar)
            if scalarWidth < 0 {
                flush()
                emitPicture(TextSanitizer.replacement, sourceIndex: sourceIndex, emit)
            } else if scalarWidth == 0 {
                if text.isEmpty || dropping { continue }
                if scalar.value == 0x200D {
                    dropping = true
                } else if zeroWidthCount < 4 {
                    text.unicodeScalars.append(scalar)
                    zeroWidthCount += 1
                }
            } else if text.isEmpty {
                text.unicodeScalars.append(scalar)
                width = scalarWidth
            } else {
                dropping = true
            }
        }
        flush()
    }

    private mutating func emitPicture(_ picture: String, sourceIndex: Int, _ emit: (SanitizedPiece) -> Void) {
        for scalar in picture.unicodeScalars {
            emit(.glyph(Glyph(code: GlyphCode(scalar), width: 1, role: .controlPicture, sourceIndex: sourceIndex)))
            column += 1
        }
    }
}
