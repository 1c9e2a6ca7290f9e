import ChatCore
import StreamProtocol

/// The rows one message occupies in the conversation pane: a gap row (except for the first
/// message), a label row, the wrapped content, then its status (a streaming cursor,
/// "[interrupted]", or an error block), and for a finished reply with stored figures a dim
/// footer ("120 tok · 45.2 tok/s · TTFT 0.31s · 2.9s"). With a `MessageToolView` (a reply's
/// tool calls, or a result chatterm ran) the calls carry their state line and the result its
/// own header and fold (`ToolBlockRows`); without one they are drawn as before issue 23.
enum MessageRows {
    /// What a growing reply keeps between frames so it re-lays out only what changed: the
    /// rows of its finished lines (plain text and reasoning) or finished blocks (Markdown).
    /// Valid for one message at one width.
    struct ContentCache {
        var messageID: String
        var width: Int
        var plain: GrowingWrap?
        var markdown: StreamingMarkdown?
        var reasoning: GrowingWrap?
    }

    static func build(
        _ message: Message, width: Int, gapAbove: Bool, cache: inout ContentCache?, wrappedUTF8Count: inout Int,
        rendering: MessageRendering = MessageRendering(), advice: (APIError) -> String? = { _ in nil },
        tools: MessageToolView? = nil
    ) -> [StyledLine] {
        var rows: [StyledLine] = []
        if gapAbove { rows.append(StyledLine()) }
        if case let .result(record, _, _) = tools {
            rows.append(ToolBlockRows.resultHeader(record, width: width))
        } else {
            rows.append(label(for: message).truncated(toWidth: width))
        }
        if let changes = parameterChanges(message) {
            rows.append(contentsOf: TextWrapper.wrap(changes, width: width, role: .dim))
        }
        var kept = cache.flatMap { $0.messageID == message.id && $0.width == width ? $0 : nil }
            ?? ContentCache(messageID: message.id, width: width)
        defer { cache = kept }

        if !message.reasoning.isEmpty {
            rows.append(contentsOf: ReplyExtras.reasoningRows(
                message, width: width, expanded: rendering.showDetails || ReplyExtras.isThinking(message),
                cache: &kept.reasoning, wrappedUTF8Count: &wrappedUTF8Count))
        }
        let contentStart = rows.count
        if !message.content.isEmpty {
            let content = contentRows(
                message, width: width, markdown: rendering.markdown(for: message.role), cache: &kept,
                wrappedUTF8Count: &wrappedUTF8Count)
            if case let .result(_, expanded, expandKey) = tools {
                rows.append(contentsOf: ToolBlockRows.foldedResult(content, expanded: expanded, expandKey: expandKey, width: width))
            } else {
                rows.append(contentsOf: content)
            }
        }
        let hasText = rows.count > contentStart
        if case let .calls(views, notRunInCompare) = tools, views.count == message.toolCalls.count {
            for (call, view) in zip(message.toolCalls, views) {
                rows.append(contentsOf: ToolBlockRows.callRows(call, view: view, width: width))
            }
            if notRunInCompare {
                rows.append(contentsOf: TextWrapper.wrap(ToolBlockRows.notRunInCompare, width: width, role: .dim))
            }
        } else {
            for call in message.toolCalls {
                rows.append(contentsOf: ReplyExtras.toolCallRows(call, width: width))
            }
        }
        switch message.status {
        case .complete:
            break
        case .streaming:
            let cursor = Glyph(text: ConversationLayout.streamingCursor, width: 1, role: .cursor)
            // The cursor follows the text on its last row when there is room.
            if hasText, message.toolCalls.isEmpty, let last = rows.indices.last, rows[last].width < width {
                rows[last].append(cursor)
            } else {
                rows.append(StyledLine([cursor]))
            }
        case .interrupted:
            rows.append(StyledLine("[interrupted]", role: .warningText).truncated(toWidth: width))
        case .failed:
            if !message.content.isEmpty {
                // Text that did arrive is kept; say plainly that it is not the whole reply.
                rows.append(StyledLine("[incomplete reply]", role: .warningText).truncated(toWidth: width))
            }
            rows.append(contentsOf: errorRows(message.error, width: width))
            if let error = message.error, let hint = advice(error) {
                rows.append(contentsOf: TextWrapper.wrap("→ " + hint, width: width, role: .dim))
            }
        }
        rows.append(contentsOf: ReplyExtras.sourceRows(message, width: width, expanded: rendering.showDetails))
        if let note = ReplyExtras.finishNote(message) {
            rows.append(contentsOf: TextWrapper.wrap(note, width: width, role: .warningText))
        }
        if let stats = footerStats(message) {
            rows.append(contentsOf: TextWrapper.wrap(FigureText.replyStats(stats), width: width, role: .dim))
        }
        return rows
    }

    /// The figures a reply's footer shows: none while it streams (the status line has the live
    /// ones) nor for replies stored without them.
    static func footerStats(_ message: Message) -> ReplyStats? {
        guard message.role == .assistant, message.status != .streaming else { return nil }
        return message.stats
    }

    /// The content as rows: rendered as Markdown (re-parsing only its last block while it
    /// grows) or wrapped as written (re-wrapping only its last line).
    static func contentRows(
        _ message: Message, width: Int, markdown: Bool, cache: inout ContentCache, wrappedUTF8Count: inout Int
    ) -> [StyledLine] {
        let role = textRole(message.role)
        if markdown {
            var streaming = cache.markdown ?? StreamingMarkdown(width: width, role: role)
            let rows = streaming.rows(for: message.content, parsedUTF8Count: &wrappedUTF8Count)
            cache.markdown = streaming
            return rows
        }
        var wrap = cache.plain ?? GrowingWrap(width: width, role: role)
        let rows = wrap.rows(for: message.content, wrappedUTF8Count: &wrappedUTF8Count)
        cache.plain = wrap
        return rows
    }

    static func label(for message: Message) -> StyledLine {
        switch message.role {
        case .user:
            return StyledLine("You", role: .userLabel) + versionMark(message, role: .userLabel)
        case .system:
            return StyledLine("System", role: .dim)
        case .tool:
            return StyledLine("Tool result", role: .assistantLabel)
                + StyledLine(message.toolCallID.map { " · " + $0 } ?? "", role: .dim)
        case .assistant:
            var line = StyledLine("Assistant", role: .assistantLabel) + versionMark(message, role: .assistantLabel)
            if let model = message.model, !model.isEmpty {
                line.append(contentsOf: StyledLine(" · " + model, role: .dim))
            }
            if let trace = message.traceID, !trace.isEmpty {
                line.append(contentsOf: StyledLine(" · trace " + trace, role: .dim))
            }
            return line
        }
    }

    /// Under a regenerated reply's header: how it was asked for differently from the first
    /// version ("changed: temperature 0.2 → 1.2 · top_p unset → 0.5"); nil when nothing differs.
    static func parameterChanges(_ message: Message) -> String? {
        guard message.role == .assistant, let branch = message.branch, branch.index > 1,
              let first = branch.firstParameters, let own = message.parameters else { return nil }
        let changes = ParameterChanges.describe(from: first, to: own)
        return changes.isEmpty ? nil : "changed: " + changes.joined(separator: " · ")
    }

    /// " ‹2/3›" for a message with other versions (`[` and `]` walk them).
    static func versionMark(_ message: Message, role: StyleRole) -> StyledLine {
        guard let branch = message.branch else { return StyledLine() }
        return StyledLine(" ‹\(branch.index)/\(branch.count)›", role: role)
    }

    static func textRole(_ role: ChatRole) -> StyleRole {
        switch role {
        case .user: return .userText
        case .assistant: return .assistantText
        case .system: return .dim
        case .tool: return .code
        }
    }

    /// "✖ HTTP 429 · rate_limited: Too many requests", then the details, wrapped.
    static func errorRows(_ error: APIError?, width: Int) -> [StyledLine] {
        guard let error else {
            return TextWrapper.wrap("✖ Failed", width: width, role: .errorText)
        }
        var rows = TextWrapper.wrap("✖ " + error.headline, width: width, role: .errorText)
        if let details = error.details, !details.isEmpty {
            rows.append(contentsOf: TextWrapper.wrap(details, width: width, role: .errorText))
        }
        return rows
    }
}
