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

/// A key while a question is open: `confirm` does it; anything else answers no, and an `app`
/// key (quit, interrupt, the palette) then does its own job.
func answerConfirm(_ state: inout AppState, _ key: Key, _ stamp: Stamp) -> [Effect] {
    if let command = state.keymap.command(for: key, in: .confirm),
       let effects = confirmCommand(command, &state, stamp) { return effects }
    _ = confirmCommand(.decline, &state, stamp)
    guard let command = state.keymap.command(for: key, in: .app) else { return [] }
    return perform(command, in: .app, &state, stamp) ?? []
}

/// `confirm` and `decline`, from their keys or the palette. Either closes the question.
func confirmCommand(_ command: Command, _ state: inout AppState, _ stamp: Stamp) -> [Effect]? {
    guard case let .confirm(question)? = state.destination, command == .confirm || command == .decline else { return nil }
    state.destination = nil
    guard command == .confirm else {
        state.status.notice = "Nothing deleted."
        return []
    }
    switch question {
    case let .deleteSession(id): return deleteSessionConfirmed(&state, id: id, stamp)
    case let .deleteMessage(id): return deleteMessageConfirmed(&state, id: id, stamp)
    }
}

/// The key after `c`: a `copy-block-N` key copies block N; any other key cancels and then does
/// what it always does (nil: the caller goes on with the key).
func answerCodeBlockNumber(_ state: inout AppState, _ key: Key, _ stamp: Stamp) -> [Effect]? {
    state.destination = nil
    guard let number = state.keymap.command(for: key, in: .codeBlock)?.codeBlockNumber else { return nil }
    return copyCodeBlock(&state, number: number)
}

/// `copy-block-N` from the palette (or its key): copies block N while the question is open.
func codeBlockCommand(_ command: Command, _ state: inout AppState) -> [Effect]? {
    guard case .codeBlockNumber? = state.destination, let number = command.codeBlockNumber else { return nil }
    state.destination = nil
    return copyCodeBlock(&state, number: number)
}
