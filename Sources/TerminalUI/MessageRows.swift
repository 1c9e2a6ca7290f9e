import ChatCore
import StreamProtocol

/// The rows one message occupies in the conversation pane: a gap row (except for the first
/// message), a label row, the wrapped content, then its status (a streaming cursor,
/// "[interrupted]", or an error block).
enum MessageRows {
    static func build(_ message: Message, width: Int, gapAbove: Bool) -> [StyledLine] {
        var rows: [StyledLine] = []
        if gapAbove { rows.append(StyledLine()) }
        rows.append(label(for: message).truncated(toWidth: width))

        if !message.content.isEmpty {
            rows.append(contentsOf: TextWrapper.wrap(message.content, width: width, role: textRole(message.role)))
        }
        switch message.status {
        case .complete:
            break
        case .streaming:
            let cursor = Glyph(text: ConversationLayout.streamingCursor, width: 1, role: .cursor)
            // The cursor follows the text on its last row when there is room.
            if !message.content.isEmpty, let last = rows.indices.last, rows[last].width < width {
                rows[last].append(cursor)
            } else {
                rows.append(StyledLine([cursor]))
            }
        case .interrupted:
            rows.append(StyledLine("[interrupted]", role: .warningText).truncated(toWidth: width))
        case .failed:
            rows.append(contentsOf: errorRows(message.error, width: width))
        }
        return rows
    }

    static func label(for message: Message) -> StyledLine {
        switch message.role {
        case .user:
            return StyledLine("You", role: .userLabel)
        case .system:
            return StyledLine("System", role: .dim)
        case .assistant:
            var line = StyledLine("Assistant", role: .assistantLabel)
            if let model = message.model, !model.isEmpty {
                line.append(contentsOf: StyledLine(" · " + model, role: .dim))
            }
            return line
        }
    }

    static func textRole(_ role: ChatRole) -> StyleRole {
        switch role {
        case .user: return .userText
        case .assistant: return .assistantText
        case .system: return .dim
        }
    }

    /// "✖ HTTP 429 · rate_limited: Too many requests", then the details, wrapped.
    static func errorRows(_ error: APIError?, width: Int) -> [StyledLine] {
        guard let error else {
            return TextWrapper.wrap("✖ Failed", width: width, role: .errorText)
        }
        var parts: [String] = []
        if let status = error.status { parts.append("HTTP \(status)") }
        if let code = error.code, !code.isEmpty {
            parts.append("\(code): \(error.message)")
        } else {
            parts.append(error.message)
        }
        var rows = TextWrapper.wrap("✖ " + parts.joined(separator: " · "), width: width, role: .errorText)
        if let details = error.details, !details.isEmpty {
            rows.append(contentsOf: TextWrapper.wrap(details, width: width, role: .errorText))
        }
        return rows
    }
}
