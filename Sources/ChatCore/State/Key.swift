/// A key press, decoded from the terminal by CursesTerminal. The keymap (`Keymap`) names the
/// command it stands for in the context at hand, so key handling is tested with plain values.
/// How keys are written in config.toml and shown on screen: `KeyName`.
public enum Key: Sendable, Equatable, Hashable {
    /// A printable character (already a whole grapheme when the terminal sent one).
    case character(Character)
    case enter
    case tab, backTab
    case backspace, delete
    case escape
    case up, down, left, right
    case shiftUp, shiftDown, shiftLeft, shiftRight
    /// Ctrl+←/→: a word at a time in text inputs (xterm's `ESC [1;5D`/`C`).
    case ctrlLeft, ctrlRight
    case home, end, pageUp, pageDown
    case function(Int)
    /// Ctrl plus a letter, lowercase: `.control("n")` is Ctrl+N. Ctrl+J arrives as `.control("j")`,
    /// distinct from Enter because the terminal runs with `nonl()` and `raw()`.
    case control(Character)
    /// Alt (Meta) plus a character: `.alt("1")` is Alt+1.
    case alt(Character)
    case altEnter
    /// Alt+Backspace (ESC DEL): delete the word before the caret.
    case altBackspace
}
