import StreamProtocol

/// MCP tool calls on their way: the root's, because a turn spans the stream (a reply that ends
/// with tool calls begins it), the conversation (each result joins it, the focus comes to it
/// for the approval), the sessions list (the session is touched) and the next request (once
/// every call has ended). The turn's own steps are the tools feature's (Features/Tools/).
///
/// A turn exists only for a reply that finished in this run: nothing here is rebuilt from the
/// store, so opening a session with unanswered calls never runs a tool (restart safety).

/// The tool message a refused call is answered with: the model is told and can go on.
let refusedToolCallText = "The user refused to run this tool call."
/// The tool message of each call a stopped turn did not finish: OpenAI wants every call answered.
let stoppedToolCallText = "Not run: the user stopped the turn."
/// A call stopped while it ran: it may have done part of its work, so it is not "not run".
let interruptedToolCallText = "Stopped while it ran: the user stopped the turn; what it did before is unknown."

/// The runtime's report of the servers. With the prem dialect, the first report that names a
/// server says once that prem's API cannot carry tool results.
func toolServersChanged(_ state: inout AppState, _ servers: [ToolServerStatus]) -> [Effect] {
    let firstReport = state.tools.servers.isEmpty
    state.tools.servers = servers
    if firstReport, !servers.isEmpty, state.launch.profile.dialect == .prem {
        state.status.notice = premCarriesNoToolsNotice
    }
    return []
}

let premCarriesNoToolsNotice =
    "prem's chat API cannot carry tool results: MCP tools are offered only with an openai-dialect profile."

/// A reply of the open session ended: when it asked for offered MCP tools, their turn begins
/// (openai only). Past `max_tool_rounds` nothing runs.
func beginToolTurn(_ state: inout AppState, reply: Message, sessionID: String, now: Int64) -> [Effect] {
    guard state.launch.profile.dialect == .openai, reply.status == .complete, !reply.toolCalls.isEmpty,
          sessionID == state.conversation.activeSessionID, state.tools.turn == nil
    else { return [] }
    let runs = ToolTurn.runs(
        of: reply.toolCalls, servers: state.tools.servers, switchedOff: state.tools.switchedOff[sessionID, default: []],
        paneNames: ToolOffer.paneFunctionNames(state.parameters.tools))
    guard !runs.isEmpty else { return [] }
    let round = 1 + ToolsState.toolRounds(in: state.conversation.messages, except: reply.id)
    let most = state.launch.toolSettings.maxToolRounds
    guard round <= most else {
        state.status.notice = "Stopped after \(most) tool round\(most == 1 ? "" : "s") (max_tool_rounds)."
        return []
    }
    state.tools.turn = ToolTurn(sessionID: sessionID, replyID: reply.id, round: round, calls: runs)
    return advanceToolTurn(&state, now: now)
}

/// The turn's next step: the current call runs (when allowed without asking) or asks; when
/// every call has ended, the results go back to the model.
func advanceToolTurn(_ state: inout AppState, now: Int64) -> [Effect] {
    guard let turn = state.tools.turn else { return [] }
    guard let index = turn.currentIndex else {
        state.tools.turn = nil
        return toolTurnFinished(&state, turn, now: now)
    }
    let run = turn.calls[index]
    guard run.state == .awaitingApproval else { return [] }  // It runs: its answer moves the turn on.
    if state.tools.runsWithoutAsking(run, in: turn, settings: state.launch.toolSettings) {
        return runToolCall(&state, at: index, now: now)
    }
    state.apply([.focus(.conversation)])
    state.status.notice = approvalPrompt(run, state.keymap)
    return []
}

/// What the status line asks while a call waits, with the keys as the keymap has them.
func approvalPrompt(_ run: ToolCallRun, _ keymap: Keymap) -> String {
    func key(_ command: Command) -> String { keymap.displayKey(for: command, in: [.toolApproval]) }
    return "Run \(run.server) · \(run.tool)? \(key(.runTool)) run · \(key(.alwaysRunTool)) always · "
        + "\(key(.refuseTool)) refuse · \(key(.runAllTools)) run all · \(key(.cancel)) stop"
}

/// The call at `index` starts: the runtime is asked to run it with its server's timeout.
func runToolCall(_ state: inout AppState, at index: Int, now: Int64) -> [Effect] {
    guard var turn = state.tools.turn else { return [] }
    let run = turn.calls[index]
    turn.calls[index].state = .running(startedAtMillis: now)
    state.tools.turn = turn
    let timeout = state.launch.toolSettings.server(named: run.server)?.timeoutSeconds ?? ToolServerConfig.defaultTimeoutSeconds
    state.status.notice = runningNotice(run, state.keymap)
    return [.runTool(ToolInvocation(
        callID: run.call.wireID, server: run.server, tool: run.tool, argumentsJSON: run.call.arguments, timeoutSeconds: timeout))]
}

/// What the status line says while a call runs (withdrawn when it ends, if still shown).
private func runningNotice(_ run: ToolCallRun, _ keymap: Keymap) -> String {
    "Running \(run.server) · \(run.tool) (\(keymap.displayKey(for: .cancel, in: [.global])) stops it)."
}

/// Every call has ended: the next request goes with the results, unless a call not an MCP
/// tool's still waits for its result typed by hand (`a`), or the open session changed.
///
/// The runtime makes no stamps, so the next reply's is made here: the time of the last result,
/// and an id derived from the reply and the round, which is unique (a reply has one turn) and
/// keeps the reducer pure and its tests exact.
private func toolTurnFinished(_ state: inout AppState, _ turn: ToolTurn, now: Int64) -> [Effect] {
    guard turn.sessionID == state.conversation.activeSessionID, !state.isStreaming else { return [] }
    if nextUnansweredCall(state.conversation.messages) != nil {
        state.status.notice = "The tools ran; the reply's other calls need their results typed: press "
            + "\(state.keymap.displayKey(for: .answerToolCall, in: [.conversation]))."
        return []
    }
    let stamp = Stamp(nowMillis: now, freshID: "\(turn.replyID)-r\(turn.round)", random: 0)
    return startReply(&state, sessionID: turn.sessionID, stamp)
}

/// The runtime answered a call. A call no longer running in the turn (a stopped turn's late
/// answer) is ignored: its "not run" message is already stored.
func toolFinished(_ state: inout AppState, callID: String, _ result: ToolCallResult, now reported: Int64) -> [Effect] {
    // The runtime's clock is not the reducer's: time never goes back (a client that answers
    // at 0 dates nothing before the call began).
    state.status.nowMillis = max(state.status.nowMillis, reported)
    let now = state.status.nowMillis
    guard var turn = state.tools.turn, let index = turn.runningIndex(callID: callID),
          case let .running(startedAt) = turn.calls[index].state
    else { return [] }
    turn.calls[index].state = .ended(result.outcome)
    state.tools.turn = turn
    let saved = storeToolResult(
        &state, turn, at: index, text: result.text, outcome: result.outcome, elapsedMillis: max(0, now - startedAt), now: now)
    state.apply([.withdrawNotice(runningNotice(turn.calls[index], state.keymap))])
    return saved + advanceToolTurn(&state, now: now)
}

/// The `tool` message of the call at `index`: stored, and shown when its session is open.
func storeToolResult(
    _ state: inout AppState, _ turn: ToolTurn, at index: Int, text: String, outcome: ToolRunOutcome, elapsedMillis: Int64?,
    now: Int64
) -> [Effect] {
    let run = turn.calls[index]
    var message = Message(id: "\(turn.replyID)-t\(index)", role: .tool, content: text, createdAtMillis: now)
    message.toolCallID = run.call.wireID
    message.toolRun = ToolRunRecord(server: run.server, tool: run.tool, outcome: outcome, elapsedMillis: elapsedMillis)
    if turn.sessionID == state.conversation.activeSessionID {
        if state.conversation.window.laterCount > 0 {
            state.conversation.window.laterCount += 1
        } else {
            state.conversation.messages.append(message)
            state.conversation.scroll.position = .end
        }
    }
    touchSession(&state, turn.sessionID, now: now)
    return [.saveMessage(message, sessionID: turn.sessionID)]
}

/// The wire ids of the open session's tool turn's calls: not for answering by hand.
func toolTurnCallIDs(_ state: AppState) -> Set<String> {
    guard let turn = state.tools.turn, turn.sessionID == state.conversation.activeSessionID else { return [] }
    return Set(turn.calls.map(\.call.wireID))
}
