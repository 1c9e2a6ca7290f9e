import ChatCore
import StreamProtocol

/// Draws the whole screen from `AppState`: layout, the four panes, the status line and any
/// overlay. A pure function of the state apart from view caches that never change the output
/// (wrapped conversation rows, list scroll positions), which is why it is a class kept across
/// frames. It never touches the terminal: CursesTerminal copies the grid it returns.
///
/// `render(_:)` is the one place that reads `AppState`: it builds each part's view model
/// (`Screen/PaneModels/`) and every view below draws from those values alone.
public final class ScreenRenderer {
    private let conversation = ConversationLayout()
    private let inspector = InspectorView()
    /// Where the inspected message was last found among the held messages (`InspectorModel`).
    private var inspectedIndex: Int?
    private var sessionsFirst = 0
    private var shownMessages: [Message] = []
    private var shownRevision = -1
    private var shownHasReply = false
    private let parameters = ParameterPaneView()
    /// Everything the last frame measured (the conversation, the overlay, the compare columns,
    /// where things went for clicks): the run loop reports it to the reducer in one action.
    public private(set) var lastReport = FrameReport()
    /// The last frame without an overlay, and what its side panes were drawn from.
    private var previousFrame: CellGrid?
    private var previousPanes: SidePanes?
    /// The parts the last frame drew rather than kept (the reuse tests read it).
    private(set) var lastRedrawn: Set<ScreenPart> = []
    /// Where each part put the caret when it was last drawn (nil: nowhere).
    private var paneCursors: [ScreenPart: (x: Int, y: Int)?] = [:]
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
            lastRedrawn = []
            TooSmallNotice.draw(into: &grid, minimumWidth: ScreenLayout.minimumWidth, minimumHeight: ScreenLayout.minimumHeight)
            return grid
        }
        // What is open above the panes (under the palette, if that is open too), and the palette.
        var overlay: OverlayModel?
        if let open = state.destination?.beneath { overlay = OverlayModel(open, state, inspectorIndex: &inspectedIndex) }
        let palette = state.destination?.palette.map { PaletteModel($0, state) }
        if let compare = state.compare.run {
            return renderCompare(
                CompareScreenModel(compare, state), width: state.screen.terminalWidth, height: state.screen.terminalHeight,
                mouseEnabled: state.screen.mouseEnabled, overlay: overlay, palette: palette)
        }
        lastReport.compareColumns = []
        // Panes (and the status line) whose view models did not change are taken from the last
        // frame as they are: while a reply streams, the conversation and the status line change.
        // Overlays and the palette draw over everything, so a frame with one is drawn whole.
        // Every model is built, even a hidden pane's (not drawn: `paneDrawn` draws only a pane
        // the layout places), so none is optional: comparing two optionals copies both.
        let panes = SidePanes(
            layout: layout,
            sessions: SessionsPaneModel(state, height: (layout.sessions?.height ?? 2) - 2, previousFirst: sessionsFirst),
            conversation: ConversationPaneModel(state), parameters: ParametersPaneModel(state),
            composer: ComposerPaneModel(state), statusLine: StatusLineModel(state))
        let prompt = state.screen.focus == .sessions
            ? state.destination?.beneath?.sessionPrompt.map { SessionPromptModel($0, keymap: state.keymap) } : nil
        let drawsWhole = state.destination?.coversPanes == true || prompt != nil || !reusesPanes
        var grid: CellGrid
        var reusing = false
        if !drawsWhole, previousPanes?.layout == layout, let previous = previousFrame,
           previous.width == state.screen.terminalWidth, previous.height == state.screen.terminalHeight {
            grid = previous
            reusing = true
        } else {
            grid = CellGrid(width: state.screen.terminalWidth, height: state.screen.terminalHeight)
        }
        grid.cursor = nil
        lastRedrawn = []
        let changed = SidePanes.changes(from: &previousPanes, to: panes)
        paneDrawn(.sessions, rect: layout.sessions, changed: changed.sessions, reusing: reusing, into: &grid) {
            if let rect = layout.sessions { drawSessions(panes.sessions, into: &$0, rect: rect) }
        }
        paneDrawn(
            .conversation, rect: layout.conversation, changed: changed.conversation, reusing: reusing,
            into: &grid
        ) {
            if let rect = layout.conversation {
                drawConversation(panes.conversation, held: state.conversation.messages, into: &$0, rect: rect)
            }
        }
        paneDrawn(
            .parameters, rect: layout.parameters, changed: changed.parameters, reusing: reusing,
            into: &grid
        ) {
            if let rect = layout.parameters { drawParameters(panes.parameters, into: &$0, rect: rect) }
        }
        paneDrawn(.composer, rect: layout.composer, changed: changed.composer, reusing: reusing, into: &grid) {
            drawComposer(panes.composer, into: &$0, rect: layout.composer)
        }
        paneDrawn(
            .statusLine, rect: layout.statusLine, changed: changed.statusLine, reusing: reusing, into: &grid
        ) {
            StatusLineView.draw(into: &$0, rect: layout.statusLine, left: panes.statusLine.left, right: panes.statusLine.right)
        }
        lastReport.overlay = ScrollMetrics()
        if state.screen.mouseEnabled {
            // The sessions list is where clicks land unless the pane shows its search.
            var searching = false
            if case .some = state.sessions.search { searching = true }
            lastReport.screenMap = screenMap(layout, mapsSessionList: !searching || state.screen.focus != .sessions)
        } else {
            lastReport.screenMap = ScreenMap()
        }
        previousFrame = drawsWhole ? nil : grid
        previousPanes = drawsWhole ? nil : panes
        if let prompt { drawSessionPrompt(prompt, into: &grid, above: layout.statusLine) }
        drawAbove(overlay: overlay, palette: palette, into: &grid)
        return grid
    }

    /// The overlay, then the palette over it.
    private func drawAbove(overlay: OverlayModel?, palette: PaletteModel?, into grid: inout CellGrid) {
        if let overlay { drawOverlay(overlay, into: &grid) }
        if let palette {
            grid.cursor = nil
            PaletteView.draw(into: &grid, area: grid.bounds.inset(by: 1), model: palette)
        }
    }

    /// Compare takes the whole screen above the status line: its setup, then its columns.
    /// Drawn whole each frame; each column keeps its own layout cache.
    private func renderCompare(
        _ model: CompareScreenModel, width: Int, height: Int, mouseEnabled: Bool, overlay: OverlayModel?, palette: PaletteModel?
    ) -> CellGrid {
        var grid = CellGrid(width: width, height: height)
        previousFrame = nil
        previousPanes = nil
        lastRedrawn = []
        let body = Rect(x: 0, y: 0, width: width, height: height - 1)
        let status = Rect(x: 0, y: height - 1, width: width, height: 1)
        switch model.body {
        case let .setup(setup):
            CompareSetupView.draw(into: &grid, rect: body, model: setup)
            lastReport.compareColumns = []
        case let .columns(columns):
            lastReport.compareColumns = compareColumns.draw(into: &grid, rect: body, model: columns)
        }
        StatusLineView.draw(into: &grid, rect: status, left: model.statusLine.left, right: model.statusLine.right)
        lastReport.overlay = ScrollMetrics()
        lastReport.screenMap = ScreenMap()
        if mouseEnabled, case .columns = model.body { lastReport.screenMap.compareColumns = compareColumns.lastAreas }
        drawAbove(overlay: overlay, palette: palette, into: &grid)
        return grid
    }

    /// `mapsSessionList`: whether the sessions pane shows its list (not its search).
    private func screenMap(_ layout: ScreenLayout, mapsSessionList: Bool) -> ScreenMap {
        func area(_ rect: Rect) -> ScreenArea { ScreenArea(x: rect.x, y: rect.y, width: rect.width, height: rect.height) }
        var map = ScreenMap()
        let panes: [(Pane, Rect?)] = [
            (.sessions, layout.sessions), (.conversation, layout.conversation), (.parameters, layout.parameters),
            (.composer, layout.composer),
        ]
        map.panes = panes.compactMap { pane, rect in rect.map { ScreenMap.PaneArea(pane: pane, area: area($0)) } }
        if let rect = layout.sessions, mapsSessionList {
            map.sessionList = area(rect.inset(by: 1))
            map.firstSessionIndex = sessionsFirst
        }
        if let rect = layout.conversation {
            let inner = rect.inset(by: 1)
            map.conversation = area(inner)
            let first = lastReport.conversation.firstVisibleRow
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
        _ part: ScreenPart, rect: Rect?, changed: Bool, reusing: Bool, into grid: inout CellGrid, _ draw: (inout CellGrid) -> Void
    ) {
        guard changed || !reusing else {
            // Later panes' carets win, as when a whole frame is drawn in order.
            if let remembered = paneCursors[part], let position = remembered { grid.cursor = position }
            return
        }
        if reusing, let rect { grid.fill(rect, role: .normal) }
        lastRedrawn.insert(part)
        let before = grid.cursor
        grid.cursor = nil
        draw(&grid)
        paneCursors[part] = .some(grid.cursor)
        if grid.cursor == nil { grid.cursor = before }
    }

    /// An overlay over the panes (what `destination` has open, under the palette if that is
    /// open too). The caret belongs to the overlay's input line if it has one.
    private func drawOverlay(_ overlay: OverlayModel, into grid: inout CellGrid) {
        grid.cursor = nil
        let area = grid.bounds.inset(by: 1)
        switch overlay {
        case let .help(bindings, firstRow):
            lastReport.overlay = HelpOverlay.draw(into: &grid, area: area, bindings: bindings, firstRow: firstRow)
        case let .modelPicker(picker, currentModel, keymap):
            ModelPickerView.draw(into: &grid, area: area, picker: picker, currentModel: currentModel, keymap: keymap)
        case let .presets(picker, presets, current, keymap):
            PresetsView.draw(into: &grid, area: area, picker: picker, presets: presets, current: current, keymap: keymap)
        case let .inspector(model):
            lastReport.overlay = inspector.draw(into: &grid, area: area, model: model)
        case let .tools(model):
            lastReport.overlay = ToolsOverlayView.draw(into: &grid, area: area, model: model)
        }
    }

    private func drawSessions(_ model: SessionsPaneModel, into grid: inout CellGrid, rect: Rect) {
        grid.box(rect, title: Pane.sessions.title, focused: model.focused)
        switch model.content {
        case let .search(search):
            SessionSearchView.draw(into: &grid, border: rect, search: search.search, ages: search.ages)
        case let .list(list):
            SessionListView.draw(list, into: &grid, rect: rect.inset(by: 1), focused: model.focused)
            sessionsFirst = list.firstIndex
        }
    }

    /// `R` or `x` in the sessions pane: the prompt across the foot of the screen.
    private func drawSessionPrompt(_ prompt: SessionPromptModel, into grid: inout CellGrid, above statusLine: Rect) {
        PromptLineView.draw(
            into: &grid, area: Rect(x: 0, y: 0, width: statusLine.width, height: statusLine.y),
            label: prompt.label, input: prompt.input, keys: prompt.keys)
    }

    /// `held`: the messages held (read again only when the model's revision moved).
    private func drawConversation(
        _ model: ConversationPaneModel, held: @autoclosure () -> [Message], into grid: inout CellGrid, rect: Rect
    ) {
        let following = model.scroll == .end
        grid.box(rect, title: Pane.conversation.title + (following ? "" : " (scrolled · End follows)"), focused: model.focused)
        let inner = rect.inset(by: 1)
        if adviceDialect != model.dialect {
            let dialect = model.dialect
            adviceDialect = dialect
            conversation.errorAdvice = { ErrorAdvice.advice(for: $0, dialect: dialect) }
        }
        conversation.emptyHint = model.emptyHint
        let (shown, unchangedPrefix) = visibleMessages(model, held: held())
        conversation.rendering = model.rendering
        conversation.toolContext = model.tools
        conversation.update(messages: shown, unchangedPrefix: unchangedPrefix)
        let total = conversation.totalRows(width: inner.width)
        var metrics = ScrollMetrics(totalRows: total, viewportRows: inner.height)
        let topRow: Int
        switch model.scroll {
        case .end:
            topRow = Self.followingTop(total: total, height: inner.height)
        case let .row(row):
            topRow = row
        case let .anchor(.messageRow(messageID, rowInMessage)):
            // The window changed above the view: the same row of the same message on top. A
            // message no longer held (trimmed away) leaves the view where it was.
            if let index = shownMessages.firstIndex(where: { $0.id == messageID }) {
                topRow = conversation.firstRow(ofMessageAt: index, width: inner.width) + rowInMessage
            } else {
                topRow = model.previousTop
            }
        case let .anchor(.revealing(messageID)):
            // As little scrolling as shows the message whole, or its start if it is taller
            // than the pane.
            topRow = revealTop(messageID, previousTop: model.previousTop, width: inner.width, height: inner.height)
        }
        // Past the last full screen only when following (the jump scroll's blank rows).
        let first = following ? topRow : min(max(0, topRow), metrics.maxTopRow)
        conversation.draw(into: &grid, rect: inner, firstRow: first)
        // A first run without a key or project id: the empty conversation says what to do.
        if shown.isEmpty, let welcome = model.welcome {
            WelcomeView.draw(welcome.gaps, keymap: welcome.keymap, into: &grid, rect: inner)
        }
        if let search = model.search {
            if let needle = search.needle { SearchHighlight.mark(needle, in: &grid, rect: inner) }
            SearchHighlight.drawLine(search, into: &grid, border: rect)
        }
        if model.focused { drawMessageCursor(model.cursor, into: &grid, border: rect, inner: inner, firstRow: first) }
        metrics.firstVisibleRow = first
        if let top = conversation.position(ofRow: metrics.firstVisibleRow, width: inner.width), top.messageIndex < shownMessages.count {
            metrics.topMessageID = shownMessages[top.messageIndex].id
            metrics.rowInTopMessage = top.rowInMessage
        }
        lastReport.conversation = metrics
    }

    /// The rows (without the gap above) of the selected message: the cursor's, else the last.
    private func cursorRows(_ cursor: String?, width: Int) -> Range<Int>? {
        guard !shownMessages.isEmpty else { return nil }
        let index = cursor.flatMap { id in shownMessages.firstIndex { $0.id == id } } ?? shownMessages.count - 1
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
    private func drawMessageCursor(_ cursor: String?, into grid: inout CellGrid, border: Rect, inner: Rect, firstRow: Int) {
        guard let rows = cursorRows(cursor, width: inner.width) else { return }
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
    /// `held` is read only when the messages' revision moved.
    private func visibleMessages(
        _ model: ConversationPaneModel, held: @autoclosure () -> [Message]
    ) -> ([Message], unchangedPrefix: Int) {
        let reply = model.reply
        guard model.messagesRevision == shownRevision else {
            shownRevision = model.messagesRevision
            shownMessages = held() + (reply.map { [$0] } ?? [])
            shownHasReply = reply != nil
            return (shownMessages, 0)
        }
        let heldCount = shownMessages.count - (shownHasReply ? 1 : 0)
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
        return (shownMessages, heldCount)
    }

    private func drawParameters(_ model: ParametersPaneModel, into grid: inout CellGrid, rect: Rect) {
        grid.box(rect, title: Pane.parameters.title, focused: model.focused)
        parameters.draw(into: &grid, rect: rect.inset(by: 1), model: model)
    }

    private func drawComposer(_ model: ComposerPaneModel, into grid: inout CellGrid, rect: Rect) {
        grid.box(rect, title: model.title, focused: model.focused)
        ComposerView.draw(
            into: &grid, rect: rect.inset(by: 1), text: model.text, caret: model.caret,
            caretIndex: model.caretIndex, placeholder: model.placeholder, focused: model.focused)
    }

    /// The parts of the screen kept from one frame to the next while their models are unchanged.
    enum ScreenPart: Hashable {
        case sessions, conversation, parameters, composer, statusLine
    }

    /// What the side panes were drawn from, with the layout that placed them.
    private struct SidePanes: Equatable {
        var layout: ScreenLayout
        var sessions: SessionsPaneModel
        var conversation: ConversationPaneModel
        var parameters: ParametersPaneModel
        var composer: ComposerPaneModel
        var statusLine: StatusLineModel

        /// Which parts differ from the last frame's (all of them without one).
        struct Changes {
            var sessions = true, conversation = true, parameters = true, composer = true, statusLine = true
        }

        /// `previous` is `inout` only so that it is read where it is kept: passed or read by
        /// value out of the renderer, each model was copied (every string and array retained,
        /// then released) on every frame. Nothing is changed.
        static func changes(from previous: inout SidePanes?, to panes: SidePanes) -> Changes {
            // `previous!.x` compares the field in place (`previous?.x` builds a new optional
            // from a copy of it); it is not nil past the guard.
            // `case .some` checks only the tag (`previous != nil` is Equatable's `!=`: a copy).
            guard case .some = previous else { return Changes() }
            return Changes(
                sessions: previous!.sessions != panes.sessions, conversation: previous!.conversation != panes.conversation,
                parameters: previous!.parameters != panes.parameters, composer: previous!.composer != panes.composer,
                statusLine: previous!.statusLine != panes.statusLine)
        }
    }
}
