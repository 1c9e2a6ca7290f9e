/// Answering a reply's tool calls: the root's where it spans features (a result joins the
/// conversation, touches the session and, once every call has one, starts the next reply); the
/// answer mode itself is the message box's (`Features/Composer/Reducer+ToolAnswer.swift`).

/// Enter in answer mode: the result is stored; the model is asked again once every call has one.
func sendToolResult(_ state: inout AppState, _ answer: ToolAnswer, _ stamp: Stamp) -> [Effect] {
    guard let sessionID = state.conversation.activeSessionID else {
        state.composer.toolAnswer = nil
        return []
    }
    let result = Message(
        id: stamp.freshID + "-t", role: .tool, content: state.composer.input.text, createdAtMillis: stamp.nowMillis)
    var stored = result
    stored.toolCallID = answer.callID
    state.conversation.messages.append(stored)
    state.composer.input.clear()
    state.conversation.scroll.position = .end
    state.composer.toolAnswer = nil
    touchSession(&state, sessionID, now: stamp.nowMillis)
    let effects: [Effect] = [.saveMessage(stored, sessionID: sessionID)]
    let running = toolTurnCallIDs(state)
    if let next = nextUnansweredCall(state.conversation.messages, skipping: running) {
        state.composer.toolAnswer = ToolAnswer(callID: next.wireID, name: next.name)
        state.status.notice = "Result stored. Now the result of \(next.name) (\(next.wireID)); Esc leaves it unanswered."
        return effects
    }
    if !running.isEmpty {
        // The MCP tool turn sends the results once its own calls end.
        state.status.notice = "Result stored; the reply's MCP tool calls go on."
        return effects
    }
    return effects + startReply(&state, sessionID: sessionID, stamp)
}

/// `a` in the conversation: the message box answers the newest reply's first unanswered call.
func answerToolCall(_ state: inout AppState) -> [Effect] {
    let context = state.context
    let reduced = answerToolCall(&state.composer, messages: state.conversation.messages, running: toolTurnCallIDs(state), context)
    return state.handle(reduced)
}
