/// Which part of the open session `ConversationState.messages` holds. A long session is read from the
/// store in windows around what is shown, never whole, so opening 100,000 messages costs what
/// opening 200 does: `earlierCount` messages come before the first one held and `laterCount`
/// after the last. Scrolling near either edge reads the next page (`Effect.loadMessages`);
/// a window that grows past `maximumHeld` drops as many from its far end.
public struct ConversationWindow: Sendable, Equatable {
    public var earlierCount: Int
    public var laterCount: Int
    /// The read asked for and not answered yet: one at a time, and an answer to another
    /// (an older read, another session) is stale and dropped.
    public var pendingLoad: WindowPosition?

    public init(earlierCount: Int = 0, laterCount: Int = 0, pendingLoad: WindowPosition? = nil) {
        self.earlierCount = earlierCount
        self.laterCount = laterCount
        self.pendingLoad = pendingLoad
    }

    public static let complete = ConversationWindow()

    /// Every message of the session is held.
    public var isComplete: Bool { earlierCount == 0 && laterCount == 0 }

    /// Messages read at a time.
    public static let pageSize = 200
    /// The most messages held at once.
    public static let maximumHeld = 600
}

/// Where a window of messages is read from.
public enum WindowPosition: Sendable, Equatable {
    case newest
    case oldest
    /// The page before this message (which stays held).
    case before(messageID: String)
    /// The page after this message.
    case after(messageID: String)
    /// A page with this message in its middle (a search hit being opened).
    case around(messageID: String)
}

/// A slice of a session's messages as the store read it, with how many lie on either side.
public struct MessageWindow: Sendable, Equatable {
    public var messages: [Message]
    public var earlierCount: Int
    public var laterCount: Int

    public init(messages: [Message], earlierCount: Int = 0, laterCount: Int = 0) {
        self.messages = messages
        self.earlierCount = earlierCount
        self.laterCount = laterCount
    }

    /// All of a session (what tests and `chatterm ask` pass).
    public static func whole(_ messages: [Message]) -> MessageWindow { MessageWindow(messages: messages) }
}

/// A send in a session whose window does not hold all of it: the request must carry the whole
/// history, so it waits for the store to read it (`Effect.loadRequestHistory`).
public struct PendingSend: Sendable, Equatable {
    public var sessionID: String
    /// The send's own stamp: the reply's id and times are those of the key press.
    public var stamp: Stamp
    /// Where the reply goes and its place among its siblings (a regenerated reply).
    public var reply: ReplyPlacement

    public init(sessionID: String, stamp: Stamp, reply: ReplyPlacement = ReplyPlacement()) {
        self.sessionID = sessionID
        self.stamp = stamp
        self.reply = reply
    }
}

/// Where a new reply goes in the tree: at the end of the path (a send, a retry), or beside
/// the reply it regenerates, as its newest sibling.
public struct ReplyPlacement: Sendable, Equatable {
    public var placement: MessagePlacement
    public var branch: BranchPosition?

    public init(placement: MessagePlacement = .atPathEnd, branch: BranchPosition? = nil) {
        self.placement = placement
        self.branch = branch
    }

    /// The history a regenerated reply carries ends before the reply it replaces.
    public var historyEndsBefore: String? {
        if case let .besideMessage(id) = placement { return id }
        return nil
    }
}

/// The store switched the path to another version of a message: the version now shown and
/// the window around it.
public struct BranchSwitch: Sendable, Equatable {
    public var messageID: String
    public var window: MessageWindow

    public init(messageID: String, window: MessageWindow) {
        self.messageID = messageID
        self.window = window
    }
}
