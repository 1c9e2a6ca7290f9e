import ChatCore
import StreamProtocol

/// Draws the whole screen from `AppState`: layout, the four panes, the status line and any
/// overlay. A pure function of the state apart from view caches that never change the output
/// (wrapped conversation rows, list scroll positions), which is why it is a class kept across
/// frames. It never touches the terminal: CursesTerminal copies the grid it returns.
public final class ScreenRenderer {
    private let conversation = ConversationLayout()
    private let inspector = InspectorView()
    private var sessionsFirst = 0
    private var shownMessages: [Message] = []
    private var shownRevision = -1
    private var shownHasReply = false
    private let parameters = ParameterPaneView()
    /// What the last frame measured of the conversation; the run loop reports it to the reducer.
    public private(set) var lastConversationMetrics = ScrollMetrics()
    /// The last frame without an overlay, and what its side panes were drawn from.
    private var previousFrame: CellGrid?
    private var previousKeys: SidePaneKeys?
    /// Where each side pane put the caret when it was last drawn (nil: nowhere).
    private var paneCursors: [Pane: (x: Int, y: Int)?] = [:]
    /// What the last frame measured of the scrolled overlay (inspector, help); zero without one.
    public private(set) var lastOverlayMetrics = ScrollMetrics()
    /// Where the last frame put panes, sessions, messages and parameters; made only while the
    /// mouse is on (the run loop reports it to the reducer for clicks).
    public private(set) var lastScreenMap = ScreenMap()
    /// What the last frame measured of each compare column (empty without a compare run).
    public private(set) var lastCompareMetrics: [ScrollMetrics] = []
    private let compareColumns = CompareColumnsView()

    public static let composerMaxLines = 8

    /// Whether side panes may be kept from the last frame. Off only in the test that proves
    /// keeping them draws exactly what drawing them again would.
    let reusesPanes: Bool

    public init() { reusesPanes = true }

    init(reusesPanes: Bool) { self.reusesPanes = reusesPanes }

    /// Error advice names the dialect's key variable, so the layout learns the dialect once.
    private var adviceDialect: Dialect?

    public func render(_ state: AppState) -> CellGrid {
        let layout = ScreenLayout.compute(
            width: state.screen.terminalWidth, height: state.screen.terminalHeight, focused: state.screen.focus,
            composerMaxLines: Self.composerMaxLines, zoomed: state.screen.zoomed
        ) { innerWidth in
            ComposerView.lineCount(state.composer.input, width: innerWidth, limit: Self.composerMaxLines)
        }
        guard let layout else {
            var grid = CellGrid(width: state.screen.terminalWidth, height: state.screen.terminalHeight)
            previousFrame = nil
            TooSmallNotice.draw(into: &grid, minimumWidth: ScreenLayout.minimumWidth, minimumHeight: ScreenLayout.minimumHeight)
            return grid
        }
        if let compare = state.compare.run { return renderCompare(compare, state) }
        lastCompareMetrics = []
        // Panes whose inputs did not change are taken from the last frame as they are; the
        // conversation (which changes with every delta) and the status line are always drawn.
        // Overlays and the palette draw over everything, so a frame with one is drawn whole.
        let keys = SidePaneKeys(
            state, layout: layout, sessionRows: sessionsFirst..<(sessionsFirst + (layout.sessions?.height ?? 0)))
        let prompt = state.screen.focus == .sessions ? state.sessionRename : nil
        let drawsWhole = state.overlay != nil || state.palette != nil || prompt != nil || !reusesPanes
        var grid: CellGrid
        var reusing = false
        if !drawsWhole, previousKeys?.layout == layout, let previous = previousFrame,
           previous.width == state.screen.terminalWidth, previous.height == state.screen.terminalHeight {
            grid = previous
            reusing = true
        } else {
            grid = CellGrid(width: state.screen.terminalWidth, height: state.screen.terminalHeight)
        }
        grid.cursor = nil
        paneDrawn(.sessions, rect: layout.sessions, changed: previousKeys?.sessions != keys.sessions, reusing: reusing, into: &grid) {
            if let rect = layout.sessions { drawSessions(state, into: &$0, rect: rect) }
        }
        if let rect = layout.conversation {
            if reusing { grid.fill(rect, role: .normal) }
            drawConversation(state, into: &grid, rect: rect)
        }
        paneDrawn(
            .parameters, rect: layout.parameters, changed: previousKeys?.parameters != keys.parameters, reusing: reusing, into: &grid
        ) {
            if let rect = layout.parameters { drawParameters(state, into: &$0, rect: rect) }
        }
        paneDrawn(.composer, rect: layout.composer, changed: previousKeys?.composer != keys.composer, reusing: reusing, into: &grid) {
            drawComposer(state, into: &$0, rect: layout.composer)
        }
        if reusing { grid.fill(layout.statusLine, role: .normal) }
        StatusLineView.draw(
            into: &grid, rect: layout.statusLine, left: StatusText.segments(state), right: StatusText.hints(state))
        lastOverlayMetrics = ScrollMetrics()
        lastScreenMap = state.screen.mouseEnabled ? screenMap(state, layout) : ScreenMap()
        previousFrame = drawsWhole ? nil : grid
        previousKeys = drawsWhole ? nil : keys
        if let prompt { drawSessionPrompt(prompt, state, into: &grid, above: layout.statusLine) }
        if let overlay = state.overlay { drawOverlay(overlay, state, into: &grid) }
        if let palette = state.palette {
            grid.cursor = nil
            PaletteView.draw(into: &grid, area: grid.bounds.inset(by: 1), palette: palette, state: state)
        }
        return grid
    }

    /// Compare takes the whole screen above the status line: its setup, then its columns.
    /// Drawn whole each frame; each column keeps its own layout cache.
    private func renderCompare(_ compare: CompareRun, _ state: AppState) -> CellGrid {
        var grid = CellGrid(width: state.screen.terminalWidth, height: state.screen.terminalHeight)
        previousFrame = nil
        previousKeys = nil
        let body = Rect(x: 0, y: 0, width: state.screen.terminalWidth, height: state.screen.terminalHeight - 1)
        let status = Rect(x: 0, y: state.screen.terminalHeight - 1, width: state.screen.terminalWidth, height: 1)
        if compare.phase == .setup {
            CompareSetupView.draw(into: &grid, rect: body, compare: compare, state: state)
            lastCompareMetrics = []
        } else {
            lastCompareMetrics = compareColumns.draw(into: &grid, rect: body, compare: compare, state: state)
        }
        StatusLineView.draw(
            into: &grid, rect: status, left: CompareFigures.statusSegments(compare) + [StatusSegment(state.status.notice ?? "", role: .warningText)],
            right: CompareFigures.hints(compare, keymap: state.keymap))
        lastOverlayMetrics = ScrollMetrics()
        lastScreenMap = ScreenMap()
        if state.screen.mouseEnabled, compare.phase != .setup { lastScreenMap.compareColumns = compareColumns.lastAreas }
        if let overlay = state.overlay { drawOverlay(overlay, state, into: &grid) }
        if let palette = state.palette {
            grid.cursor = nil
            PaletteView.draw(into: &grid, area: grid.bounds.inset(by: 1), palette: palette, state: state)
        }
        return grid
    }

    private func screenMap(_ state: AppState, _ layout: ScreenLayout) -> ScreenMap {
        func area(_ rect: Rect) -> ScreenArea { ScreenArea(x: rect.x, y: rect.y, width: rect.width, height: rect.height) }
        var map = ScreenMap()
        let panes: [(Pane, Rect?)] = [
            (.sessions, layout.sessions), (.conversation, layout.conversation), (.parameters, layout.parameters),
            (.composer, layout.composer),
        ]
        map.panes = panes.compactMap { pane, rect in rect.map { ScreenMap.PaneArea(pane: pane, area: area($0)) } }
        if let rect = layout.sessions, state.sessions.search == nil || state.screen.focus != .sessions {
            map.sessionList = area(rect.inset(by: 1))
            map.firstSessionIndex = sessionsFirst
        }
        if let rect = layout.conversation {
            let inner = rect.inset(by: 1)
            map.conversation = area(inner)
            let first = lastConversationMetrics.firstVisibleRow
            map.messageRows = (0..<max(0, inner.height)).map { y in
                guard let place = conversation.position(ofRow: first + y, width: inner.width),
                      place.messageIndex < shownMessages.count else { return nil }
                return shownMessages[place.messageIndex].id
            }
        }
        if layout.parameters != nil { map.parameterRows = parameters.lastRows }
        return map
    }

    /// Draws a side pane when its inputs changed (over a cleared rectangle), else keeps its
    /// cells from the last frame and puts back the caret it placed then.
    private func paneDrawn(
        _ pane: Pane, rect: Rect?, changed: Bool, reusing: Bool, into grid: inout CellGrid, _ draw: (inout CellGrid) -> Void
    ) {
        guard changed || !reusing else {
            // Later panes' carets win, as when a whole frame is drawn in order.
            if let remembered = paneCursors[pane], let position = remembered { grid.cursor = position }
            return
        }
        if reusing, let rect { grid.fill(rect, role: .normal) }
        let before = grid.cursor
        grid.cursor = nil
        draw(&grid)
        paneCursors[pane] = .some(grid.cursor)
        if grid.cursor == nil { grid.cursor = before }
    }

    /// An overlay over the panes. The caret belongs to the overlay's input line if it has one.
    private func drawOverlay(_ overlay: Overlay, _ state: AppState, into grid: inout CellGrid) {
        grid.cursor = nil
        let area = grid.bounds.inset(by: 1)
        switch overlay {
        case .help:
            // Where the user is leads: the compare screen, else the focused pane.
            let here = state.compare.run.map { $0.phase == .setup ? [KeyContext.compareSetup, .text] : [.compare] }
                ?? KeyContext.of(state.screen.focus) + [.global]
            let rows = KeymapDocument.helpRows(state.keymap, first: here + [.app]).map { KeyBinding($0.keys, $0.text, isHeading: $0.isHeading) }
            lastOverlayMetrics = HelpOverlay.draw(into: &grid, area: area, bindings: rows, firstRow: state.helpTopRow)
        case let .modelPicker(picker):
            ModelPickerView.draw(into: &grid, area: area, picker: picker, currentModel: state.effectiveModel, keymap: state.keymap)
        case let .presets(picker):
            PresetsView.draw(
                into: &grid, area: area, picker: picker, presets: state.presets, current: state.parameters, keymap: state.keymap)
        case let .inspector(inspector):
            lastOverlayMetrics = self.inspector.draw(into: &grid, area: area, inspector: inspector, state: state)
        }
    }

    private func drawSessions(_ state: AppState, into grid: inout CellGrid, rect: Rect) {
        let focused = state.screen.focus == .sessions
        grid.box(rect, title: Pane.sessions.title, focused: focused)
        if let search = state.sessions.search, focused {
            SessionSearchView.draw(into: &grid, border: rect, search: search, nowMillis: state.status.nowMillis)
            return
        }
        let activeIndex = state.sessions.list.firstIndex { $0.id == state.conversation.activeSessionID }
        sessionsFirst = SessionListView.draw(
            into: &grid, rect: rect.inset(by: 1), sessions: state.sessions.list,
            timestamps: state.sessions.list.map { RelativeTime.text(from: $0.updatedAtMillis, to: state.status.nowMillis) },
            selectedIndex: state.sessions.list.isEmpty ? nil : (focused ? state.sessions.selectedIndex : activeIndex),
            focused: focused, previousFirst: sessionsFirst)
    }

    /// `R` or `x` in the sessions pane: the prompt across the foot of the screen.
    private func drawSessionPrompt(_ prompt: SessionRename, _ state: AppState, into grid: inout CellGrid, above statusLine: Rect) {
        let keymap = state.keymap
        let accept = keymap.displayKey(for: .accept, in: [.sessionRename])
        let cancel = keymap.displayKey(for: .close, in: [.sessionRename])
        let title = prompt.sessionTitle.isEmpty ? "untitled session" : "“\(prompt.sessionTitle)”"
        let label: String
        let keys: String
        if let format = prompt.exportFormat {
            let next = keymap.displayKey(for: .nextFormat, in: [.sessionRename])
            label = "Export \(title) as \(format.title) to"
            keys = "\(next) \(format.next == .json ? "JSON" : "Markdown") · \(accept) writes .\(format.fileExtension) · \(cancel) cancels"
        } else {
            label = "Rename \(title) to"
            keys = "\(accept) saves · \(cancel) cancels"
        }
        PromptLineView.draw(
            into: &grid, area: Rect(x: 0, y: 0, width: statusLine.width, height: statusLine.y),
            label: label, input: prompt.title, keys: keys)
    }

    private func drawConversation(_ state: AppState, into grid: inout CellGrid, rect: Rect) {
        let focused = state.screen.focus == .conversation
        let following = state.conversation.scroll == .followingTail
        grid.box(rect, title: Pane.conversation.title + (following ? "" : " (scrolled · End follows)"), focused: focused)
        let inner = rect.inset(by: 1)
        if adviceDialect != state.launch.profile.dialect {
            let dialect = state.launch.profile.dialect
            adviceDialect = dialect
            conversation.errorAdvice = { ErrorAdvice.advice(for: $0, dialect: dialect) }
        }
        conversation.emptyHint = "No messages yet. Type below and press \(state.keymap.displayKey(for: .send, in: [.message])) to send."
        let (shown, unchangedPrefix) = visibleMessages(state)
        conversation.rendering = MessageRendering(
            assistantMarkdown: state.screen.display.markdownReplies, userMarkdown: state.screen.display.markdownUserMessages,
            showDetails: state.screen.display.showDetails)
        conversation.update(messages: shown, unchangedPrefix: unchangedPrefix)
        let total = conversation.totalRows(width: inner.width)
        var metrics = ScrollMetrics(totalRows: total, viewportRows: inner.height)
        let topRow: Int
        switch state.conversation.scroll {
        case .followingTail:
            topRow = Self.followingTop(total: total, height: inner.height)
        case let .fixed(row):
            topRow = row
        case let .anchored(messageID, rowInMessage):
            // The window changed above the view: the same row of the same message on top. A
            // message no longer held (trimmed away) leaves the view where it was.
            if let index = shownMessages.firstIndex(where: { $0.id == messageID }) {
                topRow = conversation.firstRow(ofMessageAt: index, width: inner.width) + rowInMessage
            } else {
                topRow = state.conversation.metrics.firstVisibleRow
            }
        case let .revealing(messageID):
            // As little scrolling as shows the message whole, or its start if it is taller
            // than the pane.
            topRow = revealTop(messageID, previousTop: state.conversation.metrics.firstVisibleRow, width: inner.width, height: inner.height)
        }
        // Past the last full screen only when following (the jump scroll's blank rows).
        let first = state.conversation.scroll == .followingTail ? topRow : min(max(0, topRow), metrics.maxTopRow)
        conversation.draw(into: &grid, rect: inner, firstRow: first)
        // A first run without a key or project id: the empty conversation says what to do.
        if shown.isEmpty, !state.launch.setupGaps.isEmpty {
            let gaps = WelcomeView.openGaps(state)
            if !gaps.isEmpty { WelcomeView.draw(gaps, keymap: state.keymap, into: &grid, rect: inner) }
        }
        if let search = state.conversation.search {
            if let needle = search.needle { SearchHighlight.mark(needle, in: &grid, rect: inner) }
            SearchHighlight.drawLine(search, into: &grid, border: rect)
        }
        if focused { drawMessageCursor(state, into: &grid, border: rect, inner: inner, firstRow: first) }
        metrics.firstVisibleRow = first
        if let top = conversation.position(ofRow: metrics.firstVisibleRow, width: inner.width), top.messageIndex < shownMessages.count {
            metrics.topMessageID = shownMessages[top.messageIndex].id
            metrics.rowInTopMessage = top.rowInMessage
        }
        lastConversationMetrics = metrics
    }

    /// The rows (without the gap above) of the selected message: the cursor's, else the last.
    private func cursorRows(_ state: AppState, width: Int) -> Range<Int>? {
        guard !shownMessages.isEmpty else { return nil }
        let index = state.conversation.cursor.flatMap { id in shownMessages.firstIndex { $0.id == id } } ?? shownMessages.count - 1
        let start = conversation.firstRow(ofMessageAt: index, width: width) + (index > 0 ? 1 : 0)
        let end = conversation.firstRow(ofMessageAt: index + 1, width: width)
        return start..<max(start, end)
    }

    private func revealTop(_ messageID: String, previousTop: Int, width: Int, height: Int) -> Int {
        guard let index = shownMessages.firstIndex(where: { $0.id == messageID }) else { return previousTop }
        let start = conversation.firstRow(ofMessageAt: index, width: width) + (index > 0 ? 1 : 0)
        let end = conversation.firstRow(ofMessageAt: index + 1, width: width)
        if start < previousTop { return start }
        return min(start, max(previousTop, end - height))
    }

    /// The message cursor: a bar over the pane's left border beside the selected message's rows.
    private func drawMessageCursor(_ state: AppState, into grid: inout CellGrid, border: Rect, inner: Rect, firstRow: Int) {
        guard let rows = cursorRows(state, width: inner.width) else { return }
        let visible = rows.clamped(to: firstRow..<(firstRow + inner.height))
        for row in visible {
            grid[border.x, inner.y + row - firstRow] = Cell(text: Self.messageCursorBar, width: 1, role: .borderFocused)
        }
    }

    public static let messageCursorBar = "▐"

    /// The first row while following the tail: the last full screen, rounded up to a multiple
    /// of a third of the pane. So a reply streaming into a full pane scrolls it a third of its
    /// height at a time, not a row at a time, with blank rows under the text for it to fill.
    /// The pane sits between two others, so a terminal cannot scroll it by itself: every scroll
    /// rewrites all of it (~4.5 KB at 120x40), and a third at a time is a tenth of those
    /// rewrites and of their bytes. A function of the rows alone, so every frame (and every
    /// fresh renderer) agrees on it; the last row is always in view.
    /// A pane under 12 rows scrolls a row at a time: there, blank rows would cost too much of
    /// what little it shows.
    static func followingTop(total: Int, height: Int) -> Int {
        let bottom = max(0, total - height)
        let step = height >= 12 ? height / 3 : 1
        return (bottom + step - 1) / step * step
    }

    /// `state.visibleMessages` without building it anew each frame: while only the streaming
    /// reply changes, the cached list's last element is replaced in place (O(1)) and the layout
    /// is told every earlier message is unchanged, so a frame never walks the whole history.
    private func visibleMessages(_ state: AppState) -> ([Message], unchangedPrefix: Int) {
        let reply = state.shownReply
        guard state.conversation.messagesRevision == shownRevision else {
            shownRevision = state.conversation.messagesRevision
            shownMessages = state.visibleMessages
            shownHasReply = reply != nil
            return (shownMessages, 0)
        }
        switch (reply, shownHasReply) {
        case let (reply?, true):
            shownMessages[shownMessages.count - 1] = reply
        case let (reply?, false):
            shownMessages.append(reply)
        case (nil, true):
            shownMessages.removeLast()
        case (nil, false):
            break
        }
        shownHasReply = reply != nil
        return (shownMessages, state.conversation.messages.count)
    }

    private func drawParameters(_ state: AppState, into grid: inout CellGrid, rect: Rect) {
        let focused = state.screen.focus == .parameters
        grid.box(rect, title: Pane.parameters.title, focused: focused)
        parameters.draw(into: &grid, rect: rect.inset(by: 1), state: state, focused: focused)
    }

    private func drawComposer(_ state: AppState, into grid: inout CellGrid, rect: Rect) {
        let focused = state.screen.focus == .composer
        let title = state.composer.toolAnswer.map { "Result of \($0.name) · \($0.callID) (Esc: leave)" }
            ?? (state.composer.messageEdit != nil ? "Editing · sends a new version (Esc: leave)" : Pane.composer.title)
        grid.box(rect, title: title, focused: focused)
        let keymap = state.keymap
        let placeholder = state.isStreaming
            ? "Type your next message; \(keymap.displayKey(for: .cancel, in: [.global])) stops the reply."
            : "Type a message. \(keymap.displayKey(for: .send, in: [.message])) sends, "
                + "\(keymap.displayKey(for: .newline, in: [.message])) adds a line."
        ComposerView.draw(
            into: &grid, rect: rect.inset(by: 1), text: state.composer.input.text, caret: state.composer.input.caret,
            caretIndex: state.composer.input.caretIndex, placeholder: placeholder, focused: focused)
    }
}
