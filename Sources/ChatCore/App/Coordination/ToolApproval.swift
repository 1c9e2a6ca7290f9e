/// A waiting tool call's answer: the `tool-approval` context's keys (asked above the
/// conversation's while a call waits and the conversation has the focus), and the same
/// commands by name from anywhere, as `chatterm ask` gives them. The turn's steps are in
/// ToolRuns.swift.

/// The `tool-approval` context's commands on the waiting call. Nil when no call waits.
func toolApprovalCommand(_ command: Command, _ state: inout AppState, _ stamp: Stamp) -> [Effect]? {
    guard var turn = state.tools.turn, turn.awaitsApproval, let index = turn.currentIndex else { return nil }
    let now = stamp.nowMillis
    switch command {
    case .runTool:
        return runToolCall(&state, at: index, now: now)
    case .alwaysRunTool:
        state.tools.alwaysAllowed[turn.sessionID, default: []].insert(turn.calls[index].call.name)
        return runToolCall(&state, at: index, now: now)
    case .runAllTools:
        turn.runsAll = true
        state.tools.turn = turn
        return runToolCall(&state, at: index, now: now)
    case .refuseTool:
        turn.calls[index].state = .ended(.refused)
        state.tools.turn = turn
        state.status.notice = nil
        return storeToolResult(&state, turn, at: index, text: refusedToolCallText, outcome: .refused, elapsedMillis: nil, now: now)
            + advanceToolTurn(&state, now: now)
    case .cancel:
        return stopToolTurn(&state, now: now)
    default:
        return nil
    }
}

/// A tool command given by name (`.commandInvoked`, as `chatterm ask` does) acts on the waiting
/// call whatever has the focus; `cancel` stops a turn whatever it is doing. Nil otherwise.
func toolTurnCommandFromAnywhere(_ command: Command, _ state: inout AppState, _ stamp: Stamp) -> [Effect]? {
    switch command {
    case .runTool, .alwaysRunTool, .refuseTool, .runAllTools:
        return toolApprovalCommand(command, &state, stamp)
    case .cancel where state.tools.turn != nil && state.destination == nil && !state.isStreaming:
        return stopToolTurn(&state, now: stamp.nowMillis)
    default:
        return nil
    }
}
