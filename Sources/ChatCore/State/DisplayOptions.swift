/// How messages are shown: set by the config file's `[display]` table, and for replies toggled
/// at run time (`toggle-markdown`). The views read it; nothing is stored.
public struct DisplayOptions: Sendable, Equatable {
    /// Replies rendered as Markdown (false: the raw text the model sent).
    public var markdownReplies: Bool
    /// The user's own messages rendered as Markdown too (off: shown exactly as typed).
    public var markdownUserMessages: Bool
    /// Replies' reasoning and sources in full (`toggle-details`) rather than one line each.
    public var showDetails: Bool

    public init(markdownReplies: Bool = true, markdownUserMessages: Bool = false, showDetails: Bool = false) {
        self.markdownReplies = markdownReplies
        self.markdownUserMessages = markdownUserMessages
        self.showDetails = showDetails
    }
}

/// The tool call the message box is answering.
public struct ToolAnswer: Sendable, Equatable {
    /// The id the result is sent with (`ToolCall.wireID`).
    public var callID: String
    public var name: String

    public init(callID: String, name: String) {
        self.callID = callID
        self.name = name
    }
}
