import Foundation

/// Searching the open conversation: `/` opens a line at the foot of the pane, every change of
/// the query finds the messages that contain it (all messages held, whatever has been drawn)
/// and moves the message cursor to the first at or after it; Enter closes the line and keeps
/// the matches for `n`/`N`; Esc ends the search.

func openConversationSearch(_ state: inout AppState) -> [Effect] {
    var search = state.conversation.search ?? ConversationSearch()
    search.editing = true
    state.conversation.search = search
    state.screen.focus = .conversation
    return []
}

/// After the query changed: the matches again, and the cursor on the first at or after it.
func refreshConversationSearch(_ state: inout AppState) {
    guard var search = state.conversation.search else { return }
    let messages = state.visibleMessages
    search.wholeSession = false
    if let needle = search.needle {
        search.matchIDs = messages.filter { $0.content.range(of: needle, options: .caseInsensitive) != nil }.map(\.id)
    } else {
        search.matchIDs = []
    }
    let from = cursorIndex(state) ?? 0
    let positions = Dictionary(uniqueKeysWithValues: messages.enumerated().map { ($1.id, $0) })
    search.current = search.matchIDs.firstIndex { (positions[$0] ?? 0) >= from } ?? (search.matchIDs.isEmpty ? nil : 0)
    state.conversation.search = search
    if let current = search.current {
        state.conversation.cursor = search.matchIDs[current]
        state.conversation.scroll = .revealing(messageID: search.matchIDs[current])
    }
    state.status.notice = searchSummary(search, heldWhole: state.conversation.window.isComplete)
}

func conversationSearchCommand(_ command: Command, _ state: inout AppState) -> [Effect]? {
    guard var search = state.conversation.search, search.editing else { return nil }
    switch command {
    case .accept:
        search.editing = false
        state.conversation.search = search.needle == nil ? nil : search
        return []
    case .close:
        state.conversation.search = nil
        state.status.notice = nil
        return []
    default:
        return nil
    }
}

/// `n` (+1) and `N` (-1): the next or previous match, wrapping around.
func stepConversationSearch(_ state: inout AppState, by step: Int) -> [Effect] {
    guard var search = state.conversation.search, !search.matchIDs.isEmpty else {
        state.status.notice = state.conversation.search == nil ? "No search: press / to search the conversation." : "No match."
        return []
    }
    let count = search.matchIDs.count
    search.current = ((search.current ?? -step) + step + count) % count
    state.conversation.search = search
    state.status.notice = searchSummary(search, heldWhole: state.conversation.window.isComplete || search.wholeSession)
    if let current = search.current { return select(search.matchIDs[current], &state) }
    return []
}

/// The store's matches for the whole session: they replace those of the held messages.
func conversationMatches(_ state: inout AppState, sessionID: String, query: String, _ ids: [String]) -> [Effect] {
    guard var search = state.conversation.search, search.needle == query, sessionID == state.conversation.activeSessionID else { return [] }
    let held = Set(state.visibleMessages.map(\.id))
    // Stay on the match the cursor is on when there is one; else the first held one.
    let cursor = search.current.map { search.matchIDs[$0] }
    search.matchIDs = ids
    search.wholeSession = true
    search.current = cursor.flatMap { ids.firstIndex(of: $0) } ?? ids.firstIndex { held.contains($0) } ?? (ids.isEmpty ? nil : 0)
    state.conversation.search = search
    state.status.notice = searchSummary(search, heldWhole: true)
    return []
}

/// The cursor to a match: shown where it is held, else the window is read around it.
private func select(_ messageID: String, _ state: inout AppState) -> [Effect] {
    state.conversation.cursor = messageID
    if state.visibleMessages.contains(where: { $0.id == messageID }) {
        state.conversation.scroll = .revealing(messageID: messageID)
        return []
    }
    guard let sessionID = state.conversation.activeSessionID else { return [] }
    state.conversation.window.pendingLoad = .around(messageID: messageID)
    return [.loadMessages(sessionID: sessionID, .around(messageID: messageID))]
}

private func searchSummary(_ search: ConversationSearch, heldWhole: Bool) -> String? {
    guard let needle = search.needle else { return nil }
    let scope = heldWhole ? "" : " (in the messages held; PgUp and Home read earlier ones)"
    guard let current = search.current else { return "No message contains “\(needle)”\(scope)." }
    return "Match \(current + 1) of \(search.matchIDs.count) for “\(needle)”\(scope)."
}
