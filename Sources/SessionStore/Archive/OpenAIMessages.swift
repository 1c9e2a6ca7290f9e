import ChatCore
import StreamProtocol

/// An OpenAI-style conversation: a `messages` array of `{role, content}` (content a string or
/// an array of parts), alone or inside a request body, whose `model` and sampling fields then
/// become the session's parameters. A leading system message becomes the system prompt.
enum OpenAIMessages {
    static func conversation(in json: JSONValue, now: Int64, sessionID: String) -> ImportedConversation? {
        let body: JSONValue?
        let list: [JSONValue]
        if case let .array(items) = json {
            body = nil
            list = items
        } else if case let .array(items)? = json["messages"] {
            body = json
            list = items
        } else {
            return nil
        }
        guard !list.isEmpty, list.allSatisfy({ $0["role"]?.stringValue != nil }) else { return nil }

        var messages: [Message] = []
        var skipped: [String] = []
        var parameters = body.map { Self.parameters(from: $0, skipped: &skipped) } ?? SessionParameters()
        for (index, item) in list.enumerated() {
            let number = index + 1
            let role = item["role"]?.stringValue ?? ""
            let (text, leftOut) = Self.text(of: item["content"])
            if !leftOut.isEmpty { skipped.append("message \(number): \(leftOut.joined(separator: ", ")) left out (text only)") }
            var message = Message(id: "\(sessionID)-\(number)", role: .user, content: text, createdAtMillis: now)
            switch role {
            case "user":
                break
            case "assistant":
                message.role = .assistant
                message.toolCalls = toolCalls(item["tool_calls"])
                message.model = body?["model"]?.stringValue
            case "tool":
                message.role = .tool
                message.toolCallID = item["tool_call_id"]?.stringValue
            case "system", "developer":
                if messages.isEmpty, parameters.systemPrompt == nil {
                    parameters.systemPrompt = text
                    continue
                }
                message.role = .system
            default:
                skipped.append("message \(number): role “\(role)” is not one chatterm knows")
                continue
            }
            if message.content.isEmpty, message.toolCalls.isEmpty {
                skipped.append("message \(number): no text")
                continue
            }
            messages.append(message)
        }
        let title = messages.first { $0.role == .user }.map { SessionTitle.make(fromFirstUserMessage: $0.content) } ?? ""
        return ImportedConversation(
            sessionID: sessionID, title: title, createdAtMillis: now, updatedAtMillis: now, parameters: parameters,
            nodes: ImportedConversation.chain(messages), skipped: skipped)
    }

    /// A string, or the `text` of each text part of an array; what else there was, by type.
    static func text(of content: JSONValue?) -> (text: String, leftOut: [String]) {
        switch content {
        case let .string(text)?:
            return (text, [])
        case let .array(parts)?:
            var texts: [String] = []
            var leftOut: [String] = []
            for part in parts {
                if let text = part.stringValue {
                    texts.append(text)
                } else if part["type"]?.stringValue == "text", let text = part["text"]?.stringValue {
                    texts.append(text)
                } else {
                    // OpenAI names a part's kind `type`, ChatGPT's export `content_type`.
                    leftOut.append(part["type"]?.stringValue ?? part["content_type"]?.stringValue ?? "a part")
                }
            }
            return (texts.joined(separator: "\n\n"), leftOut)
        default:
            return ("", [])
        }
    }

    private static func toolCalls(_ value: JSONValue?) -> [ToolCall] {
        guard case let .array(calls)? = value else { return [] }
        return calls.enumerated().compactMap { index, call in
            guard let name = call["function"]?["name"]?.stringValue else { return nil }
            return ToolCall(
                index: call["index"]?.intValue ?? index, id: call["id"]?.stringValue, name: name,
                arguments: call["function"]?["arguments"]?.stringValue ?? "")
        }
    }

    /// The request fields a session keeps, when the file is a whole request body: each checked
    /// as the parameters pane checks a typed value, and left out with the reason when it fails.
    private static func parameters(from body: JSONValue, skipped: inout [String]) -> SessionParameters {
        var parameters = SessionParameters()
        // The one-value fields openai's body carries under their own names (model, the sampling
        // numbers, seed, user), from the field table.
        let fields = RequestField.all.filter { field in
            guard case .member = field.wire.openai else { return false }
            switch field.kind {
            case .slider, .integer, .text: return true
            case .multilineText, .list, .json: return false
            }
        }
        for field in fields {
            guard let text = body[field.wireName]?.scalarText else { continue }
            switch ParameterValidation.applying(text, to: field, in: parameters) {
            case let .success(applied): parameters = applied
            case let .failure(problem): skipped.append("\(field.wireName) \(text): \(problem.message)")
            }
        }
        return parameters
    }
}
