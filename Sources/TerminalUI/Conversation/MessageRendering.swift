import StreamProtocol

/// Which messages are rendered as Markdown rather than shown as written, and whether a
/// reply's reasoning and sources are shown in full.
public struct MessageRendering: Sendable, Equatable {
    public var assistantMarkdown: Bool
    public var userMarkdown: Bool
    /// Reasoning and sources shown in full rather than as one summary line each.
    public var showDetails: Bool

    public init(assistantMarkdown: Bool = true, userMarkdown: Bool = false, showDetails: Bool = false) {
        self.assistantMarkdown = assistantMarkdown
        self.userMarkdown = userMarkdown
        self.showDetails = showDetails
    }

    func markdown(for role: ChatRole) -> Bool {
        switch role {
        case .assistant: return assistantMarkdown
        case .user: return userMarkdown
        case .system, .tool: return false
        }
    }
}
