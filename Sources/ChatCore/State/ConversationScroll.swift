/// How the conversation pane is scrolled. Following the tail is a state of its own so that a
/// growing reply keeps the bottom in view, while a user who scrolled up keeps their place
/// (the top row stays put as rows are appended below).
public enum ConversationScroll: Sendable, Equatable {
    case followingTail
    /// The first visible row, counted from the top of the whole conversation.
    case fixed(topRow: Int)
}

/// A scrolled view's size as the last rendered frame measured it: the conversation, and the
/// overlay on screen (inspector, help). Views report it back (`Action.conversationMeasured`,
/// `Action.overlayMeasured`) because wrapping depends on the width the layout derives; the
/// reducer needs it to turn PgUp/Home/End into rows and to keep scroll positions in range.
public struct ScrollMetrics: Sendable, Equatable {
    public var totalRows: Int
    public var viewportRows: Int
    public init(totalRows: Int = 0, viewportRows: Int = 0) {
        self.totalRows = totalRows
        self.viewportRows = viewportRows
    }
    public var maxTopRow: Int { max(0, totalRows - viewportRows) }
}
