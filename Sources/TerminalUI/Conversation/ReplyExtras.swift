import ChatCore
import StreamProtocol

/// What a reply carries besides its text, as rows: the model's reasoning (a dimmed "Thinking"
/// section, open while it is all there is, then one summary line), the tool calls it asked for
/// (name and arguments, pretty-printed when they parse), its RAG sources, and a finish reason
/// other than `stop`.
enum ReplyExtras {
    static let thinkingBar = "┊ "

    /// Reasoning is still the only thing arriving: shown open so the user sees it think.
    static func isThinking(_ message: Message) -> Bool {
        message.status == .streaming && message.content.isEmpty && message.toolCalls.isEmpty
    }

    static func reasoningRows(
        _ message: Message, width: Int, expanded: Bool, cache: inout GrowingWrap?, wrappedUTF8Count: inout Int
    ) -> [StyledLine] {
        var header = (expanded ? "▾ Thinking" : "▸ Thinking") + " · " + FigureText.grouped(message.reasoning.count) + " chars"
        if let millis = message.stats?.reasoningMillis { header += " · " + FigureText.seconds(millis) }
        if isThinking(message) { header += " …" }
        var rows = [StyledLine(header, role: .dim).truncated(toWidth: width)]
        guard expanded else { return rows }
        let bar = StyledLine(thinkingBar, role: .dim)
        let innerWidth = max(1, width - bar.width)
        var wrap = cache.flatMap { $0.width == innerWidth ? $0 : nil } ?? GrowingWrap(width: innerWidth, role: .dim)
        for row in wrap.rows(for: message.reasoning, wrappedUTF8Count: &wrappedUTF8Count) {
            var line = bar
            line.append(contentsOf: row)
            rows.append(line)
        }
        cache = wrap
        return rows
    }

    /// A tool call as a block: its name and id on the label row, then the arguments, as JSON
    /// laid out one member per line once they parse (as the model wrote them until then).
    /// A call of a known MCP server's tool is headed by server and tool instead
    /// (`ToolBlockRows.callRows`).
    static func toolCallRows(_ call: ToolCall, width: Int) -> [StyledLine] {
        let arguments = JSONValue.parse(call.arguments)?.prettyText ?? call.arguments
        let name = call.name.isEmpty ? "(unnamed)" : call.name
        let label = "tool call · " + name + (call.id.map { " · " + $0 } ?? "")
        return CodeBlockLayout.rows(text: arguments, language: "json", label: label, tag: "⚙", width: width)
    }

    /// prem's `document_chunks`: "Sources" and one numbered line per chunk (name, similarity,
    /// the chunk's first line); in full when expanded.
    static func sourceRows(_ message: Message, width: Int, expanded: Bool) -> [StyledLine] {
        guard let json = message.documentChunksJSON else { return [] }
        let chunks = DocumentChunk.parseList(json)
        guard !chunks.isEmpty else { return [] }
        var rows = [StyledLine("Sources", role: .heading).truncated(toWidth: width)]
        for (index, chunk) in chunks.enumerated() {
            let marker = "[\(index + 1)] "
            var line = StyledLine(marker, role: .listMarker)
            let name = chunk.documentName ?? chunk.documentID.map { "document \($0)" } ?? "document"
            line.append(contentsOf: StyledLine(name, role: .link))
            if let score = chunk.similarityScore {
                line.append(contentsOf: StyledLine(" · similarity " + FigureText.hundredths(score), role: .dim))
            }
            let content = chunk.content ?? ""
            if !expanded {
                let firstLine = content.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
                if !firstLine.isEmpty { line.append(contentsOf: StyledLine(" · " + firstLine, role: .dim)) }
                rows.append(line.truncated(toWidth: width))
                continue
            }
            rows.append(line.truncated(toWidth: width))
            let indent = String(repeating: " ", count: marker.count)
            for row in TextWrapper.wrap(content, width: max(1, width - indent.count), role: .quote) {
                var indented = StyledLine(indent, role: .quote)
                indented.append(contentsOf: row)
                rows.append(indented)
            }
        }
        return rows
    }

    /// A finish reason other than "stop", said plainly (nil for "stop" and for none).
    static func finishNote(_ message: Message) -> String? {
        guard message.status != .streaming, let reason = message.finishReason, reason != "stop" else { return nil }
        switch reason {
        case "length": return "✂ cut at max_tokens (finish_reason: length)"
        case "content_filter": return "⚠ stopped by the server's content filter (finish_reason: content_filter)"
        case "tool_calls", "function_call": return "⚙ the model asks for the tool calls above (finish_reason: \(reason))"
        default: return "finish_reason: " + reason
        }
    }
}
