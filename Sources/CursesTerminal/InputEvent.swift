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

/// One value from `wgetch`: a byte of UTF-8 text (possibly a control character), a curses
/// key code (`KEY_*`, or a code assigned with `define_key`), or an already decoded character.
public enum RawInput: Equatable, Sendable {
    /// One byte as the terminal sent it; `KeyDecoder` joins them into characters.
    case byte(UInt8)
    /// A Unicode scalar, possibly a control character.
    case char(UInt32)
    case keyCode(Int32)
    /// KEY_MOUSE with what `getmouse` said, read right after it (nil: a report we do not use).
    case mouse(MouseEvent?)
}
