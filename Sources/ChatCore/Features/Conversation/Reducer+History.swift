import StreamProtocol

/// The open session's messages as windows read from the store: opening reads the newest page,
/// scrolling near an edge reads the next one, Home and End jump to either end, and the held
/// window never exceeds `ConversationWindow.maximumHeld` messages. `inFlightID` is the id of
/// the reply streaming now (the stream's), which the pane shows from the stream, not from a
/// saved copy.

extension ConversationState {
    /// The store answered `.loadConversation`: the session opens at its newest page (what else
    /// an open changes is the root's: `App/Coordination/OpenConversation.swift`).
    mutating func opened(sessionID: String, window page: MessageWindow, inFlightID: String?) {
        activeSessionID = sessionID
        activeSessionSaved = true
        messages = held(page.messages, inFlightID: inFlightID)
        openedEmpty = page.messages.isEmpty && page.earlierCount == 0 && page.laterCount == 0
        window = ConversationWindow(earlierCount: page.earlierCount, laterCount: page.laterCount)
        scroll.position = .end
        cursor = nil
    }

    /// Opened from a search hit: the cursor on the matching message, its words marked. From
    /// the hit, the search counts its matches (the current one is the first at or after the
    /// cursor, the hit when its text matches); the cursor stays on the hit either way. In a
    /// session not held whole the store is asked for every match, as a typed query does.
    mutating func openedAtHit(messageID: String, shownReply: Message?) -> Reduced<ConversationDelegate> {
        cursor = messageID
        let summary = refreshSearch(shownReply: shownReply)
        cursor = messageID
        scroll.position = .anchor(.revealing(messageID: messageID))
        return Reduced(effects: wholeSessionSearch(), shared: summary.map { [$0] } ?? [])
    }

    /// Home or End in a session that is not held whole: read that end.
    mutating func loadWindowEnd(_ position: WindowPosition) -> [Effect] {
        guard let sessionID = activeSessionID else { return [] }
        window.pendingLoad = position
        return [.loadMessages(sessionID: sessionID, position)]
    }

    /// A page arrived. Answers to another session or to a read no longer pending are dropped.
    mutating func pageArrived(
        sessionID: String, position: WindowPosition, _ page: MessageWindow, inFlightID: String?
    ) -> Reduced<ConversationDelegate> {
        guard sessionID == activeSessionID, window.pendingLoad == position else { return .nothing }
        if case let .around(messageID) = position, !page.messages.contains(where: { $0.id == messageID }) {
            return aroundMessageMissing(messageID)
        }
        var window = self.window
        window.pendingLoad = nil
        let incoming = held(page.messages, inFlightID: inFlightID)
        let limit = ConversationWindow.maximumHeld
        switch position {
        case .newest:
            messages = incoming
            window = ConversationWindow(earlierCount: page.earlierCount, laterCount: page.laterCount)
            scroll.position = .end
        case .oldest:
            // Home's read: the session's first message is the one selected.
            messages = incoming
            window = ConversationWindow(earlierCount: page.earlierCount, laterCount: page.laterCount)
            cursor = incoming.first?.id
            scroll.position = .row(0)
        case let .around(messageID):
            messages = incoming
            window = ConversationWindow(earlierCount: page.earlierCount, laterCount: page.laterCount)
            cursor = messageID
            scroll.position = .anchor(.revealing(messageID: messageID))
        case let .before(messageID):
            guard messages.first?.id == messageID else { break }
            let anchor = currentAnchor
            var joined = incoming + messages
            let excess = max(0, joined.count - limit)
            joined.removeLast(excess)
            window.earlierCount = page.earlierCount
            window.laterCount += excess
            messages = joined
            // Rows came in above what is shown: keep the same text at the top.
            if let anchor, scroll.position != .end || excess > 0 { scroll.position = anchor }
        case let .after(messageID):
            guard messages.last?.id == messageID else { break }
            let anchor = currentAnchor
            var joined = messages + incoming
            let excess = max(0, joined.count - limit)
            joined.removeFirst(excess)
            window.laterCount = page.laterCount
            window.earlierCount += excess
            messages = joined
            // Rows went away above what is shown: keep the same text at the top.
            if excess > 0, let anchor { scroll.position = anchor }
        }
        self.window = window
        return .nothing
    }

    /// A read around a message (a match, a restored deletion) found it no longer on this session's path (deleted,
    /// or on another branch since): the store answers with an empty page, which must not
    /// replace what is held (the pane would go blank while the session has messages, and a
    /// send would think it held the whole history). The window stays; the match leaves the
    /// search, so `n` goes on to the next.
    private mutating func aroundMessageMissing(_ messageID: String) -> Reduced<ConversationDelegate> {
        window.pendingLoad = nil
        if cursor == messageID { cursor = nil }
        if var search, let gone = search.matchIDs.firstIndex(of: messageID) {
            search.matchIDs.remove(at: gone)
            // Just before where it was, so `n` reaches the match that followed it.
            search.current = gone > 0 ? gone - 1 : nil
            self.search = search
        }
        return .notice("That message is no longer on this session's path.")
    }

    /// The message at the top of the view and its row, as the last frame measured them.
    private var currentAnchor: ConversationScroll.Position? {
        guard let id = scroll.metrics.topMessageID else { return nil }
        return .anchor(.messageRow(messageID: id, rowInMessage: scroll.metrics.rowInTopMessage))
    }

    /// The whole history arrived (`Effect.loadRequestHistory`): when `Y` waited for it, the
    /// copy; nil when it was not read for the copy (a send waits for it: the root's).
    mutating func historyArrivedForCopy(sessionID: String, _ messages: [Message]) -> Reduced<ConversationDelegate>? {
        guard pendingCopyAll, sessionID == activeSessionID else { return nil }
        pendingCopyAll = false
        return copyAll(messages.filter { $0.role != .system })
    }
}

/// Messages read from the store as the conversation shows them: the reply in flight is shown
/// from the stream, not from its last saved copy, and a reply saved as `streaming` by a process
/// that is gone was cut short.
private func held(_ messages: [Message], inFlightID: String?) -> [Message] {
    messages.compactMap { message in
        guard message.id != inFlightID else { return nil }
        guard message.status == .streaming else { return message }
        var m = message
        m.status = .interrupted
        return m
    }
}
