/// What the message box answers on its own state: the `text` commands (moves, deletes, the
/// kill buffer's Ctrl+Y) while it has the keys.
public enum ComposerAction: Sendable, Equatable {
    case edit(Command)
}

/// What the message box tells the root: the command did not apply here (nothing to delete to
/// the end of the line, no line above), so the key falls through to the next context.
public enum ComposerDelegate: Sendable, Equatable {
    case notApplied
}
