/// The conversation pane's keys (the `conversation` context): scrolling, the message cursor
/// and what acts on the message it is on.

func conversationCommand(_ command: Command, _ state: inout AppState, _ stamp: Stamp) -> [Effect]? {
    let metrics = state.conversation.metrics
    let page = max(1, metrics.viewportRows - 1)
    let top = firstVisibleRow(state)
    let window = state.conversation.window
    func scroll(to row: Int) -> [Effect] {
        let clamped = min(max(0, row), metrics.maxTopRow)
        // Following the tail means being at the newest message, not just the window's last.
        state.conversation.scroll = clamped >= metrics.maxTopRow && window.laterCount == 0 ? .followingTail : .fixed(topRow: clamped)
        return []
    }
    switch command {
    case .previousMessage: return moveMessageCursor(&state, by: -1)
    case .nextMessage: return moveMessageCursor(&state, by: 1)
    case .copyMessage: return copySelectedMessage(&state)
    case .copyCodeBlock: return startCodeBlockCopy(&state)
    case .copyConversation: return copyConversation(&state)
    case .searchConversation: return openConversationSearch(&state)
    case .nextMatch: return stepConversationSearch(&state, by: 1)
    case .previousMatch: return stepConversationSearch(&state, by: -1)
    case .deleteMessage: return askToDelete(&state)
    case .forkFromMessage: return forkFromCursor(&state, stamp)
    case .editMessage: return startEdit(&state)
    case .regenerate: return regenerateReply(&state, stamp)
    case .previousVersion: return switchVersion(&state, step: -1)
    case .nextVersion: return switchVersion(&state, step: 1)
    case .undoDelete: return undoDelete(&state)
    case .scrollUp: return scroll(to: top - 1)
    case .scrollDown: return scroll(to: top + 1)
    case .scrollPageUp: return scroll(to: top - page)
    case .scrollPageDown: return scroll(to: top + page)
    case .scrollTop:
        // Home selects the first message, so what `y` or `i` acts on is what is shown (in a
        // long session, the oldest page's first once it is read: `messagesLoaded`).
        state.conversation.cursor = state.visibleMessages.first?.id
        if window.earlierCount > 0 { return loadWindowEnd(&state, .oldest) }
        state.conversation.scroll = metrics.maxTopRow == 0 && window.laterCount == 0 ? .followingTail : .fixed(topRow: 0)
        return []
    case .scrollBottom:
        // End selects the last message: the cursor follows the newest again.
        state.conversation.cursor = nil
        state.conversation.scroll = .followingTail
        if window.laterCount > 0 { return loadWindowEnd(&state, .newest) }
        return []
    case .inspect: return openInspector(&state)
    case .answerToolCall: return answerToolCall(&state)
    case .toggleMarkdown:
        state.screen.display.markdownReplies.toggle()
        state.status.notice = state.screen.display.markdownReplies ? "Replies shown as Markdown." : "Replies shown as the raw text the model sent."
        return []
    case .toggleDetails:
        state.screen.display.showDetails.toggle()
        state.status.notice = state.screen.display.showDetails ? "Reasoning and sources shown in full." : "Reasoning and sources shown as one line each."
        return []
    case .help: return openHelp(&state)
    default: return nil
    }
}
