/// The root's side of the inspector (Features/Overlays/Inspector.swift): which replies it
/// steps through and which it opens on are read from the conversation, the stream and compare
/// together, so they are found here and passed down as values; and a key the inspector has no
/// use for goes on to the panes' keys, which only the root can run.

/// The assistant replies of the open conversation, oldest first (the one streaming included):
/// what the inspector steps through with [ and ]. In a compare, the columns' replies.
func inspectableReplies(_ state: AppState) -> [Message] {
    if let compare = state.compare.run, compare.phase == .running { return compare.columns.map(\.reply) }
    return state.visibleMessages.filter { $0.role == .assistant }
}

/// `i` or Enter in the conversation: the inspector on the selected message, as `y`, `r` and the
/// other message keys act on it. A reply is shown itself; any other message (yours, a tool
/// result) by the reply that answers it, the first one below it before the next message of
/// yours, since only replies carry a request. In a compare, the newest column's reply.
func openInspector(_ state: inout AppState) -> [Effect] {
    let reply = inspectedReply(state)
    return state.handle(MessageInspector.open(on: reply, anyReplies: reply != nil || !inspectableReplies(state).isEmpty))
}

/// The reply `i` opens on: the selected message when it is a reply, else the reply below it
/// (the streaming one included) up to the next message of yours.
private func inspectedReply(_ state: AppState) -> Message? {
    if let compare = state.compare.run, compare.phase == .running { return compare.columns.last?.reply }
    guard let index = cursorIndex(state) else { return nil }
    let messages = state.visibleMessages
    for message in messages[index...] {
        if message.role == .assistant { return message }
        if message.role == .user, message.id != messages[index].id { return nil }
    }
    return nil
}

/// The inspector's commands, run in the app: nil when it is not open or the command is not its.
func inspectorCommand(_ command: Command, _ state: inout AppState) -> [Effect]? {
    guard case let .inspector(inspector)? = state.destination,
          let reduced = inspectorCommand(command, inspector, replies: inspectableReplies(state), profile: state.launch.profile)
    else { return nil }
    return state.handle(reduced)
}

/// A key the inspector has no use for, while it is open over the panes: instead of being
/// swallowed, it closes the inspector and does what it does without it. A global key acts
/// (Alt+4 goes to the message box, Ctrl+N starts a session); a printable key is typed into
/// the message box, as if the user had gone there first. Over compare the columns keep their
/// keys to themselves (nothing passes), and a key the inspector binds never passes, even where
/// it has nothing to do (`[` on the oldest reply).
func keyPastInspector(_ state: inout AppState, _ key: Key, _ stamp: Stamp) -> [Effect]? {
    guard case .inspector? = state.destination, state.compare.run == nil,
          state.keymap.command(for: key, in: .inspector) == nil else { return nil }
    let global = state.keymap.command(for: key, in: .global)
    guard global != nil || key.isCharacter else { return nil }
    state.destination = nil
    if global == nil { state.screen.focus = .composer }
    return handleKey(&state, key, stamp)
}

extension Key {
    fileprivate var isCharacter: Bool {
        if case .character = self { return true }
        return false
    }
}
