@testable import ChatCore
import StreamProtocol

/// What Enter does to a prem session (`premProfile`) whose message box holds `text` and whose
/// conversation is empty, written out by hand so a `TestStore` step can assert a send
/// exhaustively: the session created and listed first when it is new (else moved to the top),
/// the user message and the empty streaming reply saved, the request sent, the box emptied and
/// the view following the tail.
struct ExpectedSend {
    var text: String
    /// The session sent in; a new one takes the stamp's fresh id.
    var sessionID: String
    /// The stamp's fresh id, the messages' prefix.
    var freshID: String
    var now: Int64
    var parameters = SessionParameters()
    /// A new session (created by the send), or one saved already.
    var createsSession = true
    var requestID = RequestID(1)

    /// A first message in a new session: its id is the stamp's.
    init(text: String, id: String, now: Int64) {
        self.text = text
        sessionID = id
        freshID = id
        self.now = now
    }

    var summary: SessionSummary { SessionSummary(id: sessionID, title: text, createdAtMillis: now, updatedAtMillis: now) }
    var userMessage: Message { Message(id: freshID + "-u", role: .user, content: text, createdAtMillis: now) }
    var request: ChatRequest {
        var sent = parameters
        sent.projectID = 7
        sent.model = "local-echo"
        sent.sessionID = sessionID
        return ChatRequest(messages: [ChatMessage(role: .user, content: text)], parameters: sent)
    }
    /// The body as the prem dialect writes it; `extraFields` are what `parameters` adds after
    /// `"stream":true` (`,"temperature":0.7`).
    var extraFields = ""
    var sent: SentRequest {
        SentRequest(
            url: "http://127.0.0.1:9/v1/chat/completions", dialect: .prem,
            body: #"{"project_id":7,"model":"local-echo","messages":[{"role":"user","content":"\#(text)"}],"session_id":"\#(sessionID)","stream":true\#(extraFields)}"#,
            hadAPIKey: false, historyMessageIDs: [freshID + "-u"])
    }
    var reply: Message {
        Message(id: freshID + "-a", role: .assistant, content: "", createdAtMillis: now, status: .streaming,
                model: "local-echo", parameters: parameters, request: sent)
    }
    var effects: [Effect] {
        (createsSession ? [.createSession(summary, parameters)] : [])
            + [.saveMessage(userMessage, sessionID: sessionID), .saveMessage(reply, sessionID: sessionID), .startStream(requestID, request)]
    }

    /// The state change. A saved session's move to the top of the list is the caller's to say.
    func apply(_ state: inout AppState) {
        state.status.nowMillis = max(state.status.nowMillis, now)
        if createsSession {
            state.conversation.activeSessionID = sessionID
            state.sessions.list.insert(summary, at: 0)
            state.sessions.selectedIndex = 0
            state.conversation.activeSessionSaved = true
        }
        state.conversation.messages.append(userMessage)
        state.composer.input.clear()
        state.conversation.cursor = nil
        state.conversation.scroll.position = .end
        state.streaming.nextRequestNumber += 1
        state.streaming.active = ActiveStream(requestID, sessionID: sessionID, reply: reply, now: now)
    }
}

/// A reply as its final save (done, error, close, cancel) stores it: the message the
/// conversation shows last, with the request it was sent with (the conversation's copy is
/// kept without it; `sent` is the streaming reply's, read before the step).
func savedReply(_ state: AppState, _ sent: SentRequest?) -> Message {
    var reply = state.conversation.messages.last ?? Message(id: "", role: .assistant, content: "", createdAtMillis: 0)
    reply.request = sent
    return reply
}
