import ChatCore

/// The part of `ConversationLayout` that reads the tools' state: which messages have tool rows
/// (calls or a run record) and the context their views were last derived under. While the
/// conversation holds none, or neither the messages nor the context changed, nothing is derived.
struct ToolViewIndex {
    private var indices = Set<Int>()
    private var appliedContext: ToolRowsContext?
    /// Views derived since creation (a test hook: an unchanged frame derives none).
    private(set) var derivedCount = 0

    /// Notes whether `message` at `index` has tool rows; true when it had and no longer has
    /// (its view must go).
    mutating func note(_ message: Message, at index: Int) -> Bool {
        if MessageToolView.applies(to: message) {
            indices.insert(index)
            return false
        }
        guard !indices.isEmpty else { return false }
        return indices.remove(index) != nil
    }

    /// The conversation was cut to `count` messages.
    mutating func truncate(to count: Int) {
        indices = indices.filter { $0 < count }
    }

    /// Whether the views must be derived again: some message has tool rows, and the messages
    /// moved or the context changed. Records `context` as applied when so.
    mutating func needsUpdate(messagesMoved: Bool, context: ToolRowsContext) -> Bool {
        guard !indices.isEmpty, messagesMoved || appliedContext != context else { return false }
        appliedContext = context
        return true
    }

    /// Every message with tool rows gets its view derived again (from `context` and the `tool`
    /// messages answering a reply); those that differ from `current` are returned. Runs over
    /// those messages alone: a call's state lives outside its message.
    mutating func changes(
        _ messages: [Message], context: ToolRowsContext, current: (Int) -> MessageToolView?
    ) -> [(Int, MessageToolView?)] {
        var changed: [(Int, MessageToolView?)] = []
        messages.withUnsafeBufferPointer { buffer in
            for index in indices where index < buffer.count {
                let view = MessageToolView.make(buffer, at: index, context: context)
                derivedCount += 1
                if view != current(index) { changed.append((index, view)) }
            }
        }
        return changed
    }
}
