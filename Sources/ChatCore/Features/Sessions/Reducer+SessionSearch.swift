import Foundation

/// `/` in the sessions pane: a query line at the pane's foot; every change asks the store (off
/// the UI thread; the runner drops queries overtaken before they run, the reducer answers that
/// arrive for an older query); ↑/↓ pick a hit, Enter opens its session on the matching message
/// with the words highlighted, Esc goes back to the list where it was.

/// A search hit being opened: its session is read around this message, and `words` become
/// that session's conversation search once it is open.
public struct PendingHit: Sendable, Equatable {
    public var sessionID: String
    public var messageID: String
    public var words: String
}

public enum SessionSearchLimits {
    public static let hits = 50
}

extension SessionsState {
    /// `/`: the query line opens (where the list's selection was is kept for Esc).
    mutating func openSearch() {
        if search == nil { search = SessionSearch(listSelection: selectedIndex) }
    }
}

/// After the query changed: ask again (nothing for an empty query).
func sessionQueryChanged(_ state: inout SessionsState) -> Reduced<SessionsDelegate> {
    guard var search = state.search else { return Reduced() }
    let query = search.query.text
    search.selectedIndex = 0
    search.opensFirstHitWhenFound = false
    if query.trimmingCharacters(in: .whitespaces).isEmpty {
        search.hits = []
        search.resultsQuery = query
        state.search = search
        return Reduced()
    }
    state.search = search
    return Reduced(effects: [.searchSessions(query: query)])
}

func sessionsFound(_ state: inout SessionsState, query: String, _ hits: [SessionSearchHit]) -> Reduced<SessionsDelegate> {
    guard var search = state.search, search.query.text == query else { return Reduced() }
    search.hits = hits
    search.resultsQuery = query
    search.selectedIndex = min(search.selectedIndex, max(0, hits.count - 1))
    state.search = search
    guard search.opensFirstHitWhenFound else { return Reduced() }
    // Enter was pressed before these results: it meant the first hit ("Searching…" is done).
    state.search?.opensFirstHitWhenFound = false
    var reduced = Reduced<SessionsDelegate>.notice(nil)
    reduced.append(chooseHit(&state))
    return reduced
}

func sessionSearchCommand(_ command: Command, _ state: inout SessionsState) -> Reduced<SessionsDelegate>? {
    guard var search = state.search else { return nil }
    switch command {
    case .selectPrevious:
        search.selection.move(by: -1, count: search.hits.count)
    case .selectNext:
        search.selection.move(by: 1, count: search.hits.count)
    case .close:
        state.selectedIndex = min(search.listSelection, max(0, state.list.count - 1))
        state.search = nil
        return Reduced()
    case .choose:
        if !search.resultsAreCurrent, !search.query.text.trimmingCharacters(in: .whitespaces).isEmpty {
            // The hits shown (if any) are for an older query: wait for this one's.
            search.opensFirstHitWhenFound = true
            search.selectedIndex = 0
            state.search = search
            return .notice("Searching… the first hit opens when it is found.")
        }
        return chooseHit(&state)
    default:
        return nil
    }
    state.search = search
    return Reduced()
}

/// Enter on current results: the selected hit opens (the root opens its session); with none,
/// the notice says so.
private func chooseHit(_ state: inout SessionsState) -> Reduced<SessionsDelegate> {
    guard let search = state.search else { return Reduced() }
    guard search.hits.indices.contains(search.selectedIndex) else {
        let query = search.query.text.trimmingCharacters(in: .whitespaces)
        return query.isEmpty ? Reduced() : .notice("No session matches “\(query)”.")
    }
    state.search = nil
    return Reduced(delegates: [.openHit(search.hits[search.selectedIndex], query: search.query.text)])
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
