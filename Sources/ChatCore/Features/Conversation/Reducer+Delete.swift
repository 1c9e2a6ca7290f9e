import StreamProtocol

/// `d` deletes the selected message and everything below it (the rest of the path and any
/// other versions under it), once the user confirms with `y`; `u` puts the last deletion back
/// while chatterm runs (the store keeps the rows until then).

/// What the last delete removed, for `u`.
public struct Deletion: Sendable, Equatable {
    public var id: String
    public var sessionID: String
    public var messages: [Message]
    /// Messages after the held window that went with them.
    public var laterCount: Int
    /// The deleted message had other versions: the path went on through one of them, so
    /// both the delete and its undo read the path again from the store.
    public var hadVersions: Bool = false
}

extension ConversationState {
    func askToDelete(_ visible: [Message], _ context: FeatureContext) -> Reduced<ConversationDelegate> {
        guard !context.isStreaming else { return .notice("A reply is still streaming: stop it before deleting messages.") }
        guard activeSessionID != nil, let index = cursorIndex(in: visible) else { return .notice("No message to delete.") }
        let after = visible.count - 1 - index + window.laterCount
        let versionsBelow = visible[(index + 1)...].contains { $0.branch != nil }
        let question = "Delete this message" + (after > 0 ? " and the \(after) after it" : "")
            + (versionsBelow ? " (with their other versions)" : "")
            + "? \(context.keymap.displayKey(for: .confirm, in: [.confirm])) deletes, any other key keeps " + (after > 0 ? "them." : "it.")
        return Reduced(shared: [.present(.confirm(.deleteMessage(id: visible[index].id))), .notice(question)])
    }

    /// `y` after `d` (`answerConfirm`): the message and everything below it go.
    mutating func deleteConfirmed(id messageID: String, _ stamp: Stamp, _ context: FeatureContext) -> Reduced<ConversationDelegate> {
        guard let sessionID = activeSessionID, let index = messages.firstIndex(where: { $0.id == messageID }) else {
            return .notice("Nothing deleted.")
        }
        let removed = Array(messages[index...])
        let laterCount = window.laterCount
        let hadVersions = removed[0].branch != nil
        messages.removeSubrange(index...)
        window.laterCount = 0
        lastDeletion = Deletion(id: stamp.freshID, sessionID: sessionID, messages: removed, laterCount: laterCount, hadVersions: hadVersions)
        cursor = nil
        scroll.position = .end
        let count = removed.count + laterCount
        let notice = SharedRequest.notice(
            "Deleted \(count) message\(count == 1 ? "" : "s"). "
                + "\(context.keymap.displayKey(for: .undoDelete, in: [.conversation])) puts \(count == 1 ? "it" : "them") back.")
        let delete = Effect.deleteMessages(sessionID: sessionID, fromMessageID: messageID, deletionID: stamp.freshID)
        guard hadVersions else { return Reduced(effects: [delete], shared: [notice]) }
        // The path now goes on through another version: read it (after the delete).
        window.pendingLoad = .newest
        return Reduced(effects: [delete, .loadMessages(sessionID: sessionID, .newest)], shared: [notice])
    }

    mutating func undoDelete(_ context: FeatureContext) -> Reduced<ConversationDelegate> {
        guard let deletion = lastDeletion, deletion.sessionID == activeSessionID else { return .notice("Nothing to undo here.") }
        guard !context.isStreaming else { return .notice("A reply is still streaming: undo once it ends.") }
        lastDeletion = nil
        let count = deletion.messages.count + deletion.laterCount
        let notice = SharedRequest.notice("Restored \(count) message\(count == 1 ? "" : "s").")
        let restore = Effect.restoreDeletion(sessionID: deletion.sessionID, deletionID: deletion.id)
        if deletion.hadVersions, let first = deletion.messages.first {
            // The path went through another version meanwhile: read the restored one's again.
            let position = WindowPosition.around(messageID: first.id)
            window.pendingLoad = position
            return Reduced(effects: [restore, .loadMessages(sessionID: deletion.sessionID, position)], shared: [notice])
        }
        messages.append(contentsOf: deletion.messages)
        window.laterCount += deletion.laterCount
        scroll.position = .end
        cursor = deletion.messages.first?.id
        return Reduced(effects: [restore], shared: [notice])
    }
}
