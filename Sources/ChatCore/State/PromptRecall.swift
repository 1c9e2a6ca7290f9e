/// ↑ on the first line of the message box walks back through the session's prompts; this is
/// where the walk stands and what was being typed before it began (↓ past the newest returns it).
public struct PromptRecall: Sendable, Equatable {
    /// Index into the session's prompts, oldest first.
    public var position: Int
    public var draft: String
    /// The text the recall put in the box: once the user edits it, the next ↑ starts afresh.
    public var shown: String
}
