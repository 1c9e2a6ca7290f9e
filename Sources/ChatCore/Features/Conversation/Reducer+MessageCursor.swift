import MarkdownParsing
import StreamProtocol

/// The conversation pane's message cursor and what acts on the selected message: moving it
/// (the pane scrolls just enough to show it), copying its text or one of its code blocks, and
/// copying the whole conversation as Markdown.

/// The index in `visibleMessages` of the selected message: the cursor's, else the last.
func cursorIndex(_ state: AppState) -> Int? {
    let messages = state.visibleMessages
    guard !messages.isEmpty else { return nil }
    if let id = state.conversation.cursor, let index = messages.firstIndex(where: { $0.id == id }) { return index }
    return messages.count - 1
}

func moveMessageCursor(_ state: inout AppState, by step: Int) -> [Effect] {
    let messages = state.visibleMessages
    guard let current = cursorIndex(state) else { return [] }
    let target = current + step
    if target < 0 {
        // Above the first message held: read the page before it (the cursor stays; the next
        // press moves on once it is there).
        state.conversation.cursor = messages[0].id
        state.conversation.scroll = .revealing(messageID: messages[0].id)
        if state.conversation.window.earlierCount > 0, state.conversation.window.pendingLoad == nil,
           let sessionID = state.conversation.activeSessionID {
            state.conversation.window.pendingLoad = .before(messageID: messages[0].id)
            return [.loadMessages(sessionID: sessionID, .before(messageID: messages[0].id))]
        }
        return []
    }
    if target >= messages.count {
        if state.conversation.window.laterCount > 0 {
            state.conversation.cursor = messages[messages.count - 1].id
            return loadWindowEnd(&state, .after(messageID: messages[messages.count - 1].id))
        }
        // Past the last message: back to following new ones.
        state.conversation.cursor = nil
        state.conversation.scroll = .followingTail
        return []
    }
    state.conversation.cursor = messages[target].id
    state.conversation.scroll = target == messages.count - 1 && state.conversation.window.laterCount == 0 && state.conversation.scroll == .followingTail
        ? .followingTail : .revealing(messageID: messages[target].id)
    return []
}

// MARK: - Copying

func copySelectedMessage(_ state: inout AppState) -> [Effect] {
    guard let index = cursorIndex(state) else {
        state.status.notice = "No message to copy."
        return []
    }
    let message = state.visibleMessages[index]
    let text = message.content.isEmpty && !message.toolCalls.isEmpty
        ? message.toolCalls.map { "\($0.name) \($0.arguments)" }.joined(separator: "\n") : message.content
    guard !text.isEmpty else {
        state.status.notice = "This message has no text to copy."
        return []
    }
    state.status.notice = "Copied \(describe(message)) (\(amount(text)))."
    return [.copyToClipboard(text)]
}

/// `c`: wait for the block's number.
func startCodeBlockCopy(_ state: inout AppState) -> [Effect] {
    guard let index = cursorIndex(state) else {
        state.status.notice = "No message selected."
        return []
    }
    let count = codeBlocks(of: state.visibleMessages[index]).count
    guard count > 0 else {
        state.status.notice = "The selected message has no code block."
        return []
    }
    state.destination = .codeBlockNumber
    state.status.notice = count == 1 ? "Copy code block: press 1." : "Copy code block: press its number (1–\(count))."
    return []
}

/// The digit after `c` (`answerCodeBlockNumber`): block `number` of the selected message.
func copyCodeBlock(_ state: inout AppState, number: Int) -> [Effect] {
    guard let index = cursorIndex(state) else { return [] }
    let blocks = codeBlocks(of: state.visibleMessages[index])
    guard number <= blocks.count else {
        state.status.notice = "There is no code block \(number) (the message has \(blocks.count))."
        return []
    }
    let code = blocks[number - 1]
    let label = code.language.isEmpty ? "" : " (\(code.language))"
    state.status.notice = "Copied code block \(number)\(label), \(amount(code.text))."
    return [.copyToClipboard(code.text)]
}

/// A message's code blocks in the order the pane numbers them.
func codeBlocks(of message: Message) -> [CodeBlock] {
    guard !message.content.isEmpty else { return [] }
    return MarkdownParser.blocks(message.content).flatMap(\.codeBlocks)
}

/// `Y`: the conversation as Markdown; a session not held whole is read first.
func copyConversation(_ state: inout AppState) -> [Effect] {
    guard let sessionID = state.conversation.activeSessionID, !state.conversation.messages.isEmpty else {
        state.status.notice = "No conversation to copy."
        return []
    }
    if !state.conversation.window.isComplete {
        state.conversation.pendingCopyAll = true
        state.status.notice = "Reading the whole conversation to copy it…"
        return [.loadRequestHistory(sessionID: sessionID)]
    }
    return copyAll(&state, state.visibleMessages)
}

func copyAll(_ state: inout AppState, _ messages: [Message]) -> [Effect] {
    let text = ConversationMarkdown.text(of: messages)
    state.status.notice = "Copied the conversation as Markdown: \(messages.count) message\(messages.count == 1 ? "" : "s"), \(amount(text))."
    return [.copyToClipboard(text)]
}

private func describe(_ message: Message) -> String {
    switch message.role {
    case .user: return "your message"
    case .assistant: return "the reply"
    case .system: return "the system message"
    case .tool: return "the tool result"
    }
}

/// "1,234 characters, 3 lines".
func amount(_ text: String) -> String {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
    let characters = text.count
    return "\(characters) character\(characters == 1 ? "" : "s")" + (lines > 1 ? ", \(lines) lines" : "")
}
