import StreamProtocol

/// Enter in the composer: the text becomes a user message and a request goes out.
func send(_ state: inout AppState, _ stamp: Stamp) -> [Effect] {
    guard !state.composer.isBlank else { return [] }
    guard !state.isStreaming else {
        state.notice = "A reply is still streaming: wait for it or press Esc to stop it."
        return []
    }
    if let problem = requestProblem(state) {
        // Keep the text in the composer: nothing the user typed is lost.
        state.notice = problem
        return []
    }

    var effects: [Effect] = []
    let now = stamp.nowMillis
    let sessionID: String
    if let id = state.activeSessionID {
        sessionID = id
    } else {
        sessionID = stamp.freshID
        state.activeSessionID = sessionID
    }
    if !state.activeSessionSaved {
        let summary = SessionSummary(
            id: sessionID, title: SessionTitle.make(fromFirstUserMessage: state.composer.text),
            createdAtMillis: now, updatedAtMillis: now)
        state.sessions.insert(summary, at: 0)
        state.selectedSessionIndex = 0
        state.activeSessionSaved = true
        effects.append(.createSession(summary, state.parameters))
    } else if let i = state.sessions.firstIndex(where: { $0.id == sessionID }) {
        // The session moves to the top of the newest-first list.
        var summary = state.sessions.remove(at: i)
        summary.updatedAtMillis = now
        state.sessions.insert(summary, at: 0)
        if state.selectedSessionIndex == i { state.selectedSessionIndex = 0 }
    }

    let userMessage = Message(
        id: stamp.freshID + "-u", role: .user, content: state.composer.text, createdAtMillis: now)
    state.messages.append(userMessage)
    state.composer.clear()
    state.scroll = .followingTail
    effects.append(.saveMessage(userMessage, sessionID: sessionID))

    let request = buildRequest(state, sessionID: sessionID)
    let requestID = RequestID(state.nextRequestNumber)
    state.nextRequestNumber += 1
    let reply = Message(
        id: stamp.freshID + "-a", role: .assistant, content: "", createdAtMillis: now,
        status: .streaming, model: state.effectiveModel, parameters: state.parameters)
    state.stream = ActiveStream(
        requestID: requestID, sessionID: sessionID, reply: reply, phase: .waiting,
        startedAtMillis: now, firstContentAtMillis: nil, deltaCount: 0,
        lastSavedAtMillis: now, hasUnsavedChanges: false)
    state.lastOutcome = nil
    effects.append(.saveMessage(reply, sessionID: sessionID))
    effects.append(.startStream(requestID, request))
    return effects
}

/// What the dialect requires and the profile lacks, as a sentence for the user.
func requestProblem(_ state: AppState) -> String? {
    switch state.profile.dialect {
    case .prem where state.profile.projectID == nil:
        return "No project id: start with --project-id N (the prem dialect requires one)."
    case .openai where state.effectiveModel == nil:
        return "No model: start with --model NAME (the openai dialect requires one)."
    default:
        return nil
    }
}

/// The request for the open conversation: every message worth resending (failed turns with no
/// text are not) and every parameter the user set. Unset parameters stay nil and are not sent.
func buildRequest(_ state: AppState, sessionID: String) -> ChatRequest {
    let history = state.messages.compactMap { m -> ChatMessage? in
        guard m.role == .user || m.role == .assistant else { return nil }
        if m.role == .assistant && m.content.isEmpty { return nil }
        return ChatMessage(role: m.role, content: m.content)
    }
    let p = state.parameters
    return ChatRequest(
        projectID: state.profile.projectID, model: state.effectiveModel, messages: history,
        systemPrompt: p.systemPrompt, sessionID: sessionID,
        temperature: p.temperature, topP: p.topP, maxTokens: p.maxTokens,
        frequencyPenalty: p.frequencyPenalty, presencePenalty: p.presencePenalty, seed: p.seed,
        stop: p.stop, user: p.user)
}
