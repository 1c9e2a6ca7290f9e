/// Ending a tool turn before its calls are done: Esc, a message sent while calls wait, another
/// session opened. Every call not ended is answered "not run" in the turn's own session, so the
/// history stays valid for OpenAI (every tool_call answered) and nothing more is sent.

/// Esc: the turn stops. A running call is stopped; every call not ended gets its "not run"
/// message (so the history stays valid), and nothing more goes to the model.
func stopToolTurn(_ state: inout AppState, now: Int64) -> [Effect] {
    guard let effects = endToolTurn(&state, now: now) else { return [] }
    state.status.notice = "Tool calls stopped: nothing more is sent to the model."
    return effects
}

/// Ends the turn (if any) with a "not run" message for every call not ended; nil when there
/// was none. A running call gets `.stopTool` and ends `stopped`; a waiting one, `refused`.
func endToolTurn(_ state: inout AppState, now: Int64) -> [Effect]? {
    guard var turn = state.tools.turn else { return nil }
    state.tools.turn = nil
    var effects: [Effect] = []
    for index in turn.calls.indices {
        switch turn.calls[index].state {
        case .ended:
            continue
        case let .running(startedAt):
            turn.calls[index].state = .ended(.stopped)
            effects.append(.stopTool(callID: turn.calls[index].call.wireID))
            effects += storeToolResult(
                &state, turn, at: index, text: interruptedToolCallText, outcome: .stopped, elapsedMillis: max(0, now - startedAt), now: now)
        case .awaitingApproval:
            turn.calls[index].state = .ended(.refused)
            effects += storeToolResult(&state, turn, at: index, text: stoppedToolCallText, outcome: .refused, elapsedMillis: nil, now: now)
        }
    }
    return effects
}

/// A turn belongs to the session it began in: once another is open (or a new one), it stops,
/// its calls answered "not run" in its own session, so no prompt acts on a session not shown.
func stopToolTurnOfClosedSession(_ state: inout AppState) -> [Effect] {
    guard let turn = state.tools.turn, turn.sessionID != state.conversation.activeSessionID else { return [] }
    return endToolTurn(&state, now: state.status.nowMillis) ?? []
}

/// While a turn works through its calls, the commands that change the path shown (an edit,
/// a regenerated reply, a version switch, a delete or its undo) wait: the turn's results are
/// stored at the path's end, which must still be the reply that asked for them. True (and the
/// status line says why) when `command` must wait.
func toolTurnHoldsThePath(_ command: Command, _ state: inout AppState) -> Bool {
    guard let turn = state.tools.turn, turn.sessionID == state.conversation.activeSessionID else { return false }
    switch command {
    case .editMessage, .regenerate, .previousVersion, .nextVersion, .deleteMessage, .undoDelete:
        let stop = state.keymap.displayKey(for: .cancel, in: [turn.awaitsApproval ? .toolApproval : .global])
        state.status.notice = "The reply's tool calls are under way: let them finish, or press \(stop) to stop them first."
        return true
    default:
        return false
    }
}
