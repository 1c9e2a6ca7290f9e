/// Styled rows as text for a terminal that is not under ncurses (`chatterm ask --render`):
/// each run of one look gets its SGR sequence, every row ends reset. The glyphs are already
/// sanitized, so the only escape sequences in the result are these.
public enum ANSIText {
    public static let reset = "\u{1B}[0m"

    /// `line` with its roles' styles from `theme` and each glyph's own emphasis.
    public static func line(_ line: StyledLine, theme: Theme) -> String {
        var text = ""
        var current: (StyleRole, TextAttributes)?
        for glyph in line.glyphs {
            if current == nil || current! != (glyph.role, glyph.attributes) {
                text += reset + sgr(theme.style(for: glyph.role), attributes: glyph.attributes)
                current = (glyph.role, glyph.attributes)
            }
            text += glyph.text
        }
        return current == nil ? text : text + reset
    }

    /// The SGR sequence for a style plus extra emphasis ("" when there is nothing to set).
    static func sgr(_ style: Style, attributes: TextAttributes) -> String {
        var codes: [String] = []
        if style.bold || attributes.contains(.bold) { codes.append("1") }
        if style.dim || attributes.contains(.dim) { codes.append("2") }
        if style.italic || attributes.contains(.italic) { codes.append("3") }
        if style.underline || attributes.contains(.underline) { codes.append("4") }
        if style.reverse { codes.append("7") }
        if case let .ansi(index) = style.fg { codes.append("38;5;\(index)") }
        if case let .ansi(index) = style.bg { codes.append("48;5;\(index)") }
        return codes.isEmpty ? "" : "\u{1B}[" + codes.joined(separator: ";") + "m"
    }
}
