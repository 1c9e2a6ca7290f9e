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

extension MessageInspector {
    /// `i` or Enter: the inspector on `reply` (the root finds it: the selected message's, or
    /// in a compare the newest column's), or a notice when there is none; `anyReplies` says
    /// whether the conversation has a reply at all, for the notice's words.
    static func open(on reply: Message?, anyReplies: Bool) -> Reduced<NoDelegate> {
        guard let reply else {
            return .notice(anyReplies
                ? "The selected message has no reply yet: select a reply to inspect it." : "No reply to inspect yet.")
        }
        var inspector = MessageInspector(messageID: reply.id)
        let effects = inspector.focus(on: reply)
        return Reduced(effects: effects, shared: [.present(.inspector(inspector))])
    }

    /// The inspector now shows `message`: the reply in flight hands over its own request; any
    /// other has its request read from the store, unless the inspector holds it already.
    mutating func focus(on message: Message) -> [Effect] {
        if let own = message.request {
            // Kept here, so it is still shown after the stream ends and the reply drops it.
            request = .recorded(own)
            return []
        }
        if request != .loading { return [] }
        return [.loadSentRequest(messageID: message.id)]
    }

    /// The store answered `.loadSentRequest`. An answer for a reply the inspector has moved
    /// away from is dropped.
    mutating func requestLoaded(messageID: String, _ loaded: SentRequest?) {
        guard self.messageID == messageID, request == .loading else { return }
        request = InspectedRequest(loaded)
    }

    /// The store could not answer `.loadSentRequest`: the inspector shows why (reopening or
    /// moving to the reply asks again).
    mutating func requestLoadFailed(messageID: String, problem: String) {
        guard self.messageID == messageID, request == .loading else { return }
        request = .failed(problem)
    }
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
        return inspector.focus(on: replies[index]).isEmpty ? .done : .delegate(.loadRequest(messageID: replies[index].id))
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

/// The inspector's commands over its own state (the payload of `Destination.inspector`), given
/// the replies it steps through and the profile: nil when the command is not its; otherwise
/// what is open next, a notice, and what to read or copy.
func inspectorCommand(
    _ command: Command, _ inspector: MessageInspector, replies: [Message], profile: Profile
) -> Reduced<NoDelegate>? {
    var inspector = inspector
    switch reduceInspector(&inspector, command, replies: replies, profile: profile) {
    case .notMine:
        return nil
    case .done:
        return Reduced(shared: [.present(.inspector(inspector))])
    case .delegate(.close):
        return Reduced(shared: [.present(nil)])
    case let .delegate(.loadRequest(messageID)):
        return Reduced(effects: [.loadSentRequest(messageID: messageID)], shared: [.present(.inspector(inspector))])
    case let .delegate(.copy(text, what)):
        return Reduced(effects: [.copyToClipboard(text)], shared: [.notice("copied the \(what) to the clipboard")])
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
