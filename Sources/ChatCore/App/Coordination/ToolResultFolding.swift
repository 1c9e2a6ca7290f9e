/// `t` on a tool result: the conversation shows it whole or folded to a few lines
/// (`ToolsState.expandedResults`, which the views read).

/// `t` on a selected `tool` message: its result shown whole, or folded again. Nil when the
/// selected message is not a tool result (`t` keeps its meaning there).
func toggleToolResult(_ state: inout AppState) -> Bool {
    guard let id = state.conversation.cursor,
          state.conversation.messages.contains(where: { $0.id == id && $0.role == .tool })
    else { return false }
    if state.tools.expandedResults.remove(id) == nil {
        state.tools.expandedResults.insert(id)
        state.status.notice = "Tool result shown whole."
    } else {
        state.status.notice = "Tool result folded to a few lines."
    }
    return true
}
