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
    state.overlay = .inspector(inspector)
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
    guard case var .inspector(inspector)? = state.overlay, inspector.messageID == messageID,
          inspector.request == .loading else { return }
    inspector.request = InspectedRequest(request)
    state.overlay = .inspector(inspector)
}

/// The store could not answer `.loadSentRequest`: the inspector shows why (reopening or moving
/// to the reply asks again).
func sentRequestLoadFailed(_ state: inout AppState, messageID: String, problem: String) {
    guard case var .inspector(inspector)? = state.overlay, inspector.messageID == messageID,
          inspector.request == .loading else { return }
    inspector.request = .failed(problem)
    state.overlay = .inspector(inspector)
}

/// Views (next/previous, or one by number), older/newer reply, scrolling in the rows the
/// renderer drew (`AppState.overlayMetrics`: wrapped, so a long curl line scrolls too), copy
/// what the view shows, close.
func inspectorCommand(_ command: Command, _ state: inout AppState) -> [Effect]? {
    guard case let .inspector(inspector)? = state.overlay else { return nil }
    let replies = inspectableReplies(state)
    guard let position = replies.firstIndex(where: { $0.id == inspector.messageID }) else {
        // The reply is no longer in view (another session was opened): nothing to inspect.
        state.overlay = nil
        return []
    }
    let message = replies[position]
    var next = inspector
    let views = MessageInspector.View.allCases
    let viewIndex = views.firstIndex(of: inspector.view) ?? 0
    func show(_ view: MessageInspector.View) {
        next.view = view
        next.topRow = 0
    }
    var effects: [Effect] = []
    func showReply(_ index: Int) {
        guard replies.indices.contains(index) else { return }
        next.messageID = replies[index].id
        next.topRow = 0
        next.request = .loading
        effects = focus(&next, on: replies[index])
    }
    let metrics = state.overlayMetrics
    let page = max(1, metrics.viewportRows - 1)
    func scroll(to row: Int) { next.topRow = min(max(0, row), metrics.maxTopRow) }

    switch command {
    case .close:
        state.overlay = nil
        return []
    case .nextView: show(views[(viewIndex + 1) % views.count])
    case .previousView: show(views[(viewIndex + views.count - 1) % views.count])
    case .viewParameters: show(.parameters)
    case .viewBody: show(.body)
    case .viewCurl: show(.curl)
    case .olderReply: showReply(position - 1)
    case .newerReply: showReply(position + 1)
    case .scrollUp: scroll(to: inspector.topRow - 1)
    case .scrollDown: scroll(to: inspector.topRow + 1)
    case .scrollPageUp: scroll(to: inspector.topRow - page)
    case .scrollPageDown: scroll(to: inspector.topRow + page)
    case .scrollTop: scroll(to: 0)
    case .scrollBottom: scroll(to: metrics.maxTopRow)
    case .copy:
        let request = InspectorContent.request(for: message, inspector: inspector)
        state.status.notice = "copied the \(inspector.view.copiedWhat) to the clipboard"
        return [.copyToClipboard(InspectorContent.copyText(
            for: message, request: request, view: inspector.view, profile: state.launch.profile))]
    default:
        return nil
    }
    state.overlay = .inspector(next)
    return effects
}

/// The renderer drew the overlay with this many rows: scroll positions stay within them (a
/// shorter view after a switch, a wider terminal after a resize).
func overlayMeasured(_ state: inout AppState, _ metrics: ScrollMetrics) {
    state.overlayMetrics = metrics
    switch state.overlay {
    case var .inspector(inspector)? where inspector.topRow > metrics.maxTopRow:
        inspector.topRow = metrics.maxTopRow
        state.overlay = .inspector(inspector)
    case .help? where state.helpTopRow > metrics.maxTopRow:
        state.helpTopRow = metrics.maxTopRow
    default:
        break
    }
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
    guard case .inspector? = state.overlay, state.compare.run == nil, state.fieldEditor == nil, state.palette == nil,
          state.keymap.command(for: key, in: .inspector) == nil else { return nil }
    let global = state.keymap.command(for: key, in: .global)
    guard global != nil || key.isCharacter else { return nil }
    state.overlay = nil
    if global == nil { state.screen.focus = .composer }
    return handleKey(&state, key, stamp)
}

extension Key {
    fileprivate var isCharacter: Bool {
        if case .character = self { return true }
        return false
    }
}
