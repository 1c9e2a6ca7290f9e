/// The sessions pane's own state: the list read a page at a time, its selection, the search
/// (`/`) and the hit being opened, and what `u` puts back. The rename prompt and the delete
/// confirmation are what sits above the panes (the destination), not kept here.
public struct SessionsState: Sendable, Equatable {
    /// Past sessions, newest first (the active one included once it has been saved).
    public var list: [SessionSummary] = [] {
        didSet { revision &+= 1 }
    }
    /// Changes whenever `list` does, so the renderer can tell in O(1) that the list is the same.
    public private(set) var revision = 0
    /// The selected row of `list`.
    public var selection = ListSelection()
    /// Every session is in `list`; false while the store has more after the last one
    /// (the list is read a page at a time as the selection nears its end).
    public var complete = true
    /// The id after which a page of sessions is being read.
    public var pageAfter: String?
    /// End asked for the last session while the rest of the list was being read.
    public var selectsLastWhenRead = false
    /// `/` in the sessions pane: the query and what it found.
    public var search: SessionSearch?
    /// A search hit being opened (its session is being read around the message).
    public var pendingHit: PendingHit?
    /// What `u` in the sessions pane puts back.
    public var lastDeletion: SessionDeletion?

    public init() {}

    /// The selected row as an index (the selection's, which never goes below 0).
    public var selectedIndex: Int {
        get { selection.index }
        set { selection = ListSelection(index: newValue) }
    }

    /// The selected session, nil when the list is empty.
    public var selected: SessionSummary? { selection.selected(in: list) }

    /// A session just created (its first message sent) heads the list, selected.
    mutating func listNew(_ summary: SessionSummary) {
        list.insert(summary, at: 0)
        selectedIndex = 0
    }

    /// Session `id` was used at `now` (a message sent, a reply retried): it moves to the top of
    /// the newest-first list, in one change of `list`, so the revision moves once (a removal
    /// and an insertion made two). The selection follows it when it was on it.
    mutating func touch(_ id: String, now: Int64) {
        guard let i = list.firstIndex(where: { $0.id == id }) else { return }
        var summary = list[i]
        summary.updatedAtMillis = now
        list.replaceSubrange(0...i, with: CollectionOfOne(summary) + list[0..<i])
        if selectedIndex == i { selectedIndex = 0 }
    }
}
