import ChatCore
import StreamProtocol

/// The conversation pane's layout cache: keep one instance across frames.
///
/// Each message is wrapped once per width and its rows are cached under a key of (message id,
/// content length, status, model, error, whether a gap row precedes it). Message content only
/// ever grows by appending while it streams and is immutable afterwards, so its length is a
/// sufficient content key and checking it never reads the text. A streaming message that grows
/// re-wraps only its own rows, and of those only its unfinished last line (the rows of its
/// complete lines are cached); a width change re-wraps everything once.
///
/// Per-message row counts are kept as prefix sums, so the total height is O(1) and finding the
/// message under any row is a binary search: a frame costs O(log n + visible rows), plus the
/// `update` check (see there) which can skip the unchanged history.
///
/// Scroll model: the caller keeps `scrollOffsetFromBottom`, the number of rows the viewport's
/// bottom edge sits above the conversation's last row. 0 follows the tail as replies stream in.
/// While the user reads further up, rows appended below would push the view along unless the
/// caller adds the growth of `totalRows` to its offset; `draw` returns the offset clamped to
/// `0...maxScrollOffset` so the caller can store it back. Call `update` before reading rows in
/// each frame.
public final class ConversationLayout {
    /// Messages wrapped since this cache was created: a test hook that proves the caching.
    public private(set) var wrapCount = 0
    /// UTF-8 bytes of message content wrapped since creation: shows that a growing reply
    /// re-wraps only its unfinished last line.
    public private(set) var wrappedUTF8Count = 0
    public var emptyHint = "No messages yet. Type below and press Enter to send."
    public static let streamingCursor = "▍"
    /// What to tell the user under an error (e.g. "check PREMAI_API_KEY"); set by the screen,
    /// which knows the dialect. Changing it does not re-wrap rows already cached.
    public var errorAdvice: (APIError) -> String? = { _ in nil }

    private struct Key: Equatable {
        var id: String
        var contentLength: Int
        var status: MessageStatus
        var model: String?
        var error: APIError?
        var hasGapAbove: Bool

        init(_ message: Message, hasGapAbove: Bool) {
            id = message.id
            contentLength = message.content.utf8.count
            status = message.status
            model = message.model
            error = message.error
            self.hasGapAbove = hasGapAbove
        }

        /// Field by field through pointers, cheapest first: projecting single fields avoids
        /// copying whole messages (this runs per message per frame).
        static func matches(_ entry: UnsafePointer<Entry>, _ message: UnsafePointer<Message>, hasGapAbove: Bool) -> Bool {
            entry.pointee.key.contentLength == message.pointee.content.utf8.count
                && entry.pointee.key.status == message.pointee.status
                && entry.pointee.key.hasGapAbove == hasGapAbove
                && entry.pointee.key.id == message.pointee.id
                && entry.pointee.key.model == message.pointee.model
                && entry.pointee.key.error == message.pointee.error
        }
    }

    private struct Entry {
        var key: Key
        var message: Message
        /// The content rows of complete lines, reused while a streaming message grows.
        var contentCache: MessageRows.ContentCache?
        /// nil until wrapped at the current width.
        var rows: [StyledLine]?
    }

    private var entries: [Entry] = []
    /// `prefixRows[i]` = rows of all messages before message i; one more element than `entries`.
    private var prefixRows: [Int] = [0]
    /// Indices whose rows must be (re)built before the next read.
    private var dirty: [Int] = []
    private var wrappedWidth: Int?

    public init() {}

    /// Brings the cache up to date with the message list. Only messages whose key changed are
    /// marked for re-wrapping; nothing is wrapped until rows are asked for.
    ///
    /// `unchangedPrefix` lets a caller that knows it (e.g. "only the streaming reply changed since
    /// the last frame": `messages.count - 1`) promise that the first messages are the ones of the
    /// previous update, so the check skips them and the whole frame stays independent of the
    /// history's length. The default checks every message's key, which reads a few fields per
    /// message but no text.
    public func update(messages: [Message], unchangedPrefix: Int = 0) {
        if messages.count < entries.count {
            entries.removeLast(entries.count - messages.count)
            prefixRows.removeLast(prefixRows.count - messages.count - 1)
        }
        let firstToCheck = min(max(0, unchangedPrefix), entries.count)
        let checkedCount = entries.count
        // Compare through buffer pointers: element access then borrows in place, where array
        // subscripts would copy (and retain) every field of every message on every frame.
        let changed: [Int] = messages.withUnsafeBufferPointer { incoming in
            entries.withUnsafeBufferPointer { cached in
                guard let messageBase = incoming.baseAddress, let entryBase = cached.baseAddress else { return [] }
                var changed: [Int] = []
                for index in firstToCheck..<checkedCount
                where !Key.matches(entryBase + index, messageBase + index, hasGapAbove: index > 0) {
                    changed.append(index)
                }
                return changed
            }
        }
        for index in changed {
            entries[index].key = Key(messages[index], hasGapAbove: index > 0)
            entries[index].message = messages[index]
            entries[index].rows = nil
            dirty.append(index)
        }
        for index in checkedCount..<messages.count {
            entries.append(Entry(key: Key(messages[index], hasGapAbove: index > 0), message: messages[index],
                                 contentCache: nil, rows: nil))
            prefixRows.append(prefixRows[prefixRows.count - 1])
            dirty.append(index)
        }
    }

    public var messageCount: Int { entries.count }

    /// Rows of the whole conversation at `width`.
    public func totalRows(width: Int) -> Int {
        prepare(width: width)
        return prefixRows[entries.count]
    }

    /// The rows of `range` (clamped to the conversation) at `width`.
    public func rows(in range: Range<Int>, width: Int) -> [StyledLine] {
        prepare(width: width)
        let total = prefixRows[entries.count]
        let lower = max(0, range.lowerBound)
        let upper = min(total, range.upperBound)
        guard lower < upper else { return [] }
        var result: [StyledLine] = []
        result.reserveCapacity(upper - lower)
        var messageIndex = message(containingRow: lower)
        var row = lower
        while row < upper, messageIndex < entries.count {
            let messageRows = entries[messageIndex].rows ?? []
            let start = prefixRows[messageIndex]
            while row < upper, row - start < messageRows.count {
                result.append(messageRows[row - start])
                row += 1
            }
            messageIndex += 1
        }
        return result
    }

    /// The largest useful scroll offset for a viewport of `height` rows.
    public func maxScrollOffset(width: Int, height: Int) -> Int {
        max(0, totalRows(width: width) - height)
    }

    /// Draws the visible rows into `rect` and returns the scroll offset actually used (clamped
    /// to 0...maxScrollOffset), so the caller can store it back.
    @discardableResult
    public func draw(into grid: inout CellGrid, rect: Rect, scrollOffsetFromBottom: Int) -> Int {
        guard !rect.isEmpty else { return 0 }
        grid.fill(rect, role: .normal)
        if entries.isEmpty {
            let lines = TextWrapper.wrap(emptyHint, width: rect.width, role: .dim)
            let top = rect.y + max(0, (rect.height - lines.count) / 2)
            for (offset, line) in lines.prefix(rect.height).enumerated() {
                let x = rect.x + max(0, (rect.width - line.width) / 2)
                grid.draw(line, x: x, y: top + offset, clip: rect)
            }
            return 0
        }
        let total = totalRows(width: rect.width)
        let offset = min(max(0, scrollOffsetFromBottom), max(0, total - rect.height))
        let first = max(0, total - rect.height - offset)
        let visible = rows(in: first..<(first + rect.height), width: rect.width)
        for (index, line) in visible.enumerated() {
            grid.draw(line, x: rect.x, y: rect.y + index, clip: rect)
        }
        return offset
    }

    // MARK: - Cache maintenance

    private func prepare(width: Int) {
        let width = max(1, width)
        if wrappedWidth != width {
            wrappedWidth = width
            for index in entries.indices { entries[index].rows = nil }
            dirty = Array(entries.indices)
        }
        guard !dirty.isEmpty else { return }
        var lowest = Int.max
        for index in dirty where index < entries.count {
            if entries[index].rows == nil {
                entries[index].rows = MessageRows.build(
                    entries[index].message, width: width, gapAbove: entries[index].key.hasGapAbove,
                    cache: &entries[index].contentCache, wrappedUTF8Count: &wrappedUTF8Count,
                    advice: errorAdvice)
                wrapCount += 1
            }
            lowest = min(lowest, index)
        }
        dirty.removeAll(keepingCapacity: true)
        guard lowest < entries.count else { return }
        for index in lowest..<entries.count {
            prefixRows[index + 1] = prefixRows[index] + (entries[index].rows?.count ?? 0)
        }
    }

    /// The index of the message holding global row `row` (binary search on the prefix sums).
    private func message(containingRow row: Int) -> Int {
        var low = 0
        var high = entries.count
        while low < high {
            let mid = (low + high) / 2
            if prefixRows[mid + 1] <= row { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
