import StreamProtocol

/// Sending: the root's, because a send spans the message box (its text, an edit, a tool
/// answer), the conversation (the new turn, the window, the cursor), the sessions list (a new
/// session, or the open one to the top) and the stream (the reply and its request). The parts
/// are the features' (`SessionsState.touch`, `StreamingState.takeRequestID`, `RequestBuilding`).

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
    // A result typed by hand answers a call no MCP tool runs: the tool turn goes on beside it.
    if let answer = state.composer.toolAnswer { return sendToolResult(&state, answer, stamp) }
    // Tool calls still waiting end first, each answered "not run": OpenAI wants every call of
    // the history answered, and what is sent now is the user's answer to the turn.
    let endedTurn = endToolTurn(&state, now: stamp.nowMillis) ?? []
    if let edit = state.composer.messageEdit { return endedTurn + sendEdit(&state, edit, stamp) }

    // Holding nothing of a saved session the store did not open empty says nothing about its
    // history (a window emptied since): the request reads it from the store rather than
    // going out with the new message alone, whatever the store makes its parent.
    let heldNothing = state.conversation.activeSessionSaved && state.conversation.messages.isEmpty
        && !state.conversation.openedEmpty
    let (sessionID, effects) = appendUserMessage(&state, stamp)
    return endedTurn + effects + startReply(&state, sessionID: sessionID, stamp, readingHistory: heldNothing)
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
        state.sessions.listNew(summary)
        state.conversation.activeSessionSaved = true
        effects.append(.createSession(summary, state.parameters))
        effects += adoptNewSessionToolSwitches(&state, sessionID: sessionID)
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
    state.conversation.scroll.position = .end
    effects.append(.saveMessage(userMessage, sessionID: sessionID))
    return (sessionID, effects)
}

/// The session moves to the top of the newest-first list.
func touchSession(_ state: inout AppState, _ sessionID: String, now: Int64) {
    state.sessions.touch(sessionID, now: now)
}

/// A new (empty, streaming) reply to the conversation as it stands, and its request. When the
/// window does not hold the whole session (or `readingHistory` says what is held cannot be
/// trusted to), the request waits for the store to read the whole history (`PendingSend`);
/// the effects before this one (the user message's save) run first.
func startReply(
    _ state: inout AppState, sessionID: String, _ stamp: Stamp, placed reply: ReplyPlacement = ReplyPlacement(),
    readingHistory: Bool = false
) -> [Effect] {
    if sessionID == state.conversation.activeSessionID, readingHistory || !state.conversation.window.isComplete {
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
    } else if let unparsable = offeredTools(state)?.unparsable, !unparsable.isEmpty {
        state.status.notice = "Not offered (its server's argument schema is not a JSON object): " + unparsable.joined(separator: ", ")
    }
    return [.saveMessage(reply, sessionID: sessionID), .startStream(stream.requestID, request)]
}

/// `requestProblem` for the app as it stands.
func requestProblem(_ state: AppState) -> String? {
    requestProblem(state.parameters, profile: state.launch.profile, effectiveModel: state.effectiveModel, keymap: state.keymap)
}

/// The request for the open conversation as it stands.
func buildRequest(_ state: AppState, sessionID: String) -> ChatRequest {
    buildRequest(state, sessionID: sessionID, history: requestHistory(state.conversation.messages))
}

/// The MCP tools are offered here, so every request of the open session (and the record the
/// inspector shows) carries exactly what went.
func buildRequest(_ state: AppState, sessionID: String, history: [ChatMessage]) -> ChatRequest {
    var request = buildRequest(state.parameters, profile: state.launch.profile, sessionID: sessionID, history: history)
    if let offer = offeredTools(state) { request.parameters.tools = offer.merged(intoPaneTools: request.parameters.tools) }
    return request
}

/// The running servers' tools the open session has not switched off; nil outside the openai
/// dialect (prem's API cannot carry their results) or with no server configured.
func offeredTools(_ state: AppState) -> ToolOffer? {
    guard state.launch.profile.dialect == .openai, !state.tools.servers.isEmpty else { return nil }
    return ToolOffer(servers: state.tools.servers, switchedOff: switchedOffTools(state))
}

/// `sentRequest` with the app's parameters and profile (compare's columns ask with their own).
func sentRequest(for request: ChatRequest, historyMessageIDs: [String]?, _ state: AppState) -> SentRequest {
    sentRequest(for: request, historyMessageIDs: historyMessageIDs, state.parameters, profile: state.launch.profile)
}
