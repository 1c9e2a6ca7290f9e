/// What the message box answers on its own state: the `text` commands (moves, deletes, the
/// kill buffer's Ctrl+Y) while it has the keys.
public enum ComposerAction: Sendable, Equatable {
    case edit(Command)
}

/// What the message box tells the root.
public enum ComposerDelegate: Sendable, Equatable {
    /// The command did not apply here (nothing to delete to the end of the line, no line
    /// above), so the key falls through to the next context.
    case notApplied
    /// Enter: the text goes out (a new message, an edit's new version, a tool result); sending
    /// spans the conversation, the sessions and the stream, so the root does it.
    case send(Stamp)
    /// Type this into the input that has the keys (a line break).
    case type(String)
    /// PgUp/PgDn in the message box scroll the conversation.
    case scrollConversation(Command, Stamp)
}
