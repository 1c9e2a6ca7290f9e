/// The conversation pane's own state: the open session and the messages held of it (a
/// window of a long one), the message cursor, search, what `u` puts back, a version switch
/// being read, and how the pane is scrolled. The reply in flight is the stream's
/// (`StreamingState.active`), shown below these when it belongs to the open session.
public struct ConversationState: Sendable, Equatable {
    /// The open session. A new session is created (and listed) when its first message is sent.
    /// A search belongs to the session it searched (its matches are that session's message
    /// ids): whatever changes the open session (opening another, Ctrl+N, a fork, a session
    /// reopened at start, a first send naming the new one) ends it, so `n` can never read a
    /// window "around" another session's message.
    public var activeSessionID: String? {
        didSet { if activeSessionID != oldValue { search = nil } }
    }
    public var activeSessionSaved: Bool = false
    /// The open session's finished messages, or the window of them that is held (see
    /// `window`); the reply in flight is `streaming.active?.reply`.
    public var messages: [Message] = [] {
        didSet { messagesRevision &+= 1 }
    }
    /// Changes whenever `messages` does, so views can tell "only the streaming reply changed"
    /// in O(1) and keep frame cost independent of history length.
    public private(set) var messagesRevision = 0
    /// The store opened the session with no messages: holding nothing is then the whole
    /// session, and a send carries only its own message. Holding nothing of a saved session
    /// otherwise (a window emptied since) makes a send read its history from the store.
    public var openedEmpty = false
    /// Which part of the open session `messages` holds.
    public var window = ConversationWindow.complete
    /// The message the pane's cursor is on; nil: the last one (and the pane follows new
    /// messages).
    public var cursor: String?
    /// `Y` in a session not held whole: the copy waits for the whole history to be read.
    public var pendingCopyAll = false
    /// `/` in the conversation: the query and its matches.
    public var search: ConversationSearch?
    /// What `u` puts back.
    public var lastDeletion: Deletion?
    /// `[` or `]` asked the store for another version of this message.
    public var pendingBranchSwitch: String?
    /// Where the pane stands (it follows the tail until the user scrolls up) and the pane as
    /// the last frame measured it.
    public var scroll = ConversationScroll(position: .end)

    public init() {}
}
