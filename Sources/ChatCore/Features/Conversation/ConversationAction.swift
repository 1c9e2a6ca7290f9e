/// What the conversation pane answers on its own state.
public enum ConversationAction: Sendable, Equatable {
    /// The frame measured the pane: scroll keys need the figures, an anchored or revealing
    /// scroll becomes a row again, and a view near an edge of a long session's window reads
    /// the next page.
    case measured(ScrollMetrics)
}
