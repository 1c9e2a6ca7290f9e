/// Questions the next key answers, asked on the status line: whether to delete (`y` confirms,
/// `n` or any other key keeps), and which code block to copy after `c` (a digit). Their keys
/// are rows of the keymap (`confirm`, `code-block`), so help lists them and `[keys]` rebinds
/// them; Ctrl+C and Ctrl+Q still do their job under them.

/// What a `Destination.confirm` asks about.
public enum Confirm: Sendable, Equatable {
    /// Delete this session and all its messages (`d` in the sessions pane).
    case deleteSession(id: String)
    /// Delete this message and everything below it (`d` in the conversation).
    case deleteMessage(id: String)
}

enum ConfirmDelegate: Sendable, Equatable {
    /// `confirm`: the app deletes what the question named (the sessions' or the
    /// conversation's to do).
    case confirmed(Confirm)
}

extension Confirm {
    /// `confirm` and `decline`, from their keys or the palette: either closes the question;
    /// nil for any other command.
    func answer(_ command: Command) -> Reduced<ConfirmDelegate>? {
        switch command {
        case .confirm: return Reduced(shared: [.present(nil)], delegates: [.confirmed(self)])
        case .decline: return Reduced(shared: [.present(nil), .notice("Nothing deleted.")])
        default: return nil
        }
    }
}
