/// The message box's own state: the one `TextInput`, its draft kept per session, the recall
/// of earlier prompts, the kill buffer every text input shares, and what Enter does instead of
/// sending a new message (an edit of a user message, an answer to a tool call).
public struct ComposerState: Sendable, Equatable {
    public var input = TextInput()
    /// The message box's draft, kept per session in the store (nil: not kept, as in `ask`).
    public var drafts: DraftKeeping?
    /// Where ↑/↓ stand in the session's earlier prompts, while recalling them.
    public var promptRecall: PromptRecall?
    /// The text Ctrl+U/K/W deleted last, for Ctrl+Y (shared by every text input).
    public var killBuffer = ""
    /// `e` on a user message: the message box holds its text, and Enter sends it as a new
    /// version of it.
    public var messageEdit: MessageEdit?
    /// The message box answers this tool call (Enter stores a `tool` message) instead of
    /// sending a user message.
    public var toolAnswer: ToolAnswer?

    public init() {}
}
