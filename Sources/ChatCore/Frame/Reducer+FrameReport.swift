/// The frame just drawn reports what it measured: every part the state does not hold yet is
/// taken, in the order the parts depend on (the conversation's figures may ask for a page of
/// history, which is returned; the others only correct positions).
func frameReported(_ state: inout AppState, _ report: FrameReport) -> [Effect] {
    var effects: [Effect] = []
    // Unchanged figures are not taken again: a position a key moved since the last frame must
    // wait for the frame that draws it before it is judged against the figures.
    if report.conversation != state.conversation.scroll.metrics {
        effects += reduceConversation(&state.conversation, .measured(report.conversation))
    }
    if let compare = state.compare.run, report.compareColumns != compare.columns.map(\.scroll.metrics) {
        effects += state.handle(reduceCompare(&state.compare, .measured(report.compareColumns)))
    }
    // Empty while the mouse is off, as the state's map is then.
    if report.screenMap != state.screen.map { state.screen.map = report.screenMap }
    // Only help and the inspector scroll by what they drew.
    // The renderer drew the overlay with this many rows: scroll positions stay within them (a
    // shorter view after a switch, a wider terminal after a resize).
    if let shown = state.destination?.scroll, report.overlay != shown.metrics { state.destination?.scroll?.measured(report.overlay) }
    return effects
}
