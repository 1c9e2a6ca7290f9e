/// Where a scrolled view stands (help, the inspector, the conversation, a compare column):
/// its top row, and the rows the last frame measured (`ScrollMetrics`), which bound it.
/// A view that follows appended text (a streaming reply) is `.end`: it stays on the last rows
/// as they grow, until the user scrolls up; scrolling back to the end follows again when the
/// caller asks for it (`followsEnd`). Like bubbles' `viewport`, but the measuring is the
/// renderer's: the reducer learns the sizes from a measured action and only clamps.
///
/// `Anchor` is a position only the next frame can turn into a row, because only the renderer
/// knows how text wraps: the conversation's "this row of that message on top" (after a page of
/// a long session came in above) and "show that message" (the cursor moved to it). The view
/// draws it, reports the row it became, and the owner sets `.row` again; until then `topRow`
/// is the row the last frame drew. Views without such positions (help, the inspector) use
/// `ScrollState`, whose `Anchor` is `Never`: its `.anchor` case cannot be made.
public struct AnchoredScrollState<Anchor: Sendable & Equatable>: Sendable, Equatable {
    public enum Position: Sendable, Equatable {
        /// This row is the first shown (clamped to the last full page when read).
        case row(Int)
        /// The last rows are shown, whatever the length.
        case end
        /// A place the next frame resolves to a row (see the type's comment).
        case anchor(Anchor)
    }

    public var position: Position
    public var metrics: ScrollMetrics

    public init(position: Position = .row(0), metrics: ScrollMetrics = ScrollMetrics()) {
        self.position = position
        self.metrics = metrics
    }

    /// The first row shown, within 0...maxTopRow of the last measure (an anchor: the row the
    /// last frame drew, until the next one resolves it).
    public var topRow: Int {
        switch position {
        case let .row(row): return min(max(0, row), metrics.maxTopRow)
        case .end: return metrics.maxTopRow
        case .anchor: return metrics.firstVisibleRow
        }
    }

    public var isAtEnd: Bool { position == .end }

    /// Rows a page key moves: the viewport less one row kept for context (at least one).
    public var pageRows: Int { max(1, metrics.viewportRows - 1) }

    /// Scrolls so `row` is the first shown, clamped; with `followsEnd`, reaching the last
    /// page follows appended text again.
    public mutating func scroll(to row: Int, followsEnd: Bool = false) {
        let clamped = min(max(0, row), metrics.maxTopRow)
        position = followsEnd && clamped >= metrics.maxTopRow ? .end : .row(clamped)
    }

    /// Performs a scroll command (`scroll-up`, `scroll-down`, the page and top/bottom keys);
    /// false for any other command, which the caller handles.
    public mutating func perform(_ command: Command, followsEnd: Bool = false) -> Bool {
        switch command {
        case .scrollUp: scroll(to: topRow - 1, followsEnd: followsEnd)
        case .scrollDown: scroll(to: topRow + 1, followsEnd: followsEnd)
        case .scrollPageUp: scroll(to: topRow - pageRows, followsEnd: followsEnd)
        case .scrollPageDown: scroll(to: topRow + pageRows, followsEnd: followsEnd)
        case .scrollTop: scroll(to: 0, followsEnd: followsEnd)
        case .scrollBottom: scroll(to: metrics.maxTopRow, followsEnd: followsEnd)
        default: return false
        }
        return true
    }

    /// Takes what the renderer measured; a row past the new last page is pulled back to it.
    public mutating func measured(_ newMetrics: ScrollMetrics) {
        metrics = newMetrics
        if case let .row(row) = position, row > newMetrics.maxTopRow { position = .row(newMetrics.maxTopRow) }
    }
}

/// A scrolled view with no position the next frame must resolve (help, the inspector).
public typealias ScrollState = AnchoredScrollState<Never>
