/// The assistant replies of the open conversation, oldest first (the one streaming included):
/// what the inspector steps through with [ and ].
func inspectableReplies(_ state: AppState) -> [Message] {
    state.visibleMessages.filter { $0.role == .assistant }
}

/// `i` or Enter in the conversation: the inspector on the newest reply.
func openInspector(_ state: inout AppState) -> [Effect] {
    guard let newest = inspectableReplies(state).last else {
        state.notice = "No reply to inspect yet."
        return []
    }
    var inspector = MessageInspector(messageID: newest.id)
    let effects = focus(&inspector, on: newest)
    state.overlay = .inspector(inspector)
    return effects
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

/// Tab, ←/→ or 1/2/3 switch view; [ and ] older/newer reply; ↑/↓, PgUp/PgDn, Home/End scroll;
/// `y` copies what the view shows; Esc or `q` close.
func inspectorKey(_ state: inout AppState, _ inspector: MessageInspector, _ key: Key) -> [Effect] {
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
    let request = InspectorContent.request(for: message, inspector: inspector)
    let lineCount = InspectorContent.lines(for: message, request: request, view: inspector.view, profile: state.profile).count
    let page = MessageInspector.pageRows(terminalHeight: state.terminalHeight)
    let lastTop = max(0, lineCount - 1)
    func scroll(to row: Int) { next.topRow = min(max(0, row), lastTop) }

    switch key {
    case .escape, .character("q"):
        state.overlay = nil
        return []
    case .tab, .right:
        show(views[(viewIndex + 1) % views.count])
    case .backTab, .left:
        show(views[(viewIndex + views.count - 1) % views.count])
    case .character("1"): show(.parameters)
    case .character("2"): show(.body)
    case .character("3"): show(.curl)
    case .character("["): showReply(position - 1)
    case .character("]"): showReply(position + 1)
    case .up, .character("k"): scroll(to: inspector.topRow - 1)
    case .down, .character("j"): scroll(to: inspector.topRow + 1)
    case .pageUp: scroll(to: inspector.topRow - page)
    case .pageDown: scroll(to: inspector.topRow + page)
    case .home: scroll(to: 0)
    case .end: scroll(to: lineCount - page)
    case .character("y"):
        state.notice = "copied the \(inspector.view.copiedWhat) to the clipboard"
        return [.copyToClipboard(InspectorContent.copyText(
            for: message, request: request, view: inspector.view, profile: state.profile))]
    default:
        return []
    }
    state.overlay = .inspector(next)
    return effects
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
