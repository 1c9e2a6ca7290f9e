import StreamProtocol

/// Answering the tool calls of the newest reply: `a` in the conversation puts the message box
/// in answer mode for the first call without a result; Enter stores the text as a `tool`
/// message for that call, and once every call of the reply has its result the conversation
/// goes back to the model (the assistant's `tool_calls` and the results in the history). Only
/// the openai dialect can carry this; prem's API has no tool role, and the user is told so.
/// Calls chatterm runs (`running`: the wire ids of an MCP tool turn's calls) are not typed by
/// hand: `y`/`n` answer them.
func answerToolCall(
    _ state: inout ComposerState, messages: [Message], running: Set<String> = [], _ context: FeatureContext
) -> Reduced<ComposerDelegate> {
    guard context.launch.profile.dialect == .openai else {
        return .notice("prem's chat API has no tool results: answering a tool call needs an openai-dialect profile.")
    }
    guard !context.isStreaming else {
        return .notice("A reply is still streaming: its tool calls can be answered once it ends.")
    }
    guard let call = nextUnansweredCall(messages, skipping: running) else {
        if !running.isEmpty { return .notice("The reply's other calls are MCP tools': y runs one, n refuses it.") }
        return .notice(messages.contains { !$0.toolCalls.isEmpty }
            ? "Every tool call of the last reply has its result." : "No tool call to answer.")
    }
    state.toolAnswer = ToolAnswer(callID: call.wireID, name: call.name)
    return Reduced(shared: [
        .focus(.composer), .present(nil),
        .notice("Type the result of \(call.name) (\(call.wireID)) and press Enter; Esc leaves it unanswered."),
    ])
}

/// The first call of the newest reply that asked for tools that no later `tool` message answers
/// (leaving out the calls whose wire ids are in `skipping`).
func nextUnansweredCall(_ messages: [Message], skipping: Set<String> = []) -> ToolCall? {
    guard let replyIndex = messages.lastIndex(where: { $0.role == .assistant && !$0.toolCalls.isEmpty }) else { return nil }
    // A user turn after the reply moved on: its calls are no longer waiting.
    let after = messages[(replyIndex + 1)...]
    guard !after.contains(where: { $0.role == .user }) else { return nil }
    let answered = Set(after.compactMap { $0.role == .tool ? $0.toolCallID : nil })
    return messages[replyIndex].toolCalls.first { !answered.contains($0.wireID) && !skipping.contains($0.wireID) }
}

/// Esc in answer mode: back to an ordinary message, the text kept.
func leaveToolAnswer(_ state: inout ComposerState) -> Reduced<ComposerDelegate> {
    state.toolAnswer = nil
    return .notice("Tool call left unanswered.")
}
