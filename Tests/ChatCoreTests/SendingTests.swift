import XCTest
@testable import ChatCore
import StreamProtocol

final class SendingTests: XCTestCase {
    func testEnterSendsTheComposerTextAsANewSession() {
        var start = AppState(profile: premProfile)
        start.parameters.temperature = 0.7
        let store = TestStore(start)
        store.type("Hello there")

        let session = SessionSummary(id: "S1", title: "Hello there", createdAtMillis: 1000, updatedAtMillis: 1000)
        let user = Message(id: "S1-u", role: .user, content: "Hello there", createdAtMillis: 1000)
        let reply = Message(
            id: "S1-a", role: .assistant, content: "", createdAtMillis: 1000, status: .streaming,
            model: "local-echo", parameters: SessionParameters(temperature: 0.7),
            request: SentRequest(
                url: "http://127.0.0.1:9/v1/chat/completions", dialect: .prem,
                body: #"{"project_id":7,"model":"local-echo","messages":[{"role":"user","content":"Hello there"}],"session_id":"S1","stream":true,"temperature":0.7}"#,
                hadAPIKey: false, historyMessageIDs: ["S1-u"]))
        let request = ChatRequest(
            projectID: 7, model: "local-echo", messages: [ChatMessage(role: .user, content: "Hello there")],
            sessionID: "S1", temperature: 0.7)
        store.send(.keyPressed(.enter, stamp(1000, "S1")), effects: [
            .createSession(session, SessionParameters(temperature: 0.7)),
            .saveMessage(user, sessionID: "S1"),
            .saveMessage(reply, sessionID: "S1"),
            .startStream(RequestID(1), request),
        ]) {
            $0.status.nowMillis = 1000
            $0.composer.input = TextInput()
            $0.sessions.list = [session]
            $0.conversation.activeSessionID = "S1"
            $0.conversation.activeSessionSaved = true
            $0.conversation.messages = [user]
            $0.streaming.nextRequestNumber = 2
            $0.streaming.active = ActiveStream(
                requestID: RequestID(1), sessionID: "S1", reply: reply, phase: .waiting, startedAtMillis: 1000,
                firstContentAtMillis: nil, deltaCount: 0, lastSavedAtMillis: 1000, hasUnsavedChanges: false, lastActivityAtMillis: 1000)
        }
        store.inspect { XCTAssertEqual($0.visibleMessages.map(\.id), ["S1-u", "S1-a"]) }
    }

    func testBlankComposerSendsNothing() {
        let store = TestStore(AppState(profile: premProfile))
        store.type("  ")
        store.send(.keyPressed(.altEnter, stamp(0))) { $0.composer.input = TextInput(text: "  \n") }
        store.send(.keyPressed(.enter, stamp(1))) { $0.status.nowMillis = 1 }  // nothing sent, no stream
    }

    func testSecondTurnResendsTheWholeConversationAndSkipsEmptyFailedReplies() {
        var (state, id) = sentState("first")
        let sent = state.streaming.active?.reply.request
        XCTAssertEqual(reduce(&state, .streamClosed(id, failure: APIError(status: 500, message: "boom"), nowMillis: 1100)),
                       [.saveMessage(savedReply(state, sent), sessionID: "S1")])
        XCTAssertEqual(apply(&state, typing("second")), [])
        let effects = reduce(&state, .keyPressed(.enter, stamp(2000, "S2")))
        guard case let .startStream(id2, request)? = effects.last else { return XCTFail("no request: \(effects)") }
        XCTAssertEqual(id2, RequestID(2))
        XCTAssertEqual(request.sessionID, "S1", "the session keeps its id")
        XCTAssertEqual(request.messages, [ChatMessage(role: .user, content: "first"), ChatMessage(role: .user, content: "second")])
        XCTAssertFalse(effects.contains { if case .createSession = $0 { return true } else { return false } })
    }

    func testMissingProjectIDIsAClearNoticeAndKeepsTheText() {
        var profile = premProfile
        profile.projectID = nil
        let store = TestStore(AppState(profile: profile))
        store.type("keep me")
        store.send(.keyPressed(.enter, stamp(1))) {  // the text stays in the box
            $0.status.nowMillis = 1
            $0.status.notice = "No project id: set project_id in Parameters or start with --project-id N (prem requires one)."
        }
    }

    func testOpenAIDialectNeedsAModel() {
        let store = TestStore(AppState(profile: Profile(name: "o", baseURL: "x", dialect: .openai, projectID: nil, defaultModel: nil)))
        store.type("x")
        store.send(.keyPressed(.enter, stamp(1))) {
            $0.status.nowMillis = 1
            $0.status.notice = "No model: choose one in Parameters (m) or start with --model NAME (openai requires one)."
        }
        var state = store.state
        state.parameters.model = "m"
        XCTAssertEqual(reduce(&state, .keyPressed(.enter, stamp(1))).count, 4)
    }

    func testSendingWhileStreamingIsRefusedWithoutLosingText() {
        let store = TestStore(sentState().0)
        store.type("next", at: 1100)
        store.send(.keyPressed(.enter, stamp(1200))) {  // the text stays in the box
            $0.status.nowMillis = 1200
            $0.status.notice = "A reply is still streaming: wait for it or press Esc to stop it."
        }
    }

    func testUnsetParametersAreNotInTheRequest() {
        let (state, _) = sentState()
        let request = buildRequest(state, sessionID: "S1")
        XCTAssertNil(request.temperature)
        XCTAssertNil(request.topP)
        XCTAssertNil(request.maxTokens)
    }
}
