/// Everything the renderer measured while drawing a frame, reported back in one action
/// (`Action.frameReported`) so the reducer takes all of it and every effect it asks for is
/// performed: wrapping depends on the width the layout derives, so scroll positions and clicks
/// need these figures from the view.
public struct FrameReport: Sendable, Equatable {
    /// The conversation pane: rows in all, rows shown, the first row drawn and its message.
    public var conversation: ScrollMetrics
    /// The scrolled overlay on screen (inspector, help); zero without one.
    public var overlay: ScrollMetrics
    /// Each compare column (empty without a compare run).
    public var compareColumns: [ScrollMetrics]
    /// What was drawn where, for clicks; empty while the mouse is off.
    public var screenMap: ScreenMap

    public init(
        conversation: ScrollMetrics = ScrollMetrics(), overlay: ScrollMetrics = ScrollMetrics(),
        compareColumns: [ScrollMetrics] = [], screenMap: ScreenMap = ScreenMap()
    ) {
        self.conversation = conversation
        self.overlay = overlay
        self.compareColumns = compareColumns
        self.screenMap = screenMap
    }
}

/// The positions a frame's figures may correct (a scroll past the end clamped, a column back
/// at its end following again): when a report changes one, the frame is drawn again.
public struct FramePositions: Equatable {
    var conversation: ConversationScroll.Position
    /// The compare columns' scroll positions (nil: no compare).
    var compareTops: [ScrollState.Position]?
    /// Help's or the inspector's scroll position (nil: neither is open).
    var overlayScroll: ScrollState.Position?
}

extension AppState {
    public var framePositions: FramePositions {
        FramePositions(
            conversation: conversation.scroll.position, compareTops: compare.run?.columns.map(\.scroll.position), overlayScroll: destination?.scroll?.position)
    }
}
