@preconcurrency import CNcursesw
import ChatCore
import Glibc
import TerminalUI

/// What `CursesScreen.start()` and its theme need from ncurses that holds no state of the
/// screen's own: the locale, the color mode, the attributes of a style, the extra keys.
enum CursesSetup {
    /// `setlocale(LC_ALL, "")`; if that is not UTF-8, C.UTF-8 for LC_CTYPE (the only category
    /// curses needs), leaving the user's other categories alone.
    static func configureLocale() -> Bool {
        setlocale(LC_ALL, "")
        if cn_codeset_is_utf8() != 0 { return true }
        setlocale(LC_CTYPE, "C.UTF-8")
        return cn_codeset_is_utf8() != 0
    }

    static func startColors() -> ColorMode {
        let hasColors = has_colors()
        var defaultColors = false
        if hasColors {
            start_color()
            defaultColors = use_default_colors() != cn_err()
        }
        return ColorMode.resolve(
            hasColors: hasColors, colorCount: Int(cn_colors()), pairLimit: Int(cn_color_pairs()),
            defaultColors: defaultColors, noColorEnvironment: getenv("NO_COLOR").map { String(cString: $0) })
    }

    /// A cell's own emphasis, on top of its role's attributes.
    static func extra(_ attributes: TextAttributes) -> attr_t {
        var result = cn_a_normal()
        if attributes.contains(.bold) { result |= cn_a_bold() }
        if attributes.contains(.italic) { result |= cn_a_italic() }
        if attributes.contains(.underline) { result |= cn_a_underline() }
        if attributes.contains(.dim) { result |= cn_a_dim() }
        return result
    }

    static func attributes(for style: Style) -> attr_t {
        var attributes = cn_a_normal()
        if style.bold { attributes |= cn_a_bold() }
        if style.dim { attributes |= cn_a_dim() }
        if style.underline { attributes |= cn_a_underline() }
        if style.reverse { attributes |= cn_a_reverse() }
        if style.italic { attributes |= cn_a_italic() }
        return attributes
    }

    /// Registers the bracketed-paste markers and shifted and Ctrl arrows ncurses may not know, and
    /// returns the run-time key codes the decoder must map.
    static func registerExtraKeys() -> [Int32: Key] {
        _ = define_key("\u{1B}[200~", CursesKeyCode.pasteStart)
        _ = define_key("\u{1B}[201~", CursesKeyCode.pasteEnd)
        // Shift+arrows and Ctrl+←/→: the terminfo entry's (extended) names, and xterm's
        // sequences in case the entry lacks them (common with TERM=screen or tmux).
        let shifted: [(capability: String, xterm: String, key: Key)] = [
            ("kUP", "\u{1B}[1;2A", .shiftUp), ("kDN", "\u{1B}[1;2B", .shiftDown),
            ("kRIT", "\u{1B}[1;2C", .shiftRight), ("kLFT", "\u{1B}[1;2D", .shiftLeft),
            ("kRIT5", "\u{1B}[1;5C", .ctrlRight), ("kLFT5", "\u{1B}[1;5D", .ctrlLeft),
        ]
        var extra: [Int32: Key] = [:]
        var nextCode = CursesKeyCode.firstCustomShiftedKey
        for entry in shifted {
            var sequences = [entry.xterm]
            if let fromTerminfo = cn_tigetstr(entry.capability) { sequences.insert(String(cString: fromTerminfo), at: 0) }
            for sequence in sequences {
                let existing = key_defined(sequence)
                if existing > 0 {
                    extra[existing] = entry.key
                } else if existing == 0, define_key(sequence, nextCode) != cn_err() {
                    extra[nextCode] = entry.key
                    nextCode += 1
                }
                // -1: the sequence is a prefix of another key's; leave it alone.
            }
        }
        return extra
    }
}
