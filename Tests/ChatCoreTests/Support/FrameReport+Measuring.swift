import ChatCore

extension FrameReport {
    /// What a frame reports when it measures `state`'s panes as the state already holds them,
    /// except for the parts given: the report of a frame that changed only those figures.
    static func measuring(
        _ state: AppState, conversation: ScrollMetrics? = nil, overlay: ScrollMetrics? = nil,
        compareColumns: [ScrollMetrics]? = nil, screenMap: ScreenMap? = nil
    ) -> FrameReport {
        FrameReport(
            conversation: conversation ?? state.conversation.scroll.metrics, overlay: overlay ?? state.destination?.scroll?.metrics ?? ScrollMetrics(),
            compareColumns: compareColumns ?? state.compare.run?.columns.map(\.scroll.metrics) ?? [],
            screenMap: screenMap ?? state.screen.map)
    }
}
