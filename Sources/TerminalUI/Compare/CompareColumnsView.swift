import ChatCore

/// The compare columns: side by side when the terminal is at least `sideBySideMinimumWidth`
/// wide, else one at a time under a row of tabs. Each column is headed by what sets its
/// parameters apart and its live figures, and shows its reply as the conversation pane would
/// (Markdown, code, tool calls), from a layout cache of its own: a frame re-wraps only the
/// unfinished last line of each growing reply, so four streams cost four small updates.
final class CompareColumnsView {
    static let sideBySideMinimumWidth = 100
    /// Rows above a column's reply: its header, its figures, a rule.
    static let headerRows = 3

    /// One layout per reply, by reply id (a new run drops the old ones).
    private var layouts: [String: ConversationLayout] = [:]
    /// The frame's `CompareColumnsModel.tools`, for every column's layout.
    private var toolContext = ToolRowsContext.compare
    /// Where the last frame drew each column (its tab, as tabs), for clicks and the wheel.
    private(set) var lastAreas: [ScreenMap.CompareColumnArea] = []

    /// Draws the run; returns each column's rows as drawn (for the reducer's scroll keys).
    func draw(into grid: inout CellGrid, rect: Rect, model: CompareColumnsModel) -> [ScrollMetrics] {
        lastAreas = []
        grid.fill(rect, role: .normal)
        grid.box(rect, title: nil, focused: true)
        var title = StyledLine(" Compare · ", role: .titleFocused)
        title.append(contentsOf: StyledLine(model.title + " ", role: .titleFocused))
        grid.draw(title.truncated(toWidth: max(0, rect.width - 4)), x: rect.x + 2, y: rect.y, clip: rect)
        let inner = rect.inset(by: 1)
        guard !inner.isEmpty else { return [] }
        if model.readingHistory {
            grid.draw(StyledLine("Reading the session's history for the requests…", role: .dim), x: inner.x + 1, y: inner.y, clip: inner)
            return []
        }
        // A new run's replies: the old run's layouts go (checked without allocating per frame).
        if layouts.count != model.columns.count || model.columns.contains(where: { layouts[$0.reply.id] == nil }) {
            let live = Set(model.columns.map(\.reply.id))
            layouts = layouts.filter { live.contains($0.key) }
        }
        let rendering = model.rendering
        toolContext = model.tools
        let selected = model.selected
        if model.sideBySide {
            let count = model.columns.count
            let width = max(1, (inner.width - (count - 1)) / count)
            var metrics: [ScrollMetrics] = []
            var x = inner.x
            for (index, column) in model.columns.enumerated() {
                // The last column takes what the division left over.
                let columnWidth = index == count - 1 ? inner.maxX - x : width
                let area = Rect(x: x, y: inner.y, width: columnWidth, height: inner.height)
                lastAreas.append(Self.mapped(index, area))
                drawHeader(column, index: index, selected: index == selected, into: &grid, area: area)
                metrics.append(drawReply(column, rendering: rendering, into: &grid, body: body(of: area, showsLabel: true)))
                x += columnWidth
                if index < count - 1 {
                    for y in inner.y..<inner.maxY {
                        grid[x, y] = Cell(text: y == inner.y + Self.headerRows - 1 ? "┼" : "│", width: 1, role: .border)
                    }
                    x += 1
                }
            }
            return metrics
        }
        // Tabs: every column's number, mark and label in one row; the selected one below.
        drawTabs(model.columns, selected: selected, into: &grid, area: inner)
        let area = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 1)
        lastAreas.append(Self.mapped(selected, area))
        let shown = body(of: area, showsLabel: false)
        return model.columns.enumerated().map { index, column in
            if index == selected {
                drawHeader(column, index: index, selected: true, into: &grid, area: area, showsLabel: false)
                return drawReply(column, rendering: rendering, into: &grid, body: shown)
            }
            return measure(column, rendering: rendering, body: shown)
        }
    }

    private func layout(for reply: Message, rendering: MessageRendering) -> ConversationLayout {
        let layout = layouts[reply.id] ?? ConversationLayout()
        layouts[reply.id] = layout
        layout.rendering = rendering
        // Compare never runs a tool: its calls are shown with a line saying so.
        layout.toolContext = toolContext
        // The figures are in the column's header: no footer repeating them under the reply.
        var shown = reply
        shown.stats = nil
        layout.update(messages: [shown])
        return layout
    }

    private func drawHeader(
        _ column: CompareColumnsModel.Column, index: Int, selected: Bool, into grid: inout CellGrid, area: Rect,
        showsLabel: Bool = true
    ) {
        guard area.height > 0 else { return }
        let headerRow = Rect(x: area.x, y: area.y, width: area.width, height: 1)
        if showsLabel {
            let role: StyleRole = selected ? .selection : .title
            grid.fill(headerRow, role: role)
            grid.draw(StyledLine(" \(index + 1) \(column.label)", role: role).truncated(toWidth: area.width), x: area.x, y: area.y, clip: headerRow)
        }
        let figures = column.figures.fitting(area.width - 1)
        let figuresY = showsLabel ? area.y + 1 : area.y
        grid.draw(
            StyledLine(" " + figures, role: column.figures.role).truncated(toWidth: area.width), x: area.x, y: figuresY,
            clip: Rect(x: area.x, y: figuresY, width: area.width, height: 1))
        let ruleY = figuresY + 1
        if ruleY < area.maxY {
            for x in area.x..<area.maxX { grid[x, ruleY] = Cell(text: "─", width: 1, role: .border) }
        }
    }

    /// The rows under a column's header: two rows lower in the tab form (no label row).
    private func body(of area: Rect, showsLabel: Bool) -> Rect {
        let top = showsLabel ? Self.headerRows : Self.headerRows - 1
        return Rect(x: area.x + 1, y: area.y + top, width: max(0, area.width - 2), height: max(0, area.height - top))
    }

    private func drawReply(_ column: CompareColumnsModel.Column, rendering: MessageRendering, into grid: inout CellGrid, body: Rect) -> ScrollMetrics {
        let layout = layout(for: column.reply, rendering: rendering)
        let total = layout.totalRows(width: max(1, body.width))
        var metrics = ScrollMetrics(totalRows: total, viewportRows: body.height)
        let first = Self.firstRow(column, metrics)
        if !body.isEmpty { layout.draw(into: &grid, rect: body, firstRow: first) }
        metrics.firstVisibleRow = first
        return metrics
    }

    private func measure(_ column: CompareColumnsModel.Column, rendering: MessageRendering, body: Rect) -> ScrollMetrics {
        let total = layout(for: column.reply, rendering: rendering).totalRows(width: max(1, body.width))
        var metrics = ScrollMetrics(totalRows: total, viewportRows: body.height)
        metrics.firstVisibleRow = Self.firstRow(column, metrics)
        return metrics
    }

    /// Where the column's reply starts on screen: its scroll position, or while it follows its
    /// reply the conversation pane's jump scroll (a third of the column at a time). A column
    /// cannot be scrolled by the terminal on its own, so every one-row scroll would rewrite
    /// all of it; a third at a time is a fraction of those bytes.
    static func firstRow(_ column: CompareColumnsModel.Column, _ metrics: ScrollMetrics) -> Int {
        guard let top = column.topRow else { return ScreenRenderer.followingTop(total: metrics.totalRows, height: metrics.viewportRows) }
        return min(top, metrics.maxTopRow)
    }

    private static func mapped(_ column: Int, _ rect: Rect) -> ScreenMap.CompareColumnArea {
        .init(column: column, area: ScreenArea(x: rect.x, y: rect.y, width: rect.width, height: rect.height))
    }

    private func drawTabs(_ columns: [CompareColumnsModel.Column], selected: Int, into grid: inout CellGrid, area: Rect) {
        let row = Rect(x: area.x, y: area.y, width: area.width, height: 1)
        var line = StyledLine()
        for (index, column) in columns.enumerated() {
            let tab = StyledLine(" \(index + 1) \(column.mark) \(column.label) ", role: index == selected ? .selection : .dim)
            if index > 0 { line.append(contentsOf: StyledLine("│", role: .border)) }
            // A long label is cut so that every tab keeps its number in view.
            let cut = tab.truncated(toWidth: max(6, area.width / columns.count - 1))
            let start = area.x + line.width
            line.append(contentsOf: cut)
            let end = min(area.x + line.width, area.maxX)
            if end > start { lastAreas.append(Self.mapped(index, Rect(x: start, y: area.y, width: end - start, height: 1))) }
        }
        grid.draw(line.truncated(toWidth: area.width), x: area.x, y: area.y, clip: row)
    }
}
