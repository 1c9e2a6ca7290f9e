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
    /// What the last frame measured of the scrolled overlay (inspector, help); zero without one.
    public private(set) var lastOverlayMetrics = ScrollMetrics()

    public static let composerMaxLines = 8

    public init() {}

    /// Error advice names the dialect's key variable, so the layout learns the dialect once.
    private var adviceDialect: Dialect?

    public func render(_ state: AppState) -> CellGrid {
        var grid = CellGrid(width: state.terminalWidth, height: state.terminalHeight)
        let layout = ScreenLayout.compute(
            width: state.terminalWidth, height: state.terminalHeight, focused: state.focus,
            composerMaxLines: Self.composerMaxLines
        ) { innerWidth in
            ComposerView.lineCount(text: state.composer.text, caret: state.composer.caret, width: innerWidth)
        }
        guard let layout else {
            TooSmallNotice.draw(into: &grid, minimumWidth: ScreenLayout.minimumWidth, minimumHeight: ScreenLayout.minimumHeight)
            return grid
        }
        if let rect = layout.sessions { drawSessions(state, into: &grid, rect: rect) }
        if let rect = layout.conversation { drawConversation(state, into: &grid, rect: rect) }
        if let rect = layout.parameters { drawParameters(state, into: &grid, rect: rect) }
        drawComposer(state, into: &grid, rect: layout.composer)
        StatusLineView.draw(
            into: &grid, rect: layout.statusLine, left: StatusText.segments(state), right: StatusText.hints(state))
        lastOverlayMetrics = ScrollMetrics()
        if let overlay = state.overlay { drawOverlay(overlay, state, into: &grid) }
        if let palette = state.palette {
            grid.cursor = nil
            PaletteView.draw(into: &grid, area: grid.bounds.inset(by: 1), palette: palette, state: state)
        }
        return grid
    }

    /// An overlay over the panes. The caret belongs to the overlay's input line if it has one.
    private func drawOverlay(_ overlay: Overlay, _ state: AppState, into grid: inout CellGrid) {
        grid.cursor = nil
        let area = grid.bounds.inset(by: 1)
        switch overlay {
        case .help:
            let rows = KeymapDocument.helpRows(state.keymap, first: KeyContext.of(state.focus) + [.global, .app]).map { KeyBinding($0.keys, $0.text, isHeading: $0.isHeading) }
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
        let focused = state.focus == .sessions
        grid.box(rect, title: Pane.sessions.title, focused: focused)
        let activeIndex = state.sessions.firstIndex { $0.id == state.activeSessionID }
        sessionsFirst = SessionListView.draw(
            into: &grid, rect: rect.inset(by: 1), sessions: state.sessions,
            timestamps: state.sessions.map { RelativeTime.text(from: $0.updatedAtMillis, to: state.nowMillis) },
            selectedIndex: state.sessions.isEmpty ? nil : (focused ? state.selectedSessionIndex : activeIndex),
            focused: focused, previousFirst: sessionsFirst)
    }

    private func drawConversation(_ state: AppState, into grid: inout CellGrid, rect: Rect) {
        let focused = state.focus == .conversation
        let following = state.scroll == .followingTail
        grid.box(rect, title: Pane.conversation.title + (following ? "" : " (scrolled · End follows)"), focused: focused)
        let inner = rect.inset(by: 1)
        if adviceDialect != state.profile.dialect {
            let dialect = state.profile.dialect
            adviceDialect = dialect
            conversation.errorAdvice = { ErrorAdvice.advice(for: $0, dialect: dialect) }
        }
        conversation.emptyHint = "No messages yet. Type below and press \(state.keymap.displayKey(for: .send, in: [.message])) to send."
        let (shown, unchangedPrefix) = visibleMessages(state)
        conversation.update(messages: shown, unchangedPrefix: unchangedPrefix)
        let total = conversation.totalRows(width: inner.width)
        let metrics = ScrollMetrics(totalRows: total, viewportRows: inner.height)
        let offsetFromBottom: Int
        switch state.scroll {
        case .followingTail: offsetFromBottom = 0
        case let .fixed(topRow): offsetFromBottom = max(0, metrics.maxTopRow - topRow)
        }
        conversation.draw(into: &grid, rect: inner, scrollOffsetFromBottom: offsetFromBottom)
        lastConversationMetrics = metrics
    }

    /// `state.visibleMessages` without building it anew each frame: while only the streaming
    /// reply changes, the cached list's last element is replaced in place (O(1)) and the layout
    /// is told every earlier message is unchanged, so a frame never walks the whole history.
    private func visibleMessages(_ state: AppState) -> ([Message], unchangedPrefix: Int) {
        let reply = state.stream.flatMap { $0.sessionID == state.activeSessionID ? $0.reply : nil }
        guard state.messagesRevision == shownRevision else {
            shownRevision = state.messagesRevision
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
        return (shownMessages, state.messages.count)
    }

    private func drawParameters(_ state: AppState, into grid: inout CellGrid, rect: Rect) {
        let focused = state.focus == .parameters
        grid.box(rect, title: Pane.parameters.title, focused: focused)
        parameters.draw(into: &grid, rect: rect.inset(by: 1), state: state, focused: focused)
    }

    private func drawComposer(_ state: AppState, into grid: inout CellGrid, rect: Rect) {
        let focused = state.focus == .composer
        grid.box(rect, title: Pane.composer.title, focused: focused)
        let keymap = state.keymap
        let placeholder = state.isStreaming
            ? "Type your next message; \(keymap.displayKey(for: .cancel, in: [.global])) stops the reply."
            : "Type a message. \(keymap.displayKey(for: .send, in: [.message])) sends, "
                + "\(keymap.displayKey(for: .newline, in: [.message])) adds a line."
        ComposerView.draw(
            into: &grid, rect: rect.inset(by: 1), text: state.composer.text, caret: state.composer.caret,
            placeholder: placeholder, focused: focused)
    }
}
