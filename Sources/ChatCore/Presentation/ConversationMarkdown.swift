import StreamProtocol

/// A conversation as Markdown, for `Y` (copy) and later for export: each message under a
/// heading naming who wrote it, its text exactly as written; tool calls and results fenced.
/// Reasoning is left out, as it is from requests.
public enum ConversationMarkdown {
    public static func text(of messages: [Message]) -> String {
        var parts: [String] = []
        for message in messages {
            switch message.role {
            case .user:
                parts.append("## You\n\n" + message.content)
            case .system:
                parts.append("## System\n\n" + message.content)
            case .assistant:
                var part = "## Assistant" + (message.model.map { " (\($0))" } ?? "")
                if !message.content.isEmpty { part += "\n\n" + message.content }
                for call in message.toolCalls {
                    part += "\n\nTool call `\(call.name)` (\(call.wireID)):\n\n" + fenced(call.arguments, language: "json")
                }
                parts.append(part)
            case .tool:
                parts.append("## Tool result" + (message.toolCallID.map { " (\($0))" } ?? "") + "\n\n" + fenced(message.content, language: ""))
            }
        }
        return parts.joined(separator: "\n\n") + "\n"
    }

    /// A fence longer than any run of backticks in the text, so the text cannot close it.
    static func fenced(_ text: String, language: String) -> String {
        var longest = 0
        var run = 0
        for character in text {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        return fence + language + "\n" + text + "\n" + fence
    }
}
