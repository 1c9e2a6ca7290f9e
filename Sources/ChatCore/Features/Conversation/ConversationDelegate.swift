/// What the conversation asks of the root beyond the shared requests: changes to state that
/// is not the pane's own.
public enum ConversationDelegate: Sendable, Equatable {
    /// `toggle-markdown`: replies as Markdown or as the raw text (how messages are shown is
    /// the screen's, which every view reads).
    case toggleMarkdownReplies
    /// `toggle-details`: reasoning and sources in full or as one line each.
    case toggleDetails
}
