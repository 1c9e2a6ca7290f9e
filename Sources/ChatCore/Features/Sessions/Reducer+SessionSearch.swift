import Foundation

/// `/` in the sessions pane: a query line at the pane's foot; every change asks the store (off
/// the UI thread; the runner drops queries overtaken before they run, the reducer answers that
/// arrive for an older query); ↑/↓ pick a hit, Enter opens its session on the matching message
/// with the words highlighted, Esc goes back to the list where it was.

/// A search hit being opened: its session is read around this message.
public struct PendingHit: Sendable, Equatable {
    public var sessionID: String
    public var messageID: String
}

public enum SessionSearchLimits {
    public static let hits = 50
}

func openSessionSearch(_ state: inout AppState) -> [Effect] {
    if state.sessions.search == nil { state.sessions.search = SessionSearch(listSelection: state.sessions.selectedIndex) }
    return []
}

/// After the query changed: ask again (nothing for an empty query).
func sessionQueryChanged(_ state: inout AppState) -> [Effect] {
    guard var search = state.sessions.search else { return [] }
    let query = search.query.text
    search.selectedIndex = 0
    search.opensFirstHitWhenFound = false
    if query.trimmingCharacters(in: .whitespaces).isEmpty {
        search.hits = []
        search.resultsQuery = query
        state.sessions.search = search
        return []
    }
    state.sessions.search = search
    return [.searchSessions(query: query)]
}

func sessionsFound(_ state: inout AppState, query: String, _ hits: [SessionSearchHit]) -> [Effect] {
    guard var search = state.sessions.search, search.query.text == query else { return [] }
    search.hits = hits
    search.resultsQuery = query
    search.selectedIndex = min(search.selectedIndex, max(0, hits.count - 1))
    state.sessions.search = search
    guard search.opensFirstHitWhenFound else { return [] }
    // Enter was pressed before these results: it meant the first hit ("Searching…" is done).
    state.sessions.search?.opensFirstHitWhenFound = false
    state.status.notice = nil
    return chooseHit(&state)
}

func sessionSearchCommand(_ command: Command, _ state: inout AppState) -> [Effect]? {
    guard var search = state.sessions.search else { return nil }
    switch command {
    case .selectPrevious:
        search.selection.move(by: -1, count: search.hits.count)
    case .selectNext:
        search.selection.move(by: 1, count: search.hits.count)
    case .close:
        state.sessions.selectedIndex = min(search.listSelection, max(0, state.sessions.list.count - 1))
        state.sessions.search = nil
        return []
    case .choose:
        if !search.resultsAreCurrent, !search.query.text.trimmingCharacters(in: .whitespaces).isEmpty {
            // The hits shown (if any) are for an older query: wait for this one's.
            search.opensFirstHitWhenFound = true
            search.selectedIndex = 0
            state.sessions.search = search
            state.status.notice = "Searching… the first hit opens when it is found."
            return []
        }
        return chooseHit(&state)
    default:
        return nil
    }
    state.sessions.search = search
    return []
}

/// Enter on current results: the selected hit opens; with none, the notice says so.
private func chooseHit(_ state: inout AppState) -> [Effect] {
    guard let search = state.sessions.search else { return [] }
    guard search.hits.indices.contains(search.selectedIndex) else {
        let query = search.query.text.trimmingCharacters(in: .whitespaces)
        if !query.isEmpty { state.status.notice = "No session matches “\(query)”." }
        return []
    }
    let hit = search.hits[search.selectedIndex]
    state.sessions.search = nil
    return openSearchHit(&state, hit, query: search.query.text)
}

/// What the conversation search highlights once a hit opens: the query's words as plain text
/// (FTS syntax, quotes and a trailing *, is not in the messages) when the hit says them side by
/// side, else its first word: the session search finds words in any order, the conversation
/// search one run of text, and a needle no message holds would say "no match" on a hit.
func conversationNeedle(query: String, snippet: String) -> String {
    let plain = query.filter { $0 != "\"" && $0 != "*" }
    let words = plain.split(whereSeparator: \.isWhitespace)
    let phrase = words.joined(separator: " ")
    guard words.count > 1 else { return phrase }
    let text = snippet.filter { $0 != SessionSearchHit.matchStart && $0 != SessionSearchHit.matchEnd }
    return text.lowercased().contains(phrase.lowercased()) ? phrase : String(words[0])
}

/// Opens the hit's session on its message, with the query's words highlighted there.
private func openSearchHit(_ state: inout AppState, _ hit: SessionSearchHit, query: String) -> [Effect] {
    state.screen.focus = .conversation
    var search = ConversationSearch()
    let words = conversationNeedle(query: query, snippet: hit.snippet)
    search.query = TextInput(text: words)
    search.editing = false
    state.conversation.search = words.isEmpty ? nil : search
    if let index = state.sessions.list.firstIndex(where: { $0.id == hit.summary.id }) { state.sessions.selectedIndex = index }
    if hit.messageID.isEmpty {
        // A title hit: the session opens at its end, as from the list.
        state.conversation.search = nil
        return openSession(&state, id: hit.summary.id)
    }
    if hit.summary.id == state.conversation.activeSessionID, state.visibleMessages.contains(where: { $0.id == hit.messageID }) {
        state.conversation.cursor = hit.messageID
        state.conversation.scroll.position = .anchor(.revealing(messageID: hit.messageID))
        refreshConversationSearch(&state)
        return []
    }
    state.sessions.pendingHit = PendingHit(sessionID: hit.summary.id, messageID: hit.messageID)
    return [.loadConversationAround(sessionID: hit.summary.id, messageID: hit.messageID)]
}
