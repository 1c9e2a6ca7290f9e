import MarkdownParsing
import StreamProtocol

/// The conversation pane's message cursor and what acts on the selected message: moving it
/// (the pane scrolls just enough to show it), copying its text or one of its code blocks, and
/// copying the whole conversation as Markdown. `visible` is what the pane shows: the messages
/// held and the reply in flight under them (`visible(_:)`).

extension ConversationState {
    /// The messages held and, under them, the reply in flight when the pane shows it.
    func visible(_ shownReply: Message?) -> [Message] {
        guard let shownReply else { return messages }
        return messages + [shownReply]
    }

    /// The index in `visible` of the selected message: the cursor's, else the last.
    func cursorIndex(in visible: [Message]) -> Int? {
        guard !visible.isEmpty else { return nil }
        if let cursor, let index = visible.firstIndex(where: { $0.id == cursor }) { return index }
        return visible.count - 1
    }

    mutating func moveCursor(by step: Int, shownReply: Message?) -> Reduced<ConversationDelegate> {
        let messages = visible(shownReply)
        guard let current = cursorIndex(in: messages) else { return .nothing }
        let target = current + step
        if target < 0 {
            // Above the first message held: read the page before it (the cursor stays; the next
            // press moves on once it is there).
            cursor = messages[0].id
            scroll.position = .anchor(.revealing(messageID: messages[0].id))
            if window.earlierCount > 0, window.pendingLoad == nil, let sessionID = activeSessionID {
                window.pendingLoad = .before(messageID: messages[0].id)
                return Reduced(effects: [.loadMessages(sessionID: sessionID, .before(messageID: messages[0].id))])
            }
            return .nothing
        }
        if target >= messages.count {
            if window.laterCount > 0 {
                cursor = messages[messages.count - 1].id
                return Reduced(effects: loadWindowEnd(.after(messageID: messages[messages.count - 1].id)))
            }
            // Past the last message: back to following new ones.
            cursor = nil
            scroll.position = .end
            return .nothing
        }
        cursor = messages[target].id
        scroll.position = target == messages.count - 1 && window.laterCount == 0 && scroll.position == .end
            ? .end : .anchor(.revealing(messageID: messages[target].id))
        return .nothing
    }

    // MARK: - Copying

    func copySelectedMessage(_ visible: [Message]) -> Reduced<ConversationDelegate> {
        guard let index = cursorIndex(in: visible) else { return .notice("No message to copy.") }
        let message = visible[index]
        let text = message.content.isEmpty && !message.toolCalls.isEmpty
            ? message.toolCalls.map { "\($0.name) \($0.arguments)" }.joined(separator: "\n") : message.content
        guard !text.isEmpty else { return .notice("This message has no text to copy.") }
        return Reduced(effects: [.copyToClipboard(text)], shared: [.notice("Copied \(describe(message)) (\(amount(text))).")])
    }

    /// `c`: wait for the block's number.
    func startCodeBlockCopy(_ visible: [Message]) -> Reduced<ConversationDelegate> {
        guard let index = cursorIndex(in: visible) else { return .notice("No message selected.") }
        let count = codeBlocks(of: visible[index]).count
        guard count > 0 else { return .notice("The selected message has no code block.") }
        return Reduced(shared: [
            .present(.codeBlockNumber),
            .notice(count == 1 ? "Copy code block: press 1." : "Copy code block: press its number (1–\(count))."),
        ])
    }

    /// The digit after `c` (`answerCodeBlockNumber`): block `number` of the selected message.
    func copyCodeBlock(number: Int, _ visible: [Message]) -> Reduced<ConversationDelegate> {
        guard let index = cursorIndex(in: visible) else { return .nothing }
        let blocks = codeBlocks(of: visible[index])
        guard number <= blocks.count else {
            return .notice("There is no code block \(number) (the message has \(blocks.count)).")
        }
        let code = blocks[number - 1]
        let label = code.language.isEmpty ? "" : " (\(code.language))"
        return Reduced(effects: [.copyToClipboard(code.text)], shared: [.notice("Copied code block \(number)\(label), \(amount(code.text)).")])
    }

    /// `Y`: the conversation as Markdown; a session not held whole is read first
    /// (`historyArrived(_:)` copies it then).
    mutating func copyConversation(_ visible: [Message]) -> Reduced<ConversationDelegate> {
        guard let sessionID = activeSessionID, !messages.isEmpty else { return .notice("No conversation to copy.") }
        if !window.isComplete {
            pendingCopyAll = true
            return Reduced(effects: [.loadRequestHistory(sessionID: sessionID)], shared: [.notice("Reading the whole conversation to copy it…")])
        }
        return copyAll(visible)
    }

    func copyAll(_ messages: [Message]) -> Reduced<ConversationDelegate> {
        let text = ConversationMarkdown.text(of: messages)
        return Reduced(
            effects: [.copyToClipboard(text)],
            shared: [.notice("Copied the conversation as Markdown: \(messages.count) message\(messages.count == 1 ? "" : "s"), \(amount(text)).")])
    }
}

/// A message's code blocks in the order the pane numbers them.
func codeBlocks(of message: Message) -> [CodeBlock] {
    guard !message.content.isEmpty else { return [] }
    return MarkdownParser.blocks(message.content).flatMap(\.codeBlocks)
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
