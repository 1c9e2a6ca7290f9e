/// The root's answers to what the conversation room asks beyond the shared requests.
extension AppState {
    /// The conversation's effects, after the root has answered its delegates.
    mutating func handle(_ reduced: Reduced<ConversationDelegate>) -> [Effect] {
        apply(reduced.shared)
        for delegate in reduced.delegates {
            switch delegate {
            case .toggleMarkdownReplies:
                screen.display.markdownReplies.toggle()
                status.notice = screen.display.markdownReplies ? "Replies shown as Markdown." : "Replies shown as the raw text the model sent."
            case .toggleDetails:
                // On a tool result, `t` unfolds (or folds) that result alone.
                if toggleToolResult(&self) { continue }
                screen.display.showDetails.toggle()
                status.notice = screen.display.showDetails ? "Reasoning and sources shown in full." : "Reasoning and sources shown as one line each."
            }
        }
        return reduced.effects
    }
}
