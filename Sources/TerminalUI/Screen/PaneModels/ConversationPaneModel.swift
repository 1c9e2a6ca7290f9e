import ChatCore
import StreamProtocol

/// What the conversation pane draws. It does not hold the messages (a long session holds
/// thousands): the state's `messagesRevision` stands for them, so building and comparing it
/// costs the same at any history length, and the renderer reads the messages themselves only
/// when the revision moves. The reply in flight is held, being the one message that changes
/// while it streams. The renderer keeps the pane's cells while this value is unchanged (typing
/// in the message box while no reply streams draws only the box).
struct ConversationPaneModel: Equatable {
    var focused: Bool
    /// Where the pane stands (not its measure: that is what drawing it reports).
    var scroll: ConversationScroll.Position
    /// The first row the last frame showed: where an anchored or revealing view stays when its
    /// message is not held. Zero otherwise (it moves with every frame and is then not drawn).
    var previousTop: Int
    /// Moves whenever the messages held change (`AppState.messagesRevision`).
    var messagesRevision: Int
    /// The reply in flight, drawn under the messages (`AppState.shownReply`).
    var reply: Message?
    var rendering: MessageRendering
    /// Error advice names the dialect's key variable.
    var dialect: Dialect
    /// What an empty conversation says (it names the send key); empty when there are messages.
    var emptyHint: String
    /// A first run's setup still to do, shown in an empty conversation (nil: none).
    var welcome: Welcome?
    var search: ConversationSearch?
    /// The selected message, marked beside the pane's border while focused (nil: the last one).
    var cursor: String?
    /// What the rows of tool calls and results read of the tools' state (`ToolRowsContext`).
    var tools: ToolRowsContext

    struct Welcome: Equatable {
        var gaps: [SetupGap]
        /// The keys the steps name.
        var keymap: Keymap
    }

    init(_ state: borrowing AppState) {
        focused = state.screen.focus == .conversation
        scroll = state.conversation.scroll.position
        switch scroll {
        case .anchor: previousTop = state.conversation.scroll.metrics.firstVisibleRow
        case .end, .row: previousTop = 0
        }
        messagesRevision = state.conversation.messagesRevision
        reply = state.shownReply
        rendering = MessageRendering(
            assistantMarkdown: state.screen.display.markdownReplies, userMarkdown: state.screen.display.markdownUserMessages,
            showDetails: state.screen.display.showDetails)
        dialect = state.launch.profile.dialect
        emptyHint = !state.conversation.messages.isEmpty || reply != nil ? "" : "No messages yet. Type below and press \(state.keymap.displayKey(for: .send, in: [.message])) to send."
        let gaps = state.launch.setupGaps.isEmpty ? [] : WelcomeView.openGaps(
            state.launch.setupGaps, projectID: state.parameters.projectID ?? state.launch.profile.projectID,
            model: state.effectiveModel)
        welcome = gaps.isEmpty ? nil : Welcome(gaps: gaps, keymap: state.keymap)
        search = state.conversation.search
        cursor = focused ? state.conversation.cursor : nil
        tools = ToolRowsContext(state)
    }
}

extension ToolRowsContext {
    /// From `AppState.tools` and the keymap. Without servers, a turn or an unfolded result
    /// (a conversation with no tools) it is the same value every frame, and the keymap is read
    /// once for the fold line's key; the clock is read only while a call runs.
    init(_ state: borrowing AppState) {
        let tools = state.tools
        var known: [String: ToolName] = [:]
        for server in tools.servers {
            for spec in server.tools { known[spec.wireName] = ToolName(server: spec.server, tool: spec.name) }
        }
        let turn = tools.turn
        let running = turn?.isRunning == true
        let keymap = state.keymap
        self.init(
            knownTools: known, knownServers: Set(tools.servers.map(\.name)), turn: turn,
            expandedResults: tools.expandedResults, nowMillis: running ? state.status.nowMillis : 0,
            approvalHint: turn?.awaitsApproval == true ? Self.approvalHint(keymap) : "",
            stopHint: running ? keymap.hint(.cancel, in: [.global], label: "stops") ?? "" : "",
            expandKey: keymap.shortKey(for: .toggleDetails, in: [.conversation]) ?? "")
    }

    /// "y run · a always · n refuse · A run all · Esc stop": the `tool-approval` keys as bound.
    static func approvalHint(_ keymap: Keymap) -> String {
        approvalHintItems(keymap).joined(separator: " · ")
    }

    /// The approval keys one hint each, for the prompt under a call and the status line.
    static func approvalHintItems(_ keymap: Keymap) -> [String] {
        let context: [KeyContext] = [.toolApproval]
        return [
            keymap.hint(.runTool, in: context), keymap.hint(.alwaysRunTool, in: context),
            keymap.hint(.refuseTool, in: context), keymap.hint(.runAllTools, in: context),
            keymap.hint(.cancel, in: context, label: "stop"),
        ].compactMap { $0 }
    }
}
