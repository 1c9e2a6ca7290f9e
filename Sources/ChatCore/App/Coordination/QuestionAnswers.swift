/// The answers to the questions of `Features/Overlays/Confirm.swift`, carried out by the root:
/// a confirmed delete is the sessions' or the conversation's to do, a code block's number is
/// the conversation's, and a key that is no answer goes on to the app's keys.

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
    guard case let .confirm(question)? = state.destination, let reduced = question.answer(command) else { return nil }
    state.apply(reduced.shared)
    var effects = reduced.effects
    for delegate in reduced.delegates {
        switch delegate {
        case let .confirmed(.deleteSession(id)): effects += deleteSessionConfirmed(&state, id: id, stamp)
        case let .confirmed(.deleteMessage(id)): effects += deleteMessageConfirmed(&state, id: id, stamp)
        }
    }
    return effects
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
