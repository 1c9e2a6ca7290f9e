import ChatCore

/// What the terminal produced, decoded: the run loop turns these into actions.
public enum InputEvent: Equatable, Sendable {
    case key(Key)
    /// The whole text of one bracketed paste, line breaks normalised to "\n". Untrusted: the
    /// consumer sanitises it before it reaches the grid.
    case paste(String)
    case resize(width: Int, height: Int)
    /// A click or the wheel (only while the mouse is on).
    case mouse(MouseEvent)
}

/// One value from `wget_wch`: a character (a Unicode scalar, possibly a control character) or
/// a curses key code (`KEY_*`, or a code assigned with `define_key`).
public enum RawInput: Equatable, Sendable {
    case char(UInt32)
    case keyCode(Int32)
    /// KEY_MOUSE with what `getmouse` said, read right after it (nil: a report we do not use).
    case mouse(MouseEvent?)
}
