import ChatCore

/// What the status line draws: its words and figures on the left (`StatusText`), the keys of
/// what has the keys on the right (`StatusHints`). The renderer keeps the line's cells while
/// this value is unchanged (a streaming reply's live figures change it every tick).
struct StatusLineModel: Equatable {
    var left: [StatusSegment]
    var right: [String]

    init(_ state: borrowing AppState) {
        left = StatusText.segments(state)
        right = StatusText.hints(state)
    }
}
