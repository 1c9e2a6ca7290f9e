/// How the root reaches the conversation room. The pane's own keys and answers act on
/// `ConversationState` alone (Features/Conversation/); these functions lend it what it reads
/// of the rest of the app (the reply in flight, the keymap, whether a reply streams) and apply
/// what it returns. They keep the names the key dispatcher and the other rooms call.

/// The `conversation` context's keys. The pane's own commands go to the room; these start
/// work in another room, so the root sends them there: `e` edits in the message box, `r`
/// starts a reply (the stream), `f` forks (the sessions list), `i` opens the inspector, the
/// tool-call key answers in the message box, `?` opens help.
func conversationCommand(_ command: Command, _ state: inout AppState, _ stamp: Stamp) -> [Effect]? {
    switch command {
    case .forkFromMessage: return forkFromCursor(&state, stamp)
    case .editMessage: return startEdit(&state)
    case .regenerate: return regenerateReply(&state, stamp)
    case .inspect: return openInspector(&state)
    case .answerToolCall: return answerToolCall(&state)
    case .help: return openHelp(&state)
    default:
        guard let reduced = state.conversation.perform(command, shownReply: state.shownReply, state.context) else { return nil }
        return state.handle(reduced)
    }
}

/// The `conversationSearch` context's keys (the query line).
func conversationSearchCommand(_ command: Command, _ state: inout AppState) -> [Effect]? {
    guard let reduced = state.conversation.searchCommand(command) else { return nil }
    return state.handle(reduced)
}

/// The index in `visibleMessages` of the selected message: the cursor's, else the last.
func cursorIndex(_ state: AppState) -> Int? {
    state.conversation.cursorIndex(in: state.visibleMessages)
}

/// The digit after `c` (`answerCodeBlockNumber`): block `number` of the selected message.
func copyCodeBlock(_ state: inout AppState, number: Int) -> [Effect] {
    state.handle(state.conversation.copyCodeBlock(number: number, state.visibleMessages))
}

/// `y` after `d` (`answerConfirm`): the message and everything below it go.
func deleteMessageConfirmed(_ state: inout AppState, id messageID: String, _ stamp: Stamp) -> [Effect] {
    state.handle(state.conversation.deleteConfirmed(id: messageID, stamp, state.context))
}

/// After the conversation search's query changed (typed, or set by a session-search hit):
/// the matches among the messages shown, and the status line's summary of them.
func refreshConversationSearch(_ state: inout AppState) {
    if let summary = state.conversation.refreshSearch(shownReply: state.shownReply) { state.apply([summary]) }
}
