/// A session search hit opens: the root's, because it spans the sessions list (its selection,
/// the hit being read), the conversation (its search, cursor and scroll) and the focus.

/// Opens the hit's session on its message, with the query's words highlighted there. The
/// words become that session's search once it is open (a search belongs to the session it
/// searched), not the search of the session shown while it is read.
func openSearchHit(_ state: inout AppState, _ hit: SessionSearchHit, query: String) -> [Effect] {
    state.screen.focus = .conversation
    let words = conversationNeedle(query: query, snippet: hit.snippet)
    if let index = state.sessions.list.firstIndex(where: { $0.id == hit.summary.id }) { state.sessions.selectedIndex = index }
    if hit.messageID.isEmpty {
        // A title hit: the session opens at its end, as from the list.
        state.conversation.search = nil
        return openSession(&state, id: hit.summary.id)
    }
    if hit.summary.id == state.conversation.activeSessionID, state.visibleMessages.contains(where: { $0.id == hit.messageID }) {
        state.conversation.search = hitSearch(words)
        state.conversation.cursor = hit.messageID
        state.conversation.scroll.position = .anchor(.revealing(messageID: hit.messageID))
        refreshConversationSearch(&state)
        return []
    }
    state.sessions.pendingHit = PendingHit(sessionID: hit.summary.id, messageID: hit.messageID, words: words)
    return [.loadConversationAround(sessionID: hit.summary.id, messageID: hit.messageID)]
}

/// The conversation's search for a hit's words, kept for `n`/`N` (its line closed); none for no words.
func hitSearch(_ words: String) -> ConversationSearch? {
    guard !words.isEmpty else { return nil }
    var search = ConversationSearch()
    search.query = TextInput(text: words)
    search.editing = false
    return search
}
