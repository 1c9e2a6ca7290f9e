/// What the sessions pane answers on its own state: pages of the list read, and the
/// selection's need for the next page.
public enum SessionsAction: Sendable, Equatable {
    /// The first page of the list (at start, after a reload).
    case loaded([SessionSummary])
    /// A page read after session `after`; `complete` when it was the end.
    case moreLoaded(after: String, [SessionSummary], complete: Bool)
    /// The selection moved: the next page is read when it nears the end of what is held
    /// (`toEnd`: End asked for the very last, so all the rest is read and then selected).
    case selectionMoved(toEnd: Bool)
    /// Another process (a second chatterm, a script's import) changed the database: the
    /// newest page, read again. The open session (passed down: the list keeps it even when
    /// the other process has not saved it) is said to have changed when the page has it newer.
    case changedElsewhere(newest: [SessionSummary], openSessionID: String?)
}

/// What the sessions pane tells the root.
public enum SessionsDelegate: Sendable, Equatable {
    /// The open session went on elsewhere: its newest messages may be read again.
    case openSessionChangedElsewhere(String)
    /// Open this session in the conversation (Enter on the list, a click).
    case open(String)
    /// Open this search hit's session on its message, the query's words highlighted there.
    case openHit(SessionSearchHit, query: String)
    /// `F`: fork the selected session (the conversation's history is copied).
    case forkSelected(Stamp)
    /// `u` put back the session that was open when it was deleted: it opens again while the
    /// blank session that replaced it is untouched.
    case restoredOpenSession(String)
    /// The help overlay (it reads the whole app to list the keys).
    case openHelp
}
