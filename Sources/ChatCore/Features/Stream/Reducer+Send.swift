import StreamProtocol

/// Enter in the composer: the text becomes a user message and a request goes out.
func send(_ state: inout AppState, _ stamp: Stamp) -> [Effect] {
    guard !state.composer.input.isBlank else { return [] }
    guard !state.isStreaming else {
        state.status.notice = "A reply is still streaming: wait for it or press \(state.keymap.displayKey(for: .cancel, in: [.global])) to stop it."
        return []
    }
    if let problem = requestProblem(state) {
        // Keep the text in the composer: nothing the user typed is lost.
        state.status.notice = problem
        return []
    }
    // New messages take the places a deleted end had: it can no longer be put back.
    state.conversation.lastDeletion = nil
    if let answer = state.composer.toolAnswer { return sendToolResult(&state, answer, stamp) }
    if let edit = state.composer.messageEdit { return sendEdit(&state, edit, stamp) }

    let (sessionID, effects) = appendUserMessage(&state, stamp)
    return effects + startReply(&state, sessionID: sessionID, stamp)
}

/// The message box's text becomes a user message at the end of the open session (created and
/// listed when it is its first), saved; returns the session and the effects that save them.
func appendUserMessage(_ state: inout AppState, _ stamp: Stamp) -> (sessionID: String, [Effect]) {
    var effects: [Effect] = []
    let now = stamp.nowMillis
    let sessionID: String
    if let id = state.conversation.activeSessionID {
        sessionID = id
    } else {
        sessionID = stamp.freshID
        state.conversation.activeSessionID = sessionID
    }
    if !state.conversation.activeSessionSaved {
        let summary = SessionSummary(
            id: sessionID, title: SessionTitle.make(fromFirstUserMessage: state.composer.input.text),
            createdAtMillis: now, updatedAtMillis: now)
        state.sessions.list.insert(summary, at: 0)
        state.sessions.selectedIndex = 0
        state.conversation.activeSessionSaved = true
        effects.append(.createSession(summary, state.parameters))
    } else {
        touchSession(&state, sessionID, now: now)
    }

    let userMessage = Message(
        id: stamp.freshID + "-u", role: .user, content: state.composer.input.text, createdAtMillis: now)
    let window = state.conversation.window
    if window.laterCount > 0 {
        // The window shows older messages; the new turn goes after the newest, so the view
        // starts again at the end (scrolling up reads the messages before it).
        state.conversation.window = ConversationWindow(earlierCount: window.earlierCount + state.conversation.messages.count + window.laterCount)
        state.conversation.messages = []
    }
    state.conversation.messages.append(userMessage)
    state.composer.input.clear()
    // A send follows the newest reply again: a cursor left on an older message would make the
    // next `y` or `i` act on it, out of sight.
    state.conversation.cursor = nil
    state.conversation.scroll = .followingTail
    effects.append(.saveMessage(userMessage, sessionID: sessionID))
    return (sessionID, effects)
}

/// The session moves to the top of the newest-first list.
func touchSession(_ state: inout AppState, _ sessionID: String, now: Int64) {
    state.sessions.touch(sessionID, now: now)
}

/// A new (empty, streaming) reply to the conversation as it stands, and its request. When the
/// window does not hold the whole session, the request waits for the store to read the whole
/// history (`PendingSend`); the effects before this one (the user message's save) run first.
func startReply(
    _ state: inout AppState, sessionID: String, _ stamp: Stamp, placed reply: ReplyPlacement = ReplyPlacement()
) -> [Effect] {
    if sessionID == state.conversation.activeSessionID, !state.conversation.window.isComplete {
        state.streaming.pendingSend = PendingSend(sessionID: sessionID, stamp: stamp, reply: reply)
        state.streaming.lastOutcome = nil
        return [.loadRequestHistory(sessionID: sessionID, before: reply.historyEndsBefore)]
    }
    return startReply(&state, sessionID: sessionID, stamp, history: requestHistoryTurns(state.conversation.messages), placed: reply)
}

/// The reply records the request exactly as sent. Fields the dialect cannot carry are named in
/// a notice.
func startReply(
    _ state: inout AppState, sessionID: String, _ stamp: Stamp, history: [(id: String, message: ChatMessage)],
    placed placement: ReplyPlacement = ReplyPlacement()
) -> [Effect] {
    let now = stamp.nowMillis
    state.conversation.lastDeletion = nil
    let request = buildRequest(state, sessionID: sessionID, history: history.map(\.message))
    // A body with tool turns is stored whole: the store rebuilds compacted bodies from the
    // plain text of user and assistant turns only.
    let plain = history.allSatisfy { $0.message.isPlainTurn }
    let sent = sentRequest(for: request, historyMessageIDs: plain ? history.map(\.id) : nil, state)
    var reply = Message(
        id: stamp.freshID + "-a", role: .assistant, content: "", createdAtMillis: now,
        status: .streaming, model: request.model, parameters: state.parameters, request: sent)
    reply.placement = placement.placement
    reply.branch = placement.branch
    let stream = ActiveStream(state.streaming.takeRequestID(), sessionID: sessionID, reply: reply, now: now)
    state.streaming.active = stream
    state.streaming.lastOutcome = nil
    if !sent.notCarried.isEmpty {
        state.status.notice = "not sent in \(sent.dialect.rawValue): " + sent.notCarried.joined(separator: ", ")
    }
    return [.saveMessage(reply, sessionID: sessionID), .startStream(stream.requestID, request)]
}

extension ActiveStream {
    /// A request just sent, nothing received.
    init(_ requestID: RequestID, sessionID: String, reply: Message, now: Int64) {
        self.init(
            requestID: requestID, sessionID: sessionID, reply: reply, phase: .waiting,
            startedAtMillis: now, firstContentAtMillis: nil, deltaCount: 0,
            lastSavedAtMillis: now, hasUnsavedChanges: false, lastActivityAtMillis: now)
    }
}

/// What the dialect requires and the session lacks, or a stored value that would be dropped,
/// as a sentence for the user.
func requestProblem(_ state: AppState) -> String? {
    let missing = state.launch.profile.dialect.missingRequiredField(
        projectID: state.parameters.projectID ?? state.launch.profile.projectID, model: state.effectiveModel)
    switch missing {
    case .projectID?:
        return "No project id: set project_id in Parameters or start with --project-id N (prem requires one)."
    case .model?:
        let pick = state.keymap.displayKey(for: .pickModel, in: [.parameters])
        return "No model: choose one in Parameters (\(pick)) or start with --model NAME (openai requires one)."
    case nil:
        break
    }
    // Typed JSON was validated when accepted; a hand-edited store may still hold bad text,
    // which must stop the send rather than be left out of it silently.
    for field in [ParameterField.logitBias, .responseFormat, .tools] {
        guard let text = field.text(in: state.parameters) else { continue }
        if case let .failure(problem) = ParameterValidation.applying(text, to: field, in: state.parameters) {
            return problem.message + ": fix or unset it in Parameters."
        }
    }
    return nil
}

/// The request for the open conversation: the history worth resending and every parameter
/// the user set (unset ones stay nil and are not sent). Fields with a fallback take it here:
/// project id and model from the profile, session_id from the session.
func buildRequest(_ state: AppState, sessionID: String) -> ChatRequest {
    buildRequest(state, sessionID: sessionID, history: requestHistory(state.conversation.messages))
}

func buildRequest(_ state: AppState, sessionID: String, history: [ChatMessage]) -> ChatRequest {
    ChatRequest(
        messages: history,
        parameters: state.parameters.withFallbacks(
            model: state.launch.profile.defaultModel, projectID: state.launch.profile.projectID, sessionID: sessionID))
}

/// The conversation as the model should see it. Failed replies are never resent (their text
/// may be cut anywhere, and the user saw them fail). When a turn has several replies (retries),
/// only the last one that did not fail is sent. Replies after the last user message are not
/// sent: the request asks for an answer to that message (this is what a retry relies on).
func requestHistory(_ messages: [Message]) -> [ChatMessage] {
    requestHistoryTurns(messages).map(\.message)
}

/// `requestHistory` with the id of the stored message each turn came from, which the reply's
/// record keeps so the store can leave their text out of the stored body.
func requestHistoryTurns(_ messages: [Message]) -> [(id: String, message: ChatMessage)] {
    var history: [(id: String, message: ChatMessage)] = []
    var answer: Message?
    func appendAnswer() {
        if let answer {
            history.append((answer.id, ChatMessage(role: .assistant, content: answer.content, toolCalls: answer.toolCalls)))
        }
        answer = nil
    }
    for message in messages {
        switch message.role {
        case .user:
            appendAnswer()
            history.append((message.id, ChatMessage(role: .user, content: message.content)))
        case .assistant:
            if message.status != .failed, message.status != .streaming, !message.content.isEmpty || !message.toolCalls.isEmpty {
                answer = message
            }
        case .tool:
            // A result follows the reply that asked for it, which is therefore sent.
            appendAnswer()
            history.append((message.id, ChatMessage(role: .tool, content: message.content, toolCallID: message.toolCallID)))
        case .system:
            continue
        }
    }
    // A reply that asked for tools and got no result yet is not sent either: the request is
    // an answer to the last user turn or result.
    return history
}

/// The record kept with the reply. Fields the dialect cannot carry are listed when the user
/// set them; the session's automatic session_id is not the user's doing and is not listed.
func sentRequest(for request: ChatRequest, historyMessageIDs: [String]?, _ state: AppState) -> SentRequest {
    let dialect = state.launch.profile.dialect
    var notCarried = RequestEncoder.unsupportedFields(in: request, dialect: dialect)
    if state.parameters.sessionID == nil { notCarried.removeAll { $0 == "session_id" } }
    return SentRequest(
        url: EndpointPaths.completionsURL(base: state.launch.profile.baseURL, dialect: dialect), dialect: dialect,
        body: String(decoding: RequestEncoder.body(for: request, dialect: dialect), as: UTF8.self),
        hadAPIKey: state.launch.profile.hasAPIKey, notCarried: notCarried, historyMessageIDs: historyMessageIDs)
}
