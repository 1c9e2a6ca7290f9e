import StreamProtocol

/// What a request is made of, from values: whether it can go out (the dialect's required
/// fields, stored JSON that would be dropped), its body, the history it resends, and the record
/// the reply keeps. The root's send and compare give it the parameters and the profile.

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
func requestProblem(
    _ parameters: SessionParameters, profile: Profile, effectiveModel: String?, keymap: Keymap
) -> String? {
    let missing = profile.dialect.missingRequiredField(
        projectID: parameters.projectID ?? profile.projectID, model: effectiveModel)
    switch missing {
    case .projectID?:
        return "No project id: set project_id in Parameters or start with --project-id N (prem requires one)."
    case .model?:
        let pick = keymap.displayKey(for: .pickModel, in: [.parameters])
        return "No model: choose one in Parameters (\(pick)) or start with --model NAME (openai requires one)."
    case nil:
        break
    }
    // Typed JSON was validated when accepted; a hand-edited store may still hold bad text,
    // which must stop the send rather than be left out of it silently.
    for field in [ParameterField.logitBias, .responseFormat, .tools] {
        guard let text = field.text(in: parameters) else { continue }
        if case let .failure(problem) = ParameterValidation.applying(text, to: field, in: parameters) {
            return problem.message + ": fix or unset it in Parameters."
        }
    }
    return nil
}

/// The request for a conversation: the history worth resending and every parameter the user
/// set (unset ones stay nil and are not sent). Fields with a fallback take it here: project id
/// and model from the profile, session_id from the session.
func buildRequest(
    _ parameters: SessionParameters, profile: Profile, sessionID: String, history: [ChatMessage]
) -> ChatRequest {
    ChatRequest(
        messages: history,
        parameters: parameters.withFallbacks(
            model: profile.defaultModel, projectID: profile.projectID, sessionID: sessionID))
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
    // A call is sent only with its result: OpenAI-style servers refuse (400) an assistant
    // message whose tool_calls are not each followed by a tool message, and a call can be left
    // without one (chatterm quit or was killed while it ran, the user wrote instead of answering).
    let answered = Set(messages.lazy.filter { $0.role == .tool }.compactMap(\.toolCallID))
    func appendAnswer() {
        if let answer {
            let calls = answer.toolCalls.filter { answered.contains($0.wireID) }
            if !calls.isEmpty || !answer.content.isEmpty {
                history.append((answer.id, ChatMessage(role: .assistant, content: answer.content, toolCalls: calls)))
            }
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
func sentRequest(
    for request: ChatRequest, historyMessageIDs: [String]?, _ parameters: SessionParameters, profile: Profile
) -> SentRequest {
    let dialect = profile.dialect
    var notCarried = RequestEncoder.unsupportedFields(in: request, dialect: dialect)
    if parameters.sessionID == nil { notCarried.removeAll { $0 == "session_id" } }
    return SentRequest(
        url: EndpointPaths.completionsURL(base: profile.baseURL, dialect: dialect), dialect: dialect,
        body: String(decoding: RequestEncoder.body(for: request, dialect: dialect), as: UTF8.self),
        hadAPIKey: profile.hasAPIKey, notCarried: notCarried, historyMessageIDs: historyMessageIDs)
}
