/// `/` in the conversation: what is searched for and where it was found. Matching is
/// case-insensitive over the messages' text as written; the view highlights the same text in
/// what it draws.
public struct ConversationSearch: Sendable, Equatable {
    public var query = TextInput()
    /// The query is being typed (its line has the keys); false once Enter closed the line,
    /// while `n`/`N` still step through the matches.
    public var editing = true
    /// Ids of the messages that match, in conversation order.
    public var matchIDs: [String] = []
    /// Which of them the cursor is on.
    public var current: Int?
    /// `matchIDs` cover the whole session (the store searched it), not only the messages held.
    public var wholeSession = false

    public init() {}

    /// The text to find, or nil when there is nothing to find yet.
    public var needle: String? {
        let text = query.text
        return text.isEmpty ? nil : text
    }
}
