import StreamProtocol

/// Where a message stands. Only assistant replies are ever anything but `complete`.
public enum MessageStatus: String, Sendable, Equatable, Codable {
    case complete
    /// Still arriving.
    case streaming
    /// The user cancelled it; what arrived is kept.
    case interrupted
    /// The connection or the server failed; what arrived (maybe nothing) is kept, `error` says why.
    case failed
}

/// One entry of a conversation.
public struct Message: Sendable, Equatable, Identifiable {
    /// Client-made id (a UUID string), stable across restarts.
    public var id: String
    public var role: ChatRole
    public var content: String
    /// Milliseconds since 1970; time comes in through actions, the reducer never reads a clock.
    public var createdAtMillis: Int64
    public var status: MessageStatus
    public var error: APIError?
    /// The `trace_id` of the prem `done` event.
    public var traceID: String?
    /// The `document_chunks` of the prem `done` event, as received.
    public var documentChunksJSON: String?
    /// The model the server said answered.
    public var model: String?
    /// The parameters this reply was requested with.
    public var parameters: SessionParameters?
    /// The request exactly as sent (assistant replies only). Carried only by the reply while
    /// it streams and by the saves that store it: replies in `AppState.conversation.messages` and those
    /// loaded from the store have nil here, and the inspector loads it when it shows one.
    public var request: SentRequest?
    /// Time to first token, rate and totals (assistant replies only; live while streaming).
    public var stats: ReplyStats?
    /// What the model thought before answering (`reasoning_content` / `reasoning` deltas).
    /// Shown above the reply, stored with it, never sent back in the history.
    public var reasoning: String = ""
    /// The tool calls the reply asked for, put together from their streamed pieces.
    public var toolCalls: [ToolCall] = []
    /// Why the reply ended as the server said (`stop`, `length`, `tool_calls`, ...), when it did.
    public var finishReason: String?
    /// For a `tool` message: the call it is the result of.
    public var toolCallID: String?
    /// For a `tool` message chatterm ran or refused: server, tool, outcome, time taken.
    public var toolRun: ToolRunRecord?
    /// Where the store puts this message in the session's tree when it is first saved (an
    /// edit or a regenerated reply goes beside the message it replaces); ignored afterwards.
    public var placement: MessagePlacement = .atPathEnd
    /// Its place among the other versions of it (same parent), when there are any; nil for
    /// a message with no siblings.
    public var branch: BranchPosition?

    public init(
        id: String, role: ChatRole, content: String, createdAtMillis: Int64,
        status: MessageStatus = .complete, error: APIError? = nil, traceID: String? = nil,
        documentChunksJSON: String? = nil, model: String? = nil, parameters: SessionParameters? = nil,
        request: SentRequest? = nil, stats: ReplyStats? = nil
    ) {
        self.id = id
        self.role = role
        self.content = content
        self.createdAtMillis = createdAtMillis
        self.status = status
        self.error = error
        self.traceID = traceID
        self.documentChunksJSON = documentChunksJSON
        self.model = model
        self.parameters = parameters
        self.request = request
        self.stats = stats
    }
}

/// Where a message not saved yet goes in its session's tree. The reducer never needs a
/// message's parent id: it says where the message goes relative to what is shown, and the
/// store, which holds the tree, works the parent out.
public enum MessagePlacement: Sendable, Equatable {
    /// After the last message of the path shown (an empty session's first message is a root).
    case atPathEnd
    /// A sibling of this message: a child of its parent (an edit, a regenerated reply). It
    /// becomes the path's end.
    case besideMessage(String)
    /// A sibling of this message that leaves the path as it is: compare's other columns, which
    /// stay versions beside the first column's reply until one is picked.
    case besideMessageOffPath(String)
}

/// A message's place among its siblings (the messages with the same parent), in the order
/// they were made: `‹index/count›` in its header.
public struct BranchPosition: Sendable, Equatable {
    /// 1 for the first version.
    public var index: Int
    public var count: Int
    /// What the first of the siblings was requested with (replies only), so that a
    /// regenerated reply can show which parameters it changed.
    public var firstParameters: SessionParameters?

    public init(index: Int, count: Int, firstParameters: SessionParameters? = nil) {
        self.index = index
        self.count = count
        self.firstParameters = firstParameters
    }
}

/// A session as the sessions pane lists it.
public struct SessionSummary: Sendable, Equatable, Identifiable {
    /// The stable `session_id` sent with every request of this session.
    public var id: String
    /// The first user message, shortened; empty for a session with no messages yet.
    public var title: String
    public var createdAtMillis: Int64
    public var updatedAtMillis: Int64
    public init(id: String, title: String, createdAtMillis: Int64, updatedAtMillis: Int64) {
        self.id = id
        self.title = title
        self.createdAtMillis = createdAtMillis
        self.updatedAtMillis = updatedAtMillis
    }
}

/// A session with what a listing shows beside its title.
public struct SessionListing: Sendable, Equatable {
    public var summary: SessionSummary
    public var messageCount: Int
    /// The model of its newest reply that names one.
    public var model: String?

    public init(summary: SessionSummary, messageCount: Int, model: String?) {
        self.summary = summary
        self.messageCount = messageCount
        self.model = model
    }
}
