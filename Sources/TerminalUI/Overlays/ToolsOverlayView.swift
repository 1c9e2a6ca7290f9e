import ChatCore

/// The tools overlay (`Ctrl+T`, `tools` in the palette): the servers with their phase and log
/// file, their tools with a switch each ("[x] read_file  Read a file"), the selection
/// highlighted and kept in view, notes (no servers; a prem profile), and the keys. Returns what
/// it measured, as the other scrolled overlays do.
enum ToolsOverlayView {
    static let title = "Tools"

    @discardableResult
    static func draw(into grid: inout CellGrid, area: Rect, model: ToolsOverlayModel) -> ScrollMetrics {
        let width = min(area.width, 80)
        let innerWidth = max(1, width - 4)  // the frame's padding and border
        let notes = model.notes.flatMap { TextWrapper.wrap($0, width: innerWidth, role: .overlayDim).prefix(3) }
        let listRows = max(model.rows.count, model.rows.isEmpty ? 0 : 1)
        let height = min(area.height, 2 + notes.count + (notes.isEmpty || model.rows.isEmpty ? 0 : 1) + listRows + 1)
        guard let inner = OverlayFrame.draw(into: &grid, area: area, width: width, height: height, title: title) else {
            return ScrollMetrics()
        }
        grid.draw(KeyHintLine.make(model.hints, role: .overlayDim, width: inner.width), x: inner.x, y: inner.maxY - 1, clip: inner)
        var top = inner.y
        for line in notes where top < inner.maxY - 1 {
            grid.draw(line, x: inner.x, y: top, clip: inner)
            top += 1
        }
        if !notes.isEmpty, !model.rows.isEmpty { top += 1 }
        let list = Rect(x: inner.x, y: top, width: inner.width, height: max(0, inner.maxY - 1 - top))
        guard !model.rows.isEmpty, !list.isEmpty else {
            return ScrollMetrics(totalRows: model.rows.count, viewportRows: list.height)
        }
        let selected = min(max(0, model.selection), model.rows.count - 1)
        let first = ScrollWindow.firstVisible(
            selected: selected, count: model.rows.count, visible: list.height, previousFirst: model.firstRow)
        for index in first..<min(model.rows.count, first + list.height) {
            let y = list.y + index - first
            grid.draw(line(model.rows[index], width: list.width), x: list.x, y: y, clip: list)
            if index == selected { grid.setRole(.selection, in: Rect(x: list.x, y: y, width: list.width, height: 1)) }
        }
        return ScrollMetrics(totalRows: model.rows.count, viewportRows: list.height, firstVisibleRow: first)
    }

    /// One row, cut to `width`; every piece of outside text through the sanitiser
    /// (`StyledLine(_:role:)`), a description's first line only.
    static func line(_ row: ToolsOverlayModel.Row, width: Int) -> StyledLine {
        switch row {
        case let .server(name, phase, toolCount, logPath):
            var line = StyledLine(name, role: .heading)
            let (text, role) = phaseText(phase, toolCount: toolCount)
            line.append(contentsOf: StyledLine("  " + text, role: role))
            if let logPath { line.append(contentsOf: StyledLine("  log " + logPath, role: .overlayDim)) }
            return line.truncated(toWidth: width)
        case let .tool(name, description, on):
            var line = StyledLine("  " + (on ? "[x] " : "[ ] "), role: .overlay)
            line.append(contentsOf: StyledLine(name, role: on ? .overlay : .overlayDim))
            let summary = description.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            if !summary.isEmpty { line.append(contentsOf: StyledLine("  " + summary, role: .overlayDim)) }
            return line.truncated(toWidth: width)
        }
    }

    /// "running · 3 tools", "starting…", "restarting: LAST LINE", "failed: LAST LINE".
    static func phaseText(_ phase: ToolServerStatus.Phase, toolCount: Int) -> (String, StyleRole) {
        switch phase {
        case .starting: return ("starting…", .overlayDim)
        case .running: return ("running · \(toolCount) tool" + (toolCount == 1 ? "" : "s"), .overlayDim)
        case let .restarting(lastLine): return ("restarting: " + lastLine, .warningText)
        case let .failed(lastLine): return ("failed: " + lastLine, .overlayError)
        }
    }
}
