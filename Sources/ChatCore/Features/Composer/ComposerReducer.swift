/// The message box's reducer: sees only `ComposerState`.
func reduceComposer(_ state: inout ComposerState, _ action: ComposerAction) -> Reduced<ComposerDelegate> {
    switch action {
    case let .edit(command):
        let result = applyTextCommand(command, to: &state.input, killBuffer: state.killBuffer)
        guard result.applied else { return Reduced(delegates: [.notApplied]) }
        if let killed = result.killed, !killed.isEmpty { state.killBuffer = killed }
        return .nothing
    }
}

/// A `text` command on one input (every text input shares this, so a key means the same in
/// each): whether it applied, and what a delete-to put in the kill buffer.
func applyTextCommand(_ command: Command, to input: inout TextInput, killBuffer: String) -> (applied: Bool, killed: String?) {
    var killed: String?
    let applied: Bool
    switch command {
    case .cursorLeft: input.moveLeft(); applied = true
    case .cursorRight: input.moveRight(); applied = true
    case .wordLeft: input.moveWordLeft(); applied = true
    case .wordRight: input.moveWordRight(); applied = true
    case .lineStart: input.moveToLineStart(); applied = true
    case .lineEnd: input.moveToLineEnd(); applied = true
    case .lineUp: applied = input.moveVertically(up: true)
    case .lineDown: applied = input.moveVertically(up: false)
    case .deleteBackward: input.deleteBackward(); applied = true
    case .deleteForward: input.deleteForward(); applied = true
    case .deleteWordBackward: killed = input.deleteWordBackward(); applied = true
    case .deleteWordForward: killed = input.deleteWordForward(); applied = true
    case .deleteToLineStart: killed = input.deleteToLineStart(); applied = true
    case .deleteToLineEnd:
        killed = input.deleteToLineEnd()
        applied = killed?.isEmpty == false
    case .yank: input.insert(killBuffer); applied = true
    default: applied = false
    }
    return (applied, killed)
}
