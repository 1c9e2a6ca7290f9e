import ChatCore
import StreamProtocol

/// The rows one message occupies in the conversation pane: a gap row (except for the first
/// message), a label row, the wrapped content, then its status (a streaming cursor,
/// "[interrupted]", or an error block), and for a finished reply with stored figures a dim
/// footer ("120 tok · 45.2 tok/s · TTFT 0.31s · 2.9s").
enum MessageRows {
    /// The wrapped content up to its last line end, kept so a streaming message that grows
    /// re-wraps only its unfinished last line: a line end resets every wrapping state (column,
    /// tab stops, break opportunities) and always ends a grapheme, so what precedes it wraps the
    /// same however the text continues.
    struct ContentCache {
        var messageID: String
        var width: Int
        /// UTF-8 length of the content through its last "\n" (0: no complete line yet).
        var stableLength: Int
        var stableRows: [StyledLine]
        /// The reply's Markdown so far, when it is rendered (its finished blocks' rows).
        var markdown: StreamingMarkdown?
    }

    static func build(
        _ message: Message, width: Int, gapAbove: Bool, cache: inout ContentCache?, wrappedUTF8Count: inout Int,
        rendering: MessageRendering = MessageRendering(), advice: (APIError) -> String? = { _ in nil }
    ) -> [StyledLine] {
        var rows: [StyledLine] = []
        if gapAbove { rows.append(StyledLine()) }
        rows.append(label(for: message).truncated(toWidth: width))

        if !message.content.isEmpty {
            if rendering.markdown(for: message.role) {
                rows.append(contentsOf: markdownRows(message, width: width, cache: &cache, parsedUTF8Count: &wrappedUTF8Count))
            } else {
                rows.append(contentsOf: contentRows(message, width: width, cache: &cache, wrappedUTF8Count: &wrappedUTF8Count))
            }
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
            if !message.content.isEmpty {
                // Text that did arrive is kept; say plainly that it is not the whole reply.
                rows.append(StyledLine("[incomplete reply]", role: .warningText).truncated(toWidth: width))
            }
            rows.append(contentsOf: errorRows(message.error, width: width))
            if let error = message.error, let hint = advice(error) {
                rows.append(contentsOf: TextWrapper.wrap("→ " + hint, width: width, role: .dim))
            }
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

    /// The content rendered as Markdown, re-parsing only its last block when it only grew.
    static func markdownRows(
        _ message: Message, width: Int, cache: inout ContentCache?, parsedUTF8Count: inout Int
    ) -> [StyledLine] {
        var streaming = StreamingMarkdown(width: width, role: textRole(message.role))
        if let previous = cache, previous.messageID == message.id, let markdown = previous.markdown, markdown.width == width {
            streaming = markdown
        }
        let rows = streaming.rows(for: message.content, parsedUTF8Count: &parsedUTF8Count)
        cache = ContentCache(messageID: message.id, width: width, stableLength: 0, stableRows: [], markdown: streaming)
        return rows
    }

    /// Wraps the content, reusing the cached rows of its complete lines when the content only
    /// grew since, and updates the cache. Returns the content's rows.
    static func contentRows(
        _ message: Message, width: Int, cache: inout ContentCache?, wrappedUTF8Count: inout Int
    ) -> [StyledLine] {
        let utf8 = message.content.utf8
        let role = textRole(message.role)
        var stableRows: [StyledLine] = []
        var start = utf8.startIndex
        if let previous = cache, previous.messageID == message.id, previous.width == width,
           previous.stableLength > 0, previous.stableLength <= utf8.count,
           let lineEnd = utf8.index(utf8.startIndex, offsetBy: previous.stableLength - 1, limitedBy: utf8.endIndex),
           utf8[lineEnd] == 0x0A {
            stableRows = previous.stableRows
            start = utf8.index(after: lineEnd)
        }
        let tail = message.content[start...]
        var newStable = stableRows
        var stableLength = utf8.distance(from: utf8.startIndex, to: start)
        var remainderStart = tail.startIndex
        // Wrap the tail's complete lines (through its last "\n") into the cache, then the
        // unfinished last line on its own: a line end resets the wrapper, so the two together
        // are exactly the rows of the whole.
        if let lastNewline = tail.utf8.lastIndex(of: 0x0A) {
            var completeEnd = lastNewline
            if completeEnd > tail.startIndex {
                let before = tail.utf8.index(before: completeEnd)
                if tail.utf8[before] == 0x0D { completeEnd = before }  // "\r\n" is one line end
            }
            let complete = String(tail[tail.startIndex..<completeEnd])
            wrappedUTF8Count += complete.utf8.count
            newStable.append(contentsOf: TextWrapper.wrap(complete, width: width, role: role))
            remainderStart = tail.utf8.index(after: lastNewline)
            stableLength += tail.utf8.distance(from: tail.startIndex, to: remainderStart)
        }
        let remainder = String(tail[remainderStart...])
        wrappedUTF8Count += remainder.utf8.count
        let remainderRows = TextWrapper.wrap(remainder, width: width, role: role)
        cache = ContentCache(messageID: message.id, width: width, stableLength: stableLength, stableRows: newStable, markdown: nil)
        return newStable + remainderRows
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
        var rows = TextWrapper.wrap("✖ " + error.headline, width: width, role: .errorText)
        if let details = error.details, !details.isEmpty {
            rows.append(contentsOf: TextWrapper.wrap(details, width: width, role: .errorText))
        }
        return rows
    }
}
