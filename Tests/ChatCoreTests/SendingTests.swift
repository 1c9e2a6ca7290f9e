import XCTest
@testable import ChatCore
import StreamProtocol

final class SendingTests: XCTestCase {
    func testEnterSendsTheComposerTextAsANewSession() {
        var state = AppState(profile: premProfile)
        apply(&state, typing("Hello there"))
        state.parameters.temperature = 0.7
        let effects = reduce(&state, .keyPressed(.enter, stamp(1000, "S1")))

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
        XCTAssertEqual(effects, [
            .createSession(session, SessionParameters(temperature: 0.7)),
            .saveMessage(user, sessionID: "S1"),
            .saveMessage(reply, sessionID: "S1"),
            .startStream(RequestID(1), request),
        ])
        XCTAssertEqual(state.composer.input.text, "")
        XCTAssertEqual(state.sessions.list, [session])
        XCTAssertEqual(state.visibleMessages.map(\.id), ["S1-u", "S1-a"])
        XCTAssertEqual(state.streaming.active?.phase, .waiting)
    }

    func testBlankComposerSendsNothing() {
        var state = AppState(profile: premProfile)
        apply(&state, typing("  "))
        apply(&state, [.keyPressed(.altEnter, stamp(0))])
        XCTAssertEqual(reduce(&state, .keyPressed(.enter, stamp(1))), [])
        XCTAssertNil(state.streaming.active)
    }

    func testSecondTurnResendsTheWholeConversationAndSkipsEmptyFailedReplies() {
        var (state, id) = sentState("first")
        apply(&state, [.streamClosed(id, failure: APIError(status: 500, message: "boom"), nowMillis: 1100)])
        apply(&state, typing("second"))
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
        var state = AppState(profile: profile)
        apply(&state, typing("keep me"))
        XCTAssertEqual(reduce(&state, .keyPressed(.enter, stamp(1))), [])
        XCTAssertEqual(state.composer.input.text, "keep me")
        XCTAssertEqual(state.status.notice?.contains("--project-id"), true)
    }

    func testOpenAIDialectNeedsAModel() {
        var state = AppState(profile: Profile(name: "o", baseURL: "x", dialect: .openai, projectID: nil, defaultModel: nil))
        apply(&state, typing("x"))
        XCTAssertEqual(reduce(&state, .keyPressed(.enter, stamp(1))), [])
        XCTAssertEqual(state.status.notice?.contains("--model"), true)
        state.parameters.model = "m"
        XCTAssertEqual(reduce(&state, .keyPressed(.enter, stamp(1))).count, 4)
    }

    func testSendingWhileStreamingIsRefusedWithoutLosingText() {
        var (state, _) = sentState()
        apply(&state, typing("next"))
        XCTAssertEqual(reduce(&state, .keyPressed(.enter, stamp(1200))), [])
        XCTAssertEqual(state.composer.input.text, "next")
        XCTAssertNotNil(state.status.notice)
    }

    func testUnsetParametersAreNotInTheRequest() {
        let (state, _) = sentState()
        let request = buildRequest(state, sessionID: "S1")
        XCTAssertNil(request.temperature)
        XCTAssertNil(request.topP)
        XCTAssertNil(request.maxTokens)
    }
}
