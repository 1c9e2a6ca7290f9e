import StreamProtocol

/// How a turn is made from a reply and moves on, on the tools feature's own values (the root
/// glue in App/Coordination/ToolRuns.swift stores results and sends the next request).
extension ToolTurn {
    /// The reply's calls that name an offered MCP tool, in the reply's order, each waiting.
    /// Calls naming anything else, or a function of the pane's own `tools` (`paneNames`: the
    /// pane wins a clash), are not the turn's: they stay for the by-hand answer (`a`).
    static func runs(
        of calls: [ToolCall], servers: [ToolServerStatus], switchedOff: Set<String>, paneNames: Set<String> = []
    ) -> [ToolCallRun] {
        calls.compactMap { call in
            guard !paneNames.contains(call.name) else { return nil }
            return ToolOffer.tool(named: call.name, servers: servers, switchedOff: switchedOff).map {
                ToolCallRun(call: call, server: $0.server, tool: $0.name)
            }
        }
    }

    /// The index of the call the runtime answers with `callID`, while it runs.
    func runningIndex(callID: String) -> Int? {
        calls.firstIndex { run in
            if case .running = run.state { return run.call.wireID == callID }
            return false
        }
    }

    /// Every call has ended.
    var isFinished: Bool { currentIndex == nil }
}

extension ToolsState {
    /// Whether the current call of the turn may run without the user's `y`: the server's config
    /// says so, the session answered `a` for this tool, or the turn was approved with `A`.
    func runsWithoutAsking(_ run: ToolCallRun, in turn: ToolTurn, settings: ToolSettings) -> Bool {
        turn.runsAll
            || settings.server(named: run.server)?.runsWithoutAsking(run.tool) == true
            || alwaysAllowed[turn.sessionID, default: []].contains(run.call.name)
    }

    /// Number of replies after the last user message that asked for tools, the reply `except`
    /// left out: the turn of a reply is this plus one (`ToolTurn.round`).
    static func toolRounds(in messages: [Message], except replyID: String) -> Int {
        let start = (messages.lastIndex { $0.role == .user }).map { $0 + 1 } ?? 0
        return messages[start...].filter { $0.role == .assistant && !$0.toolCalls.isEmpty && $0.id != replyID }.count
    }
}
