/// The key map as the help overlay and docs/keys.md show it. The reducer is the authority on
/// what keys do; this list describes it and a test keeps the two in step.
public enum KeyBindings {
    public static let help: [(keys: String, action: String)] = [
        ("Enter", "send the message"),
        ("Alt+Enter, Ctrl+J", "new line in the message"),
        ("Esc", "stop the streaming reply / close this help"),
        ("Ctrl+C", "stop the reply; quit when nothing streams"),
        ("Ctrl+Q", "quit"),
        ("Ctrl+N", "new session"),
        ("Tab, Shift+Tab", "next / previous pane"),
        ("Alt+1 … Alt+4", "Sessions / Conversation / Parameters / Message"),
        ("F1, ?", "this help (? outside the message box)"),
        ("↑/↓, PgUp/PgDn", "scroll the conversation (PgUp/PgDn also from the message box)"),
        ("Home, End", "top of the conversation / follow the reply again"),
        ("↑/↓, j/k, Enter", "Sessions: choose, open"),
        ("↑/↓, ←/→", "Parameters: choose, step"),
        ("Shift+←/→", "Parameters: big step"),
        ("Backspace", "Parameters: unset (not sent)"),
    ]
}
