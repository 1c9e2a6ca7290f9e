import ChatCore
import StreamProtocol

/// The message inspector: one reply's parameters, request body and curl command (the text of
/// `InspectorContent`, so the copy key copies what is shown), with tabs for the three views and
/// the lines wrapped to the box and scrolled from the model's `requestedRow`.
///
/// A class for its cache only: the wrapped rows of the view on screen, kept while what the
/// view's lines are made of (`Key`, from the `InspectorModel`) and the width stay the same, so scrolling a long body does not pretty-print and
/// re-wrap it every frame. The cache never changes what is drawn.
final class InspectorView {
    private struct Key: Equatable {
        var messageID: String
        var view: MessageInspector.View
        var width: Int
        var dialect: Dialect
        var model: String?
        var parameters: SessionParameters?
        var request: InspectedRequest
        /// What the parameters view says about the reply besides its parameters: they change
        /// while it streams (a finish reason arrives before the reply ends).
        var traceID: String?
        var finishReason: String?
        var skippedEvents: Int?
    }

    private var cachedKey: Key?
    private var cachedRows: [StyledLine] = []

    /// Returns the wrapped rows there are and the rows the box shows (what the reducer scrolls in).
    func draw(into grid: inout CellGrid, area: Rect, model: InspectorModel) -> ScrollMetrics {
        guard let inner = OverlayFrame.draw(into: &grid, area: area, width: area.width, height: area.height, title: model.title),
              inner.height >= 3 else { return ScrollMetrics() }

        let body = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 2)
        let rows: [StyledLine]
        if let message = model.message {
            rows = self.rows(message, request: model.request, view: model.view, width: body.width, profile: model.profile)
        } else {
            rows = TextWrapper.wrap("That reply is no longer in the open session.", width: max(1, body.width), role: .overlayDim)
        }
        let top = min(max(0, model.requestedRow), max(0, rows.count - body.height))
        let shown = min(rows.count - top, body.height)

        var tabs = StyledLine()
        for (index, view) in MessageInspector.View.allCases.enumerated() {
            if index > 0 { tabs.append(contentsOf: StyledLine(" │ ", role: .overlayDim)) }
            tabs.append(contentsOf: StyledLine(" \(view.rawValue) ", role: view == model.view ? .selection : .overlay))
        }
        grid.draw(tabs, x: inner.x, y: inner.y, clip: inner)
        if rows.count > body.height {
            // In the bottom border, where it never crowds the tabs: "4–9 of 14".
            let position = StyledLine(" \(top + 1)–\(top + shown) of \(rows.count) ", role: .titleFocused)
            let border = Rect(x: inner.x - 1, y: inner.maxY, width: inner.width + 2, height: 1)
            grid.draw(position, x: max(border.x, border.maxX - position.width - 1), y: border.y, clip: border)
        }
        for index in 0..<max(0, shown) {
            grid.draw(rows[top + index], x: body.x, y: body.y + index, clip: body)
        }
        grid.draw(KeyHintLine.make(model.hints, role: .overlayDim, width: inner.width), x: inner.x, y: inner.maxY - 1, clip: inner)
        return ScrollMetrics(totalRows: rows.count, viewportRows: body.height)
    }

    /// "now", "5m ago": when the reply was made, from times in the state.
    static func age(_ millis: Int64, now: Int64) -> String {
        let text = RelativeTime.text(from: millis, to: now)
        return text == "now" ? "just now" : text + " ago"
    }

    private func rows(
        _ message: Message, request: InspectedRequest, view: MessageInspector.View, width: Int, profile: Profile
    ) -> [StyledLine] {
        let key = Key(
            messageID: message.id, view: view, width: width, dialect: profile.dialect, model: message.model,
            parameters: message.parameters, request: request, traceID: message.traceID,
            finishReason: message.finishReason, skippedEvents: message.stats?.skippedEvents)
        if key == cachedKey { return cachedRows }
        var rows: [StyledLine] = []
        for line in InspectorContent.lines(for: message, request: request, view: view, profile: profile) {
            rows.append(contentsOf: TextWrapper.wrap(line, width: max(1, width), role: .overlay))
        }
        cachedKey = key
        cachedRows = rows
        return rows
    }
}
