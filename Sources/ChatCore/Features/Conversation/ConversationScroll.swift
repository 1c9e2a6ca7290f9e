/// How the conversation pane is scrolled: the shared `AnchoredScrollState` with the two
/// positions only the next frame can resolve. `.end` follows the tail, so a growing reply
/// keeps the bottom in view, while a user who scrolled up keeps their place (`.row`: the top
/// row stays put as rows are appended below).
public typealias ConversationScroll = AnchoredScrollState<ConversationAnchor>

/// A conversation position counted in messages, not rows: the renderer turns it into a row
/// and reports it, which becomes `.row` again (`ConversationAction.measured`).
public enum ConversationAnchor: Sendable, Equatable {
    /// Row `rowInMessage` of message `messageID` is the first visible row. Set when the
    /// window of held messages changes above what is shown (rows the reducer cannot count).
    case messageRow(messageID: String, rowInMessage: Int)
    /// Scroll as little as needed to show message `messageID` (the message cursor moved to it).
    case revealing(messageID: String)
}
