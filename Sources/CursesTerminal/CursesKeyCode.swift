@preconcurrency import CNcursesw

/// The curses key codes the decoder understands, named so tests (which cannot see the C module)
/// can build raw input.
public enum CursesKeyCode {
    public static let up = Int32(KEY_UP)
    public static let down = Int32(KEY_DOWN)
    public static let left = Int32(KEY_LEFT)
    public static let right = Int32(KEY_RIGHT)
    /// "Scroll reverse" and "scroll forward": what terminfo calls Shift+Up and Shift+Down.
    public static let shiftUp = Int32(KEY_SR)
    public static let shiftDown = Int32(KEY_SF)
    public static let shiftLeft = Int32(KEY_SLEFT)
    public static let shiftRight = Int32(KEY_SRIGHT)
    public static let home = Int32(KEY_HOME)
    public static let end = Int32(KEY_END)
    /// vt220-style Home/End (`ESC[1~`, `ESC[4~`) arrive as Find/Select.
    public static let find = Int32(KEY_FIND)
    public static let select = Int32(KEY_SELECT)
    /// Keypad corners, which some terminals send for Home/End/PageUp/PageDown.
    public static let keypadA1 = Int32(KEY_A1)
    public static let keypadA3 = Int32(KEY_A3)
    public static let keypadC1 = Int32(KEY_C1)
    public static let keypadC3 = Int32(KEY_C3)
    public static let pageUp = Int32(KEY_PPAGE)
    public static let pageDown = Int32(KEY_NPAGE)
    public static let deleteChar = Int32(KEY_DC)
    public static let backTab = Int32(KEY_BTAB)
    public static let backspace = Int32(KEY_BACKSPACE)
    public static let enter = Int32(KEY_ENTER)
    public static let resize = Int32(KEY_RESIZE)
    public static let mouse = Int32(KEY_MOUSE)
    public static func function(_ number: Int) -> Int32 { Int32(cn_key_f(Int32(number))) }

    /// Codes we ask ncurses to return, via `define_key`, for sequences its terminfo may not
    /// know. Far above KEY_MAX and above the range ncurses assigns to extended key names.
    public static let pasteStart: Int32 = 0x7E00
    public static let pasteEnd: Int32 = 0x7E01
    static let firstCustomShiftedKey: Int32 = 0x7E10
}
