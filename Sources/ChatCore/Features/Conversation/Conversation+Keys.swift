/// The conversation pane's keys (the `conversation` context): scrolling, the message cursor
/// and what acts on the message it is on. The keys that start work in another room (edit,
/// regenerate, fork, inspect, answer a tool call, help) are routed there by the root
/// (`App/Coordination/ConversationCommands.swift`); these act on the pane's own state.

extension ConversationState {
    /// Runs one of the pane's own commands; nil when `command` is not one of them (the key
    /// is offered to the next context). `shownReply`: the reply in flight drawn under the
    /// messages held (the root's `shownReply`), which the cursor can select.
    mutating func perform(_ command: Command, shownReply: Message?, _ context: FeatureContext) -> Reduced<ConversationDelegate>? {
        let page = scroll.pageRows
        let top = firstVisibleRow
        // Following the tail means being at the newest message, not just the window's last.
        let followsEnd = window.laterCount == 0
        switch command {
        case .previousMessage: return moveCursor(by: -1, shownReply: shownReply)
        case .nextMessage: return moveCursor(by: 1, shownReply: shownReply)
        case .copyMessage: return copySelectedMessage(visible(shownReply))
        case .copyCodeBlock: return startCodeBlockCopy(visible(shownReply))
        case .copyConversation: return copyConversation(visible(shownReply))
        case .searchConversation: return openSearch()
        case .nextMatch: return stepSearch(by: 1, shownReply: shownReply)
        case .previousMatch: return stepSearch(by: -1, shownReply: shownReply)
        case .deleteMessage: return askToDelete(visible(shownReply), context)
        case .previousVersion: return switchVersion(step: -1, shownReply: shownReply, context)
        case .nextVersion: return switchVersion(step: 1, shownReply: shownReply, context)
        case .undoDelete: return undoDelete(context)
        case .scrollUp: scroll.scroll(to: top - 1, followsEnd: followsEnd)
        case .scrollDown: scroll.scroll(to: top + 1, followsEnd: followsEnd)
        case .scrollPageUp: scroll.scroll(to: top - page, followsEnd: followsEnd)
        case .scrollPageDown: scroll.scroll(to: top + page, followsEnd: followsEnd)
        case .scrollTop:
            // Home selects the first message, so what `y` or `i` acts on is what is shown (in a
            // long session, the oldest page's first once it is read: `messagesLoaded`).
            cursor = visible(shownReply).first?.id
            if window.earlierCount > 0 { return Reduced(effects: loadWindowEnd(.oldest)) }
            scroll.scroll(to: 0, followsEnd: followsEnd)
        case .scrollBottom:
            // End selects the last message: the cursor follows the newest again.
            cursor = nil
            scroll.position = .end
            if window.laterCount > 0 { return Reduced(effects: loadWindowEnd(.newest)) }
        case .toggleMarkdown: return Reduced(delegates: [.toggleMarkdownReplies])
        case .toggleDetails: return Reduced(delegates: [.toggleDetails])
        default: return nil
        }
        return Reduced()
    }
}
