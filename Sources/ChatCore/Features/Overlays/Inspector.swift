/// The message inspector: what one assistant reply was generated with.
public struct MessageInspector: Sendable, Equatable {
    public enum View: String, Sendable, Equatable, CaseIterable {
        /// The parameters, field by field, with unset ones marked.
        case parameters
        /// The exact request body, pretty-printed JSON.
        case body
        /// A copy-ready curl command, key redacted.
        case curl
    }

    public var messageID: String
    public var view: View
    /// Where the view stands, counted in rows as drawn (`InspectorContent` lines wrapped to the
    /// box), within what the renderer measured (`Action.overlayMeasured`).
    public var scroll: ScrollState
    /// The request of `messageID`, read from the store when the inspector reaches it: finished
    /// replies do not keep theirs in memory, because each holds the whole history before it.
    public var request: InspectedRequest

    /// The first row shown.
    public var topRow: Int { scroll.topRow }

    public init(messageID: String, view: View = .parameters, topRow: Int = 0, request: InspectedRequest = .loading) {
        self.messageID = messageID
        self.view = view
        self.scroll = ScrollState(position: .row(topRow))
        self.request = request
    }
}

/// Where the inspector stands with the request of the reply it shows.
public enum InspectedRequest: Sendable, Equatable {
    /// Asked of the store (`.loadSentRequest`), not answered yet.
    case loading
    case recorded(SentRequest)
    /// The reply was stored before chatterm recorded requests (or its record is unreadable).
    case notRecorded
    /// The store could not be read (locked, gone, ...): why, as a sentence.
    case failed(String)

    init(_ request: SentRequest?) {
        self = request.map(InspectedRequest.recorded) ?? .notRecorded
    }
}

/// The assistant replies of the open conversation, oldest first (the one streaming included):
/// what the inspector steps through with [ and ].
/// In a compare, the columns' replies.
func inspectableReplies(_ state: AppState) -> [Message] {
    if let compare = state.compare.run, compare.phase == .running { return compare.columns.map(\.reply) }
    return state.visibleMessages.filter { $0.role == .assistant }
}

/// `i` or Enter in the conversation: the inspector on the selected message, as `y`, `r` and the
/// other message keys act on it. A reply is shown itself; any other message (yours, a tool
/// result) by the reply that answers it, the first one below it before the next message of
/// yours, since only replies carry a request. In a compare, the newest column's reply.
func openInspector(_ state: inout AppState) -> [Effect] {
    guard let reply = inspectedReply(state) else {
        state.status.notice = inspectableReplies(state).isEmpty
            ? "No reply to inspect yet." : "The selected message has no reply yet: select a reply to inspect it."
        return []
    }
    var inspector = MessageInspector(messageID: reply.id)
    let effects = focus(&inspector, on: reply)
    state.destination = .inspector(inspector)
    return effects
}

/// The reply `i` opens on: the selected message when it is a reply, else the reply below it
/// (the streaming one included) up to the next message of yours.
private func inspectedReply(_ state: AppState) -> Message? {
    if let compare = state.compare.run, compare.phase == .running { return compare.columns.last?.reply }
    guard let index = cursorIndex(state) else { return nil }
    let messages = state.visibleMessages
    for message in messages[index...] {
        if message.role == .assistant { return message }
        if message.role == .user, message.id != messages[index].id { return nil }
    }
    return nil
}

/// The inspector now shows `message`: the reply in flight hands over its own request; any
/// other has its request read from the store, unless the inspector holds it already.
private func focus(_ inspector: inout MessageInspector, on message: Message) -> [Effect] {
    if let own = message.request {
        // Kept here, so it is still shown after the stream ends and the reply drops it.
        inspector.request = .recorded(own)
        return []
    }
    if inspector.request != .loading { return [] }
    return [.loadSentRequest(messageID: message.id)]
}

/// The store answered `.loadSentRequest`. An answer for a reply the inspector has moved away
/// from (or that arrives after it closed) is dropped.
func sentRequestLoaded(_ state: inout AppState, messageID: String, _ request: SentRequest?) {
    guard var inspector = state.destination?.beneath?.inspector, inspector.messageID == messageID,
          inspector.request == .loading else { return }
    inspector.request = InspectedRequest(request)
    state.destination?.beneath?.inspector = inspector
}

/// The store could not answer `.loadSentRequest`: the inspector shows why (reopening or moving
/// to the reply asks again).
func sentRequestLoadFailed(_ state: inout AppState, messageID: String, problem: String) {
    guard var inspector = state.destination?.beneath?.inspector, inspector.messageID == messageID,
          inspector.request == .loading else { return }
    inspector.request = .failed(problem)
    state.destination?.beneath?.inspector = inspector
}

enum InspectorDelegate: Equatable {
    case close
    /// The inspector moved to this reply: read its request from the store.
    case loadRequest(messageID: String)
    /// Put this text on the clipboard; `what` names it for the notice.
    case copy(String, what: String)
}

/// Views (next/previous, or one by number), older/newer reply, scrolling in the rows the
/// renderer drew (its `ScrollState`, measured: wrapped, so a long curl line scrolls too), copy
/// what the view shows, close. Sees its own state and the values passed down: the replies it
/// steps through and the profile the curl command names.
func reduceInspector(
    _ inspector: inout MessageInspector, _ command: Command, replies: [Message], profile: Profile
) -> OverlayStep<InspectorDelegate> {
    guard let position = replies.firstIndex(where: { $0.id == inspector.messageID }) else {
        // The reply is no longer in view (another session was opened): nothing to inspect.
        return .delegate(.close)
    }
    let views = MessageInspector.View.allCases
    let viewIndex = views.firstIndex(of: inspector.view) ?? 0
    func show(_ view: MessageInspector.View) -> OverlayStep<InspectorDelegate> {
        inspector.view = view
        inspector.scroll.scroll(to: 0)
        return .done
    }
    func showReply(_ index: Int) -> OverlayStep<InspectorDelegate> {
        guard replies.indices.contains(index) else { return .done }
        inspector.messageID = replies[index].id
        inspector.scroll.scroll(to: 0)
        inspector.request = .loading
        return focus(&inspector, on: replies[index]).isEmpty ? .done : .delegate(.loadRequest(messageID: replies[index].id))
    }
    switch command {
    case .close: return .delegate(.close)
    case .nextView: return show(views[(viewIndex + 1) % views.count])
    case .previousView: return show(views[(viewIndex + views.count - 1) % views.count])
    case .viewParameters: return show(.parameters)
    case .viewBody: return show(.body)
    case .viewCurl: return show(.curl)
    case .olderReply: return showReply(position - 1)
    case .newerReply: return showReply(position + 1)
    case .scrollUp, .scrollDown, .scrollPageUp, .scrollPageDown, .scrollTop, .scrollBottom:
        _ = inspector.scroll.perform(command)
        return .done
    case .copy:
        let message = replies[position]
        let request = InspectorContent.request(for: message, inspector: inspector)
        return .delegate(.copy(
            InspectorContent.copyText(for: message, request: request, view: inspector.view, profile: profile),
            what: inspector.view.copiedWhat))
    default:
        return .notMine
    }
}

/// The inspector's commands, run in the app.
func inspectorCommand(_ command: Command, _ state: inout AppState) -> [Effect]? {
    guard case var .inspector(inspector)? = state.destination else { return nil }
    switch reduceInspector(&inspector, command, replies: inspectableReplies(state), profile: state.launch.profile) {
    case .notMine:
        return nil
    case .done:
        state.destination = .inspector(inspector)
    case .delegate(.close):
        state.destination = nil
    case let .delegate(.loadRequest(messageID)):
        state.destination = .inspector(inspector)
        return [.loadSentRequest(messageID: messageID)]
    case let .delegate(.copy(text, what)):
        state.status.notice = "copied the \(what) to the clipboard"
        return [.copyToClipboard(text)]
    }
    return []
}

/// The renderer drew the overlay with this many rows: scroll positions stay within them (a
/// shorter view after a switch, a wider terminal after a resize).
func overlayMeasured(_ state: inout AppState, _ metrics: ScrollMetrics) {
    state.destination?.scroll?.measured(metrics)
}

extension MessageInspector.View {
    /// For the "copied …" notice.
    var copiedWhat: String {
        switch self {
        case .parameters: return "parameters"
        case .body: return "request body"
        case .curl: return "curl command"
        }
    }
}

/// A key the inspector has no use for, while it is open over the panes: instead of being
/// swallowed, it closes the inspector and does what it does without it. A global key acts
/// (Alt+4 goes to the message box, Ctrl+N starts a session); a printable key is typed into
/// the message box, as if the user had gone there first. Over compare the columns keep their
/// keys to themselves (nothing passes), and a key the inspector binds never passes, even where
/// it has nothing to do (`[` on the oldest reply).
func keyPastInspector(_ state: inout AppState, _ key: Key, _ stamp: Stamp) -> [Effect]? {
    guard case .inspector? = state.destination, state.compare.run == nil,
          state.keymap.command(for: key, in: .inspector) == nil else { return nil }
    let global = state.keymap.command(for: key, in: .global)
    guard global != nil || key.isCharacter else { return nil }
    state.destination = nil
    if global == nil { state.screen.focus = .composer }
    return handleKey(&state, key, stamp)
}

extension Key {
    fileprivate var isCharacter: Bool {
        if case .character = self { return true }
        return false
    }
}
