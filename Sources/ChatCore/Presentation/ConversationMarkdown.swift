import StreamProtocol

/// A conversation as Markdown, for `Y` (copy) and for export: each message under a heading
/// naming who wrote it, its text exactly as written; tool calls and results fenced. Reasoning
/// is left out, as it is from requests.
public enum ConversationMarkdown {
    /// A session as a document for people (`chatterm export`, `x`): its title, the parameters
    /// it sets (unset ones are the server's defaults and are not listed), then the path shown,
    /// each reply asked with other parameters saying which.
    public static func document(
        title: String, sessionID: String, parameters: SessionParameters, messages: [Message]
    ) -> String {
        var head = "# " + (title.isEmpty ? "Untitled session" : title) + "\n\n"
        head += "chatterm session `\(sessionID)` · \(messages.count) message\(messages.count == 1 ? "" : "s")\n\n"
        let set = ParameterField.allCases.compactMap { field in field.text(in: parameters).map { (field, $0) } }
        if !set.isEmpty {
            head += "Parameters:\n\n"
            for (field, value) in set {
                head += value.contains("\n") || value.contains("`")
                    ? "- \(field.wireName):\n\n" + indented(fenced(value, language: "")) + "\n"
                    : "- \(field.wireName): `\(value)`\n"
            }
            head += "\n"
        }
        return head + text(of: messages, sessionParameters: parameters)
    }

    public static func text(of messages: [Message]) -> String {
        text(of: messages, sessionParameters: nil)
    }

    private static func indented(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
    }

    private static func text(of messages: [Message], sessionParameters: SessionParameters?) -> String {
        var parts: [String] = []
        for message in messages {
            switch message.role {
            case .user:
                parts.append("## You\n\n" + message.content)
            case .system:
                parts.append("## System\n\n" + message.content)
            case .assistant:
                var part = "## Assistant" + (message.model.map { " (\($0))" } ?? "")
                if let session = sessionParameters, let own = message.parameters {
                    let changes = ParameterChanges.describe(from: session, to: own)
                    if !changes.isEmpty { part += "\n\n*Asked with " + changes.joined(separator: ", ") + "*" }
                }
                if !message.content.isEmpty { part += "\n\n" + message.content }
                for call in message.toolCalls {
                    part += "\n\nTool call `\(call.name)` (\(call.wireID)):\n\n" + fenced(call.arguments, language: "json")
                }
                if let ending = ending(of: message) { part += "\n\n*" + ending + "*" }
                parts.append(part)
            case .tool:
                var heading = "## Tool result" + (message.toolCallID.map { " (\($0))" } ?? "")
                if let run = message.toolRun { heading += "\n\n*result of \(run.server) · \(run.tool) (\(run.outcome.rawValue))*" }
                parts.append(heading + "\n\n" + fenced(message.content, language: ""))
            }
        }
        return parts.joined(separator: "\n\n") + "\n"
    }

    /// A reply that did not end well says so under its text, as the app marks it: a reader of
    /// the document must not take a cut-off reply for a whole one.
    private static func ending(of message: Message) -> String? {
        switch message.status {
        case .complete: return nil
        case .interrupted: return "Interrupted: the reply above is incomplete."
        case .streaming: return "Still arriving when this was written: the reply above is incomplete."
        case .failed:
            let why = message.error.map { ": " + $0.headline.replacingOccurrences(of: "*", with: "\\*") } ?? ""
            return "Failed\(why). What arrived is above."
        }
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
