import StreamProtocol

/// Versions of a message: `e` edits a user message into a new version of it, `r` asks again
/// for a reply with the parameters as they are now, and `[`/`]` walk between the versions.
/// Nothing is ever replaced: every version stays in the session's tree, and the conversation
/// pane shows one path through it, which is exactly what the next request carries.

/// `e` on a user message: what the message box held, put back when the edit is left.
public struct MessageEdit: Sendable, Equatable {
    public var messageID: String
    /// The edited message's place among its versions, so the new one knows its number.
    public var branch: BranchPosition?
    public var draft: String

    public init(messageID: String, branch: BranchPosition?, draft: String) {
        self.messageID = messageID
        self.branch = branch
        self.draft = draft
    }
}

/// The place a new version takes: the last of its siblings.
func newestSibling(of branch: BranchPosition?, firstParameters: SessionParameters?) -> BranchPosition {
    let count = (branch?.count ?? 1) + 1
    return BranchPosition(index: count, count: count, firstParameters: branch?.firstParameters ?? firstParameters)
}

extension ConversationState {
    /// A new version starts here: the messages from `index` on are left behind (they stay in
    /// the store's tree), `newVersion` (an edited message) ends the path shown, and the pane
    /// follows the newest again, where the new reply will stream.
    mutating func branchOff(at index: Int, with newVersion: Message?) {
        messages = Array(messages[..<index]) + (newVersion.map { [$0] } ?? [])
        window.laterCount = 0
        cursor = nil
        scroll.position = .end
    }

    /// `[` (step -1) or `]` (step 1): the previous or next version of the nearest message at
    /// or above the cursor that has versions; the path below it follows that version's newest
    /// message.
    mutating func switchVersion(step: Int, shownReply: Message?, _ context: FeatureContext) -> Reduced<ConversationDelegate> {
        guard !context.isStreaming else { return .notice("A reply is still streaming: switch versions once it ends.") }
        let messages = visible(shownReply)
        guard let sessionID = activeSessionID, let index = cursorIndex(in: messages) else { return .nothing }
        guard let versioned = messages[...index].last(where: { $0.branch != nil }), let branch = versioned.branch else {
            return .notice(
                "No other versions here: \(context.keymap.displayKey(for: .editMessage, in: [.conversation])) on your message "
                    + "or \(context.keymap.displayKey(for: .regenerate, in: [.conversation])) on a reply makes one.")
        }
        guard (1...branch.count).contains(branch.index + step) else {
            return .notice(step < 0 ? "This is the first of \(branch.count) versions." : "This is the last of \(branch.count) versions.")
        }
        pendingBranchSwitch = versioned.id
        return Reduced(effects: [.switchBranch(sessionID: sessionID, fromMessageID: versioned.id, step: step)])
    }

    /// The store switched versions: the new path, read around the version shown, with the
    /// cursor on it. An answer for another session or an older switch is dropped.
    mutating func branchSwitched(sessionID: String, from messageID: String, _ result: BranchSwitch?, _ context: FeatureContext)
        -> Reduced<ConversationDelegate>
    {
        guard sessionID == activeSessionID, pendingBranchSwitch == messageID else { return .nothing }
        pendingBranchSwitch = nil
        guard let result, !result.window.messages.isEmpty else { return .notice("That version is no longer there.") }
        messages = result.window.messages
        window = ConversationWindow(earlierCount: result.window.earlierCount, laterCount: result.window.laterCount)
        cursor = result.messageID
        scroll.position = .anchor(.revealing(messageID: result.messageID))
        lastDeletion = nil
        // A compare's pick said what it did already.
        if context.notice == nil, let branch = result.window.messages.first(where: { $0.id == result.messageID })?.branch {
            return .notice("Version \(branch.index) of \(branch.count).")
        }
        return .nothing
    }
}
