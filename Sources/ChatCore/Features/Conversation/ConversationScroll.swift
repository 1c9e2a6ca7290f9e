/// How the conversation pane is scrolled. Following the tail is a state of its own so that a
/// growing reply keeps the bottom in view, while a user who scrolled up keeps their place
/// (the top row stays put as rows are appended below).
public enum ConversationScroll: Sendable, Equatable {
    case followingTail
    /// The first visible row, counted from the top of the messages held.
    case fixed(topRow: Int)
    /// Row `rowInMessage` of message `messageID` is the first visible row. Set when the
    /// window of held messages changes above what is shown (rows the reducer cannot count);
    /// the next frame draws it in place and reports the row, which becomes `fixed` again.
    case anchored(messageID: String, rowInMessage: Int)
    /// Scroll as little as needed to show message `messageID` (the message cursor moved to
    /// it); the next frame resolves it to a row and reports it, which becomes `fixed` again.
    case revealing(messageID: String)
}

/// A scrolled view's size as the last rendered frame measured it: the conversation, and the
/// overlay on screen (inspector, help). Views report it back (`Action.frameReported`,
/// `FrameReport`) because wrapping depends on the width the layout derives; the
/// reducer needs it to turn PgUp/Home/End into rows and to keep scroll positions in range.
public struct ScrollMetrics: Sendable, Equatable {
    public var totalRows: Int
    public var viewportRows: Int
    /// The first row drawn (the conversation only).
    public var firstVisibleRow: Int
    /// The message that row belongs to, and which of its rows it is: what a change of the
    /// window keeps in place (`ConversationScroll.anchored`).
    public var topMessageID: String?
    public var rowInTopMessage: Int

    public init(
        totalRows: Int = 0, viewportRows: Int = 0, firstVisibleRow: Int = 0, topMessageID: String? = nil,
        rowInTopMessage: Int = 0
    ) {
        self.totalRows = totalRows
        self.viewportRows = viewportRows
        self.firstVisibleRow = firstVisibleRow
        self.topMessageID = topMessageID
        self.rowInTopMessage = rowInTopMessage
    }
    public var maxTopRow: Int { max(0, totalRows - viewportRows) }
}
