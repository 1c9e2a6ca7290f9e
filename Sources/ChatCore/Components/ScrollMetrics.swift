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
    /// window keeps in place (`ConversationAnchor.messageRow`).
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
