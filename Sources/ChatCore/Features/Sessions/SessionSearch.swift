/// The sessions pane's search (`/`): the query as typed, and what the store found for it.
public struct SessionSearch: Sendable, Equatable {
    public var query = TextInput()
    /// The query the results are for (stale answers, for an older query, are dropped).
    public var resultsQuery: String?
    public var hits: [SessionSearchHit] = []
    /// The selected hit.
    public var selection = ListSelection()
    /// Where the list's selection was, for Esc.
    public var listSelection: Int
    /// Enter came before the results for the query in the box (a paste, a fast typist): the
    /// first hit opens when they arrive. Editing the query takes the Enter back.
    public var opensFirstHitWhenFound = false

    /// The hits shown are the store's answer to the query in the box.
    public var resultsAreCurrent: Bool { resultsQuery == query.text }

    public init(listSelection: Int) {
        self.listSelection = listSelection
    }

    /// The selected hit as an index (the selection's, which never goes below 0).
    public var selectedIndex: Int {
        get { selection.index }
        set { selection = ListSelection(index: newValue) }
    }
}

/// One session found by a search: its best-ranked matching message and where the words are.
public struct SessionSearchHit: Sendable, Equatable {
    public var summary: SessionSummary
    /// The matching message; empty for a hit on the session's title.
    public var messageID: String
    /// The matching message around the match, the matched words between
    /// `SessionSearchHit.matchStart` and `matchEnd` (the view marks them, then drops these).
    public var snippet: String

    public static let matchStart: Character = "\u{1}"
    public static let matchEnd: Character = "\u{2}"

    public init(summary: SessionSummary, messageID: String, snippet: String) {
        self.summary = summary
        self.messageID = messageID
        self.snippet = snippet
    }
}

