import ChatCore

/// What the compare screen draws: the setup or the columns above a status line of its own.
struct CompareScreenModel: Equatable {
    enum Body: Equatable {
        case setup(CompareSetupModel)
        case columns(CompareColumnsModel)
    }

    var body: Body
    var statusLine: StatusLineModel

    init(_ compare: CompareRun, _ state: borrowing AppState) {
        if compare.phase == .setup {
            body = .setup(CompareSetupModel(compare, presets: state.presets, keymap: state.keymap))
        } else {
            body = .columns(CompareColumnsModel(compare, state))
        }
        statusLine = StatusLineModel(
            left: CompareFigures.statusSegments(compare) + [StatusSegment(state.status.notice ?? "", role: .warningText)],
            right: CompareFigures.hints(compare, keymap: state.keymap))
    }
}

/// What the compare columns draw: the prompt's first line as the title, and each column's
/// label, figures, reply and scroll position.
struct CompareColumnsModel: Equatable {
    struct Column: Equatable {
        /// What sets its parameters apart: "temperature 1.4".
        var label: String
        /// Its tab's mark: streaming, done, stopped, failed.
        var mark: String
        var figures: CompareFigures.Forms
        var reply: Message
        /// The first row shown; nil follows the end of the reply as it grows.
        var topRow: Int?
    }

    var title: String
    /// The requests wait for the session's history (no columns to show yet).
    var readingHistory: Bool
    var columns: [Column]
    /// The column the keys act on (a valid index when there are columns).
    var selected: Int
    /// Side by side, else one at a time under a row of tabs.
    var sideBySide: Bool
    var rendering: MessageRendering
    /// Calls are shown, never run (`ToolRowsContext.compare`), named by server and tool when
    /// a configured server offers them.
    var tools: ToolRowsContext

    init(_ compare: CompareRun, _ state: borrowing AppState) {
        title = compare.prompt.text.split(separator: "\n").first.map(String.init) ?? ""
        readingHistory = compare.phase == .awaitingHistory || compare.columns.isEmpty
        let now = state.status.nowMillis
        columns = compare.columns.map { column in
            Column(
                label: column.label, mark: CompareFigures.mark(column.reply),
                figures: CompareFigures.forms(column, nowMillis: now), reply: column.reply,
                // The column's scroll position, read in this one place (`.end` follows).
                topRow: { if case let .row(row) = column.scroll.position { row } else { nil } }())
        }
        selected = min(compare.selected, compare.columns.count - 1)
        sideBySide = state.screen.terminalWidth >= CompareColumnsView.sideBySideMinimumWidth
        rendering = MessageRendering(
            assistantMarkdown: state.screen.display.markdownReplies, userMarkdown: state.screen.display.markdownUserMessages,
            showDetails: state.screen.display.showDetails)
        var tools = ToolRowsContext.compare
        let servers = state.tools.servers
        if !servers.isEmpty {
            let full = ToolRowsContext(state)
            tools.knownTools = full.knownTools
            tools.knownServers = full.knownServers
        }
        self.tools = tools
    }
}
