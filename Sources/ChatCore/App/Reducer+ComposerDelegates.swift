/// The root's answers to the message box: sending (which spans the conversation, the sessions
/// and the stream), typing into whichever input has the keys, and scrolling the conversation.
extension AppState {
    /// The message box's effects, after the root has answered its delegates.
    mutating func handle(_ reduced: Reduced<ComposerDelegate>) -> [Effect] {
        apply(reduced.shared)
        var effects = reduced.effects
        for delegate in reduced.delegates {
            switch delegate {
            case .notApplied: continue
            case let .send(stamp): effects += ChatCore.send(&self, stamp)
            case let .type(text): typeText(&self, text)
            case let .scrollConversation(command, stamp): effects += conversationCommand(command, &self, stamp) ?? []
            }
        }
        return effects
    }
}
