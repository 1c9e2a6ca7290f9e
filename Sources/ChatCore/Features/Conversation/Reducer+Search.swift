import Foundation

/// Searching the open conversation: `/` opens a line at the foot of the pane with an empty
/// query (as a pager's `/` does: typing starts a new search, never extends the last one),
/// every change of the query finds the messages that contain it (all messages held, whatever
/// has been drawn) and moves the message cursor to the first at or after it; Enter closes the
/// line and keeps the matches for `n`/`N`; Esc ends the search.

extension ConversationState {
    mutating func openSearch() -> Reduced<ConversationDelegate> {
        search = ConversationSearch()
        return Reduced(shared: [.focus(.conversation)])
    }

    /// After the query changed: the matches again, and the cursor on the first at or after it.
    /// Returns the status line's summary (nil: no search, the notice is left alone).
    mutating func refreshSearch(shownReply: Message?) -> SharedRequest? {
        guard var search else { return nil }
        let messages = visible(shownReply)
        search.wholeSession = false
        if let needle = search.needle {
            search.matchIDs = messages.filter { $0.content.range(of: needle, options: .caseInsensitive) != nil }.map(\.id)
        } else {
            search.matchIDs = []
        }
        let from = cursorIndex(in: messages) ?? 0
        let positions = Dictionary(uniqueKeysWithValues: messages.enumerated().map { ($1.id, $0) })
        search.current = search.matchIDs.firstIndex { (positions[$0] ?? 0) >= from } ?? (search.matchIDs.isEmpty ? nil : 0)
        self.search = search
        if let current = search.current {
            cursor = search.matchIDs[current]
            scroll.position = .anchor(.revealing(messageID: search.matchIDs[current]))
        }
        return .notice(searchSummary(search, heldWhole: window.isComplete))
    }

    /// The path changed under a search (a version switched, messages deleted or restored, a
    /// send): its matches are those of the new path, quietly (the cursor stays, no notice). The
    /// match the cursor was on stays current when it is still on the path. In a session not
    /// held whole the store is asked again for every match.
    mutating func searchFollowsPath(shownReply: Message?) -> [Effect] {
        guard var search, !search.editing, let needle = search.needle else { return [] }
        let currentID = search.current.flatMap { search.matchIDs.indices.contains($0) ? search.matchIDs[$0] : nil }
        search.matchIDs = visible(shownReply).filter { $0.content.range(of: needle, options: .caseInsensitive) != nil }.map(\.id)
        search.current = currentID.flatMap { search.matchIDs.firstIndex(of: $0) }
        search.wholeSession = false
        self.search = search
        return wholeSessionSearch()
    }

    /// In a session not held whole, the store is asked for every match of the query (the
    /// held messages were searched already); nothing otherwise.
    func wholeSessionSearch() -> [Effect] {
        guard let needle = search?.needle, !window.isComplete, let sessionID = activeSessionID else { return [] }
        return [.searchConversation(sessionID: sessionID, query: needle)]
    }

    /// The query line's keys (the `conversationSearch` context): Enter keeps the matches, Esc
    /// ends the search.
    mutating func searchCommand(_ command: Command) -> Reduced<ConversationDelegate>? {
        guard var search, search.editing else { return nil }
        switch command {
        case .accept:
            search.editing = false
            self.search = search.needle == nil ? nil : search
            return Reduced()
        case .close:
            self.search = nil
            return .notice(nil)
        default:
            return nil
        }
    }

    /// `n` (+1) and `N` (-1): the next or previous match, wrapping around.
    mutating func stepSearch(by step: Int, shownReply: Message?) -> Reduced<ConversationDelegate> {
        guard var search, !search.matchIDs.isEmpty else {
            return .notice(self.search == nil ? "No search: press / to search the conversation." : "No match.")
        }
        let count = search.matchIDs.count
        search.current = ((search.current ?? -step) + step + count) % count
        self.search = search
        var reduced = Reduced<ConversationDelegate>.notice(searchSummary(search, heldWhole: window.isComplete || search.wholeSession))
        if let current = search.current { reduced.append(select(search.matchIDs[current], visible(shownReply))) }
        return reduced
    }

    /// The store's matches for the whole session: they replace those of the held messages.
    mutating func matchesFound(sessionID: String, query: String, _ ids: [String], shownReply: Message?) -> Reduced<ConversationDelegate> {
        guard var search, search.needle == query, sessionID == activeSessionID else { return .nothing }
        let held = Set(visible(shownReply).map(\.id))
        // Stay on the match the cursor is on when there is one; else the first held one.
        let cursor = search.current.map { search.matchIDs[$0] }
        search.matchIDs = ids
        search.wholeSession = true
        search.current = cursor.flatMap { ids.firstIndex(of: $0) } ?? ids.firstIndex { held.contains($0) } ?? (ids.isEmpty ? nil : 0)
        self.search = search
        return .notice(searchSummary(search, heldWhole: true))
    }

    /// The cursor to a match: shown where it is held, else the window is read around it.
    private mutating func select(_ messageID: String, _ visible: [Message]) -> Reduced<ConversationDelegate> {
        cursor = messageID
        if visible.contains(where: { $0.id == messageID }) {
            scroll.position = .anchor(.revealing(messageID: messageID))
            return .nothing
        }
        guard let sessionID = activeSessionID else { return .nothing }
        window.pendingLoad = .around(messageID: messageID)
        return Reduced(effects: [.loadMessages(sessionID: sessionID, .around(messageID: messageID))])
    }
}

private func searchSummary(_ search: ConversationSearch, heldWhole: Bool) -> String? {
    guard let needle = search.needle else { return nil }
    let scope = heldWhole ? "" : " (in the messages held; PgUp and Home read earlier ones)"
    guard let current = search.current else { return "No message contains “\(needle)”\(scope)." }
    return "Match \(current + 1) of \(search.matchIDs.count) for “\(needle)”\(scope)."
}
