import ChatCore

/// What the sessions pane draws, and nothing else: the renderer keeps the pane's cells from
/// the last frame while this value is unchanged. Only the rows in view are in it (their titles
/// and ages as shown), so it costs the pane's height, not the length of the list, and a tick of
/// the clock changes it only when an age shown reads differently.
struct SessionsPaneModel: Equatable {
    struct Row: Equatable {
        /// Empty for an untitled session (drawn as `SessionListView.untitled`).
        var title: String
        /// "now", "5m", … (`RelativeTime`).
        var age: String
        var isSelected: Bool
    }

    /// The list as it scrolls: the first index in view and the rows from there.
    struct List: Equatable {
        var firstIndex: Int
        var rows: [Row]
        /// Without sessions the pane says so.
        var isEmpty: Bool
    }

    /// The `/` search, drawn instead of the list while the pane is focused.
    struct Search: Equatable {
        var search: SessionSearch
        /// Each hit's age, by index of `search.hits`.
        var ages: [String]
    }

    enum Content: Equatable {
        case list(List)
        case search(Search)
    }

    var focused: Bool
    var content: Content

    /// `height`: the rows inside the pane's border; `previousFirst`: the first index the list
    /// showed last (it moves only when the selection leaves the rows in view).
    init(_ state: borrowing AppState, height: Int, previousFirst: Int) {
        focused = state.screen.focus == .sessions
        if let search = state.sessions.search, focused {
            content = .search(Search(
                search: search, ages: search.hits.map { RelativeTime.text(from: $0.summary.updatedAtMillis, to: state.status.nowMillis) }))
            return
        }
        let sessions = state.sessions.list
        guard height > 0, !sessions.isEmpty else {
            content = .list(List(firstIndex: 0, rows: [], isEmpty: sessions.isEmpty))
            return
        }
        // Focused, the selection is highlighted; else the session open in the conversation.
        let selected = focused ? state.sessions.selectedIndex : sessions.firstIndex { $0.id == state.conversation.activeSessionID }
        let first = ScrollWindow.firstVisible(selected: selected, count: sessions.count, visible: height, previousFirst: previousFirst)
        let shown = first..<min(sessions.count, first + height)
        content = .list(List(
            firstIndex: first,
            rows: shown.map { index in
                Row(title: sessions[index].title, age: RelativeTime.text(from: sessions[index].updatedAtMillis, to: state.status.nowMillis),
                    isSelected: index == selected)
            },
            isEmpty: false))
    }
}
