import StreamProtocol

/// Which messages are rendered as Markdown rather than shown as written.
public struct MessageRendering: Sendable, Equatable {
    public var assistantMarkdown: Bool
    public var userMarkdown: Bool

    public init(assistantMarkdown: Bool = true, userMarkdown: Bool = false) {
        self.assistantMarkdown = assistantMarkdown
        self.userMarkdown = userMarkdown
    }

    func markdown(for role: ChatRole) -> Bool {
        switch role {
        case .assistant: return assistantMarkdown
        case .user: return userMarkdown
        case .system: return false
        }
    }
}
