import StreamProtocol

/// Answering the tool calls of the newest reply: `a` in the conversation puts the message box
/// in answer mode for the first call without a result; Enter stores the text as a `tool`
/// message for that call, and once every call of the reply has its result the conversation
/// goes back to the model (the assistant's `tool_calls` and the results in the history). Only
/// the openai dialect can carry this; prem's API has no tool role, and the user is told so.
func answerToolCall(_ state: inout AppState) -> [Effect] {
    guard state.launch.profile.dialect == .openai else {
        state.status.notice = "prem's chat API has no tool results: answering a tool call needs an openai-dialect profile."
        return []
    }
    guard !state.isStreaming else {
        state.status.notice = "A reply is still streaming: its tool calls can be answered once it ends."
        return []
    }
    guard let call = nextUnansweredCall(state.conversation.messages) else {
        state.status.notice = state.conversation.messages.contains { !$0.toolCalls.isEmpty }
            ? "Every tool call of the last reply has its result." : "No tool call to answer."
        return []
    }
    state.composer.toolAnswer = ToolAnswer(callID: call.wireID, name: call.name)
    state.screen.focus = .composer
    state.destination = nil
    state.status.notice = "Type the result of \(call.name) (\(call.wireID)) and press Enter; Esc leaves it unanswered."
    return []
}

/// The first call of the newest reply that asked for tools that no later `tool` message answers.
func nextUnansweredCall(_ messages: [Message]) -> ToolCall? {
    guard let replyIndex = messages.lastIndex(where: { $0.role == .assistant && !$0.toolCalls.isEmpty }) else { return nil }
    // A user turn after the reply moved on: its calls are no longer waiting.
    let after = messages[(replyIndex + 1)...]
    guard !after.contains(where: { $0.role == .user }) else { return nil }
    let answered = Set(after.compactMap { $0.role == .tool ? $0.toolCallID : nil })
    return messages[replyIndex].toolCalls.first { !answered.contains($0.wireID) }
}

/// Esc in answer mode: back to an ordinary message, the text kept.
func leaveToolAnswer(_ state: inout AppState) -> [Effect] {
    state.composer.toolAnswer = nil
    state.status.notice = "Tool call left unanswered."
    return []
}

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
    if let next = nextUnansweredCall(state.conversation.messages) {
        state.composer.toolAnswer = ToolAnswer(callID: next.wireID, name: next.name)
        state.status.notice = "Result stored. Now the result of \(next.name) (\(next.wireID)); Esc leaves it unanswered."
        return effects
    }
    return effects + startReply(&state, sessionID: sessionID, stamp)
}
