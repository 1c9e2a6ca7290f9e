import ChatCore
import StreamProtocol

/// The conversation pane's layout cache: keep one instance across frames.
///
/// Each message is wrapped once per width, under a key of (message id, content length, status,
/// model, error, footer figures, whether a gap row precedes it). Message content only ever grows by appending
/// while it streams and is immutable afterwards, so its length is a sufficient content key and
/// checking it never reads the text. A streaming message that grows re-wraps only its own rows,
/// and of those only its unfinished last line (the rows of its complete lines are cached); a
/// width change re-wraps everything once.
///
/// Every message's row *count* is kept, but its wrapped *rows* (one glyph per character) only
/// for a bounded set: the last message (the one that streams) plus the most recently used
/// others, up to `rowCacheGlyphLimit` glyphs in all. Memory for rows therefore does not grow with
/// the history; a message evicted from that set is wrapped again when it scrolls into view.
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
    /// The most glyphs kept in cached rows of messages other than the last one. The default
    /// holds a few hundred screens of text, so scrolling back and forth rarely re-wraps.
    /// Which messages show as Markdown; changing it lays every message out again.
    public var rendering = MessageRendering() {
        didSet { if rendering != oldValue { wrappedWidth = nil } }
    }
    public var rowCacheGlyphLimit = 200_000 {
        didSet { evictOverLimit() }
    }
    /// Glyphs held in cached rows now, the last message's included: at most
    /// `rowCacheGlyphLimit` plus the last message's.
    public private(set) var cachedGlyphCount = 0

    private struct Key: Equatable {
        var id: String
        var contentLength: Int
        var status: MessageStatus
        /// Whether the message has a footer of figures. The figures themselves are compared
        /// with the entry's copy of the message only when it does, so the key stays small (a
        /// full scan of a long history reads one key per message); next to `status`, it takes
        /// padding that is there anyway.
        var hasFooter: Bool
        var model: String?
        var error: APIError?
        var hasGapAbove: Bool
        /// What a reply carries besides its text, as one figure that changes when any of it
        /// does (reasoning and tool calls only grow; the rest arrives once).
        var extras: Int

        init(_ message: Message, hasGapAbove: Bool) {
            id = message.id
            contentLength = message.content.utf8.count
            extras = withUnsafePointer(to: message) { Key.extras(of: $0) }
            status = message.status
            model = message.model
            error = message.error
            hasFooter = MessageRows.footerStats(message) != nil
            self.hasGapAbove = hasGapAbove
        }

        /// Lengths only (O(1) for the native strings a message holds): no text is read.
        static func extras(of message: UnsafePointer<Message>) -> Int {
            var figure = message.pointee.reasoning.utf8.count
            for call in message.pointee.toolCalls {
                figure = figure &* 31 &+ call.name.utf8.count &+ call.arguments.utf8.count &+ (call.id?.utf8.count ?? 0)
            }
            figure = figure &* 31 &+ (message.pointee.finishReason?.utf8.count ?? -1)
            figure = figure &* 31 &+ (message.pointee.traceID?.utf8.count ?? -1)
            return figure &* 31 &+ (message.pointee.documentChunksJSON?.utf8.count ?? -1)
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
                && entry.pointee.key.extras == extras(of: message)
                && footerMatches(entry, message)
        }

        /// The footer's figures are those of the entry's copy of the message (nil while it
        /// streams, so live figures never re-wrap a reply).
        private static func footerMatches(_ entry: UnsafePointer<Entry>, _ message: UnsafePointer<Message>) -> Bool {
            // Role and status sit near the start of a message, `stats` at its end: reading it
            // only for finished replies spares a full scan a cache line per user message.
            guard message.pointee.role == .assistant, message.pointee.status != .streaming else {
                return !entry.pointee.key.hasFooter
            }
            guard let incoming = message.pointee.stats else { return !entry.pointee.key.hasFooter }
            return entry.pointee.key.hasFooter && incoming == entry.pointee.message.stats
        }
    }

    private struct Entry {
        var key: Key
        var message: Message
        /// The content rows of complete lines, reused while a streaming message grows. Kept for
        /// the last message only: earlier ones no longer grow.
        var contentCache: MessageRows.ContentCache?
        /// nil until wrapped at the current width.
        var rowCount: Int?
        /// The wrapped rows while they are cached (see `rowCacheGlyphLimit`).
        var rows: [StyledLine]?
        /// Glyphs in `rows` (0 when they are not cached).
        var glyphCount = 0
        /// The tick of the latest use of `rows`, matched against `UseQueue` items.
        var lastUse = 0
        /// What its tool rows show (nil: it has none); see `updateToolViews`.
        var tools: MessageToolView?

        init(_ message: Message, hasGapAbove: Bool) {
            key = Key(message, hasGapAbove: hasGapAbove)
            self.message = message
        }
    }

    private var entries: [Entry] = []
    /// `prefixRows[i]` = rows of all messages before message i; one more element than `entries`.
    private var prefixRows: [Int] = [0]
    /// Indices whose row counts must be (re)computed before the next read.
    private var dirty: [Int] = []
    private var wrappedWidth: Int?
    private var useQueue = UseQueue()
    private var useTick = 0
    /// Entries whose rows are cached, to know when `useQueue` is mostly stale.
    private var cachedEntryCount = 0
    /// Which messages have tool rows, and the context their views were derived under.
    private var toolViews = ToolViewIndex()

    /// The tools' state the rows of tool calls and results read (the turn, the results shown
    /// whole, the clock while a call runs, the keys they name). `update` applies a change,
    /// re-wrapping only the messages whose tool rows it changes.
    public var toolContext = ToolRowsContext()
    /// Tool views derived since creation: a test hook that proves an unchanged frame derives none.
    var toolViewsDerived: Int { toolViews.derivedCount }

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
        // Whether any message came, went or changed: with the tool context, what the tool
        // views are derived from (a `tool` message answering a call changes its reply's rows).
        var messagesMoved = messages.count != entries.count
        if messages.count < entries.count {
            for index in messages.count..<entries.count { dropRows(index) }
            entries.removeLast(entries.count - messages.count)
            prefixRows.removeLast(prefixRows.count - messages.count - 1)
            toolViews.truncate(to: messages.count)
        }
        defer {
            if toolViews.needsUpdate(messagesMoved: messagesMoved, context: toolContext) { updateToolViews(messages) }
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
        if !changed.isEmpty { messagesMoved = true }
        for index in changed {
            entries[index].key = Key(messages[index], hasGapAbove: index > 0)
            entries[index].message = messages[index]
            entries[index].rowCount = nil
            dropRows(index)
            dirty.append(index)
            noteTools(of: messages[index], at: index)
        }
        guard messages.count > checkedCount else { return }
        if checkedCount > 0 {
            // The old last message no longer grows, and its rows now count against the limit.
            entries[checkedCount - 1].contentCache = nil
        }
        for index in checkedCount..<messages.count {
            entries.append(Entry(messages[index], hasGapAbove: index > 0))
            prefixRows.append(prefixRows[prefixRows.count - 1])
            dirty.append(index)
            noteTools(of: messages[index], at: index)
        }
        evictOverLimit()
    }

    /// Keeps the index of messages with tool rows (a check of two fields: no text read).
    private func noteTools(of message: Message, at index: Int) {
        if toolViews.note(message, at: index) { entries[index].tools = nil }
    }

    /// Re-wraps the messages whose tool rows' view changed (`ToolViewIndex.changes`).
    private func updateToolViews(_ messages: [Message]) {
        for (index, view) in toolViews.changes(messages, context: toolContext, current: { entries[$0].tools }) {
            entries[index].tools = view
            entries[index].rowCount = nil
            dropRows(index)
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
        let width = max(1, width)
        prepare(width: width)
        while true {
            let total = prefixRows[entries.count]
            let lower = max(0, range.lowerBound)
            let upper = min(total, range.upperBound)
            guard lower < upper else { return [] }
            var result: [StyledLine] = []
            result.reserveCapacity(upper - lower)
            var messageIndex = message(containingRow: lower)
            var row = lower
            var recountFrom: Int?
            while row < upper, messageIndex < entries.count {
                let messageRows = materializedRows(messageIndex, width: width)
                if messageRows.count != entries[messageIndex].rowCount {
                    // Re-wrapped evicted rows differ only if `errorAdvice` changed since they were
                    // counted: fix the prefix sums and read the range again.
                    entries[messageIndex].rowCount = messageRows.count
                    recountFrom = messageIndex
                    break
                }
                let start = prefixRows[messageIndex]
                while row < upper, row - start < messageRows.count {
                    result.append(messageRows[row - start])
                    row += 1
                }
                messageIndex += 1
            }
            guard let recountFrom else { return result }
            recomputePrefixRows(from: recountFrom)
        }
    }

    /// The first row of message `index` at `width` (the total when `index` is past the end).
    public func firstRow(ofMessageAt index: Int, width: Int) -> Int {
        prepare(width: max(1, width))
        return prefixRows[min(max(0, index), entries.count)]
    }

    /// The message holding row `row` at `width`, and which of its rows that is; nil when the
    /// conversation has no such row.
    public func position(ofRow row: Int, width: Int) -> (messageIndex: Int, rowInMessage: Int)? {
        prepare(width: max(1, width))
        guard row >= 0, row < prefixRows[entries.count] else { return nil }
        let index = message(containingRow: row)
        return (index, row - prefixRows[index])
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
        let total = totalRows(width: rect.width)
        let offset = min(max(0, scrollOffsetFromBottom), max(0, total - rect.height))
        draw(into: &grid, rect: rect, firstRow: max(0, total - rect.height - offset))
        return offset
    }

    /// Draws rows `firstRow...` into `rect`. Unlike a scroll offset this may start below the
    /// last full screen, leaving blank rows under the last one (the renderer's jump scroll
    /// while a reply streams); it is clamped to keep at least the last row in view.
    public func draw(into grid: inout CellGrid, rect: Rect, firstRow: Int) {
        guard !rect.isEmpty else { return }
        grid.fill(rect, role: .normal)
        if entries.isEmpty {
            let lines = TextWrapper.wrap(emptyHint, width: rect.width, role: .dim)
            let top = rect.y + max(0, (rect.height - lines.count) / 2)
            for (offset, line) in lines.prefix(rect.height).enumerated() {
                let x = rect.x + max(0, (rect.width - line.width) / 2)
                grid.draw(line, x: x, y: top + offset, clip: rect)
            }
            return
        }
        let total = totalRows(width: rect.width)
        let first = min(max(0, firstRow), max(0, total - 1))
        let visible = rows(in: first..<(first + rect.height), width: rect.width)
        for (index, line) in visible.enumerated() {
            grid.draw(line, x: rect.x, y: rect.y + index, clip: rect)
        }
    }

    // MARK: - Cache maintenance

    private func prepare(width: Int) {
        let width = max(1, width)
        if wrappedWidth != width {
            wrappedWidth = width
            for index in entries.indices {
                dropRows(index)
                entries[index].rowCount = nil
            }
            useQueue.removeAll { _ in true }
            dirty = Array(entries.indices)
        }
        guard !dirty.isEmpty else { return }
        var lowest = Int.max
        for index in dirty where index < entries.count {
            if entries[index].rowCount == nil {
                entries[index].rowCount = materializedRows(index, width: width).count
            }
            lowest = min(lowest, index)
        }
        dirty.removeAll(keepingCapacity: true)
        recomputePrefixRows(from: lowest)
    }

    private func recomputePrefixRows(from lowest: Int) {
        guard lowest < entries.count else { return }
        for index in lowest..<entries.count {
            prefixRows[index + 1] = prefixRows[index] + (entries[index].rowCount ?? 0)
        }
    }

    /// The rows of message `index` at `width`: the cached ones, or freshly wrapped (and cached,
    /// which may evict older rows). Marks them as just used.
    private func materializedRows(_ index: Int, width: Int) -> [StyledLine] {
        if let rows = entries[index].rows {
            markUsed(index)
            return rows
        }
        let rows: [StyledLine]
        if index == entries.count - 1 {
            rows = MessageRows.build(
                entries[index].message, width: width, gapAbove: entries[index].key.hasGapAbove,
                cache: &entries[index].contentCache, wrappedUTF8Count: &wrappedUTF8Count, rendering: rendering,
                advice: errorAdvice, tools: entries[index].tools)
        } else {
            var noCache: MessageRows.ContentCache?
            rows = MessageRows.build(
                entries[index].message, width: width, gapAbove: entries[index].key.hasGapAbove,
                cache: &noCache, wrappedUTF8Count: &wrappedUTF8Count, rendering: rendering, advice: errorAdvice,
                tools: entries[index].tools)
        }
        wrapCount += 1
        let glyphs = rows.reduce(0) { $0 + $1.glyphs.count }
        entries[index].rows = rows
        entries[index].glyphCount = glyphs
        cachedGlyphCount += glyphs
        cachedEntryCount += 1
        markUsed(index)
        evictOverLimit()
        return rows
    }

    private func markUsed(_ index: Int) {
        useTick += 1
        entries[index].lastUse = useTick
        useQueue.append(index: index, tick: useTick)
        if useQueue.count > 2 * cachedEntryCount + 64 {
            useQueue.removeAll { !isLive($0) }
        }
    }

    private func isLive(_ item: (index: Int, tick: Int)) -> Bool {
        item.index < entries.count && entries[item.index].rows != nil && entries[item.index].lastUse == item.tick
    }

    private func dropRows(_ index: Int) {
        guard entries[index].rows != nil else { return }
        entries[index].rows = nil
        cachedGlyphCount -= entries[index].glyphCount
        entries[index].glyphCount = 0
        cachedEntryCount -= 1
    }

    /// Drops the least recently used rows until those of the messages before the last fit the
    /// limit. The last message's rows stay: it is the one that streams and the one in view.
    private func evictOverLimit() {
        let limit = max(0, rowCacheGlyphLimit)
        let lastIndex = entries.count - 1
        var lastItem: (index: Int, tick: Int)?
        while cachedGlyphCount - (entries.last?.glyphCount ?? 0) > limit, let item = useQueue.popFirst() {
            guard isLive(item) else { continue }
            if item.index == lastIndex {
                lastItem = item
            } else {
                dropRows(item.index)
            }
        }
        if let lastItem { useQueue.append(index: lastItem.index, tick: lastItem.tick) }
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
