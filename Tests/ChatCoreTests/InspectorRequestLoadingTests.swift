import XCTest
@testable import ChatCore
import StreamProtocol

/// Finished replies do not keep their request in memory (it holds the whole history before
/// them); the store keeps it and the inspector loads it when it shows the reply.
final class InspectorRequestLoadingTests: XCTestCase {
    private func inspector(_ state: AppState) -> MessageInspector? {
        if case let .inspector(inspector)? = state.destination { return inspector }
        return nil
    }

    private func key(_ key: Key) -> Action { .keyPressed(key, stamp(0)) }

    private func shown(_ state: AppState) -> [String] {
        guard let inspector = inspector(state),
              let message = state.visibleMessages.first(where: { $0.id == inspector.messageID }) else { return [] }
        return InspectorContent.lines(
            for: message, request: InspectorContent.request(for: message, inspector: inspector),
            view: inspector.view, profile: state.launch.profile)
    }

    func testAFinishedReplyIsSavedWithItsRequestButKeptWithout() {
        var (state, id) = sentState("q")
        let sent = state.streaming.active?.reply.request
        XCTAssertNotNil(sent)
        let effects = reduce(&state, .streamReceived(id, [.content("a"), .done(StreamCompletion())], nowMillis: 1100))
        guard case let .saveMessage(saved, _)? = effects.last else { return XCTFail("no save: \(effects)") }
        XCTAssertEqual(saved.status, .complete)
        XCTAssertEqual(saved.request, sent, "the final save stores the request")
        XCTAssertEqual(state.conversation.messages.last?.id, "S1-a")
        XCTAssertNil(state.conversation.messages.last?.request, "the conversation keeps the reply without it")
        XCTAssertEqual(state.conversation.messages.last?.content, "a")
    }

    func testAnInterruptedReplyIsAlsoKeptWithoutItsRequest() {
        var (state, id) = sentState("q")
        XCTAssertEqual(reduce(&state, .streamReceived(id, [.content("part")], nowMillis: 1100)), [])
        let effects = press(&state, .escape)
        let saved = effects.compactMap { effect -> Message? in
            if case let .saveMessage(message, _) = effect { return message } else { return nil }
        }
        XCTAssertEqual(saved.map(\.status), [.interrupted])
        XCTAssertNotNil(saved.first?.request)
        XCTAssertNil(state.conversation.messages.last?.request)
    }

    func testTheOnceASecondSavesLeaveTheRequestOut() {
        var (state, id) = sentState("q")
        XCTAssertEqual(reduce(&state, .streamReceived(id, [.content("a")], nowMillis: 1500)), [], "half a second after the send's save")
        let effects = reduce(&state, .clockTicked(nowMillis: 2100))
        guard case let .saveMessage(saved, _)? = effects.first else { return XCTFail("no save: \(effects)") }
        XCTAssertEqual(saved.status, .streaming)
        XCTAssertEqual(saved.content, "a")
        XCTAssertNil(saved.request, "the store keeps the request from the first save")
        XCTAssertNotNil(state.streaming.active?.reply.request, "the streaming reply still has it")
    }

    func testTheInspectorShowsLoadingThenTheLoadedRequest() {
        var (state, stored) = twoFinishedTurns()
        XCTAssertEqual(press(&state, .character("i"), .character("2")), [.loadSentRequest(messageID: "S2-a")])
        XCTAssertEqual(shown(state), ["loading the recorded request…"])
        XCTAssertEqual(press(&state, .character("3")), [])
        XCTAssertEqual(shown(state), ["loading the recorded request…"])
        XCTAssertEqual(press(&state, .character("y")), [.copyToClipboard("loading the recorded request…")])

        guard let request = stored["S2-a"] else { return XCTFail("S2-a was not saved with a request") }
        stored = [:]
        XCTAssertEqual(apply(&state, [.sentRequestLoaded(messageID: "S2-a", request)]), [])
        XCTAssertEqual(inspector(state)?.request, .recorded(request))
        XCTAssertEqual(shown(state).first?.hasPrefix("curl -N --compressed 'http://127.0.0.1:9/v1/chat/completions'"), true)
        XCTAssertEqual(press(&state, .character("2")), [])
        XCTAssertEqual(press(&state, .character("y")), [.copyToClipboard(request.body)])
        XCTAssertTrue(request.body.contains(#""content":"two""#), request.body)
    }

    func testAStoreFailureReplacesLoadingWithTheReasonAndReopeningAsksAgain() {
        let store = TestStore(twoFinishedTurns().0)
        store.send(key(.character("i")), effects: [.loadSentRequest(messageID: "S2-a")]) {
            $0.destination = .inspector(MessageInspector(messageID: "S2-a"))
        }
        store.send(key(.character("2"))) { $0.destination = .inspector(MessageInspector(messageID: "S2-a", view: .body)) }
        store.send(.sentRequestLoadFailed(messageID: "S1-a", problem: "not this reply"))  // for another reply: nothing changes
        store.send(.sentRequestLoadFailed(messageID: "S2-a", problem: "database is locked")) {
            $0.destination = .inspector(MessageInspector(messageID: "S2-a", view: .body, request: .failed("database is locked")))
        }
        store.inspect { XCTAssertEqual(self.shown($0), ["Could not read the recorded request: database is locked"]) }
        store.send(key(.escape)) { $0.destination = nil }
        store.send(key(.character("i")), effects: [.loadSentRequest(messageID: "S2-a")]) {  // asked again
            $0.destination = .inspector(MessageInspector(messageID: "S2-a"))
        }
    }

    func testAReplyStoredBeforeRequestsWereRecordedSaysSo() {
        let store = TestStore(twoFinishedTurns().0)
        store.send(key(.character("i")), effects: [.loadSentRequest(messageID: "S2-a")]) {
            $0.destination = .inspector(MessageInspector(messageID: "S2-a"))
        }
        store.send(key(.character("2"))) { $0.destination = .inspector(MessageInspector(messageID: "S2-a", view: .body)) }
        store.send(.sentRequestLoaded(messageID: "S2-a", nil)) {
            $0.destination = .inspector(MessageInspector(messageID: "S2-a", view: .body, request: .notRecorded))
        }
        store.inspect { XCTAssertEqual(self.shown($0), ["This reply was stored before chatterm recorded requests."]) }
        store.send(key(.character("y")), effects: [.copyToClipboard("")]) {  // no body to copy
            $0.status.notice = "copied the request body to the clipboard"
        }
    }

    func testALateAnswerForAnotherReplyIsIgnored() {
        var (state, stored) = twoFinishedTurns()
        XCTAssertEqual(press(&state, .character("i"), .character("2")), [.loadSentRequest(messageID: "S2-a")])
        XCTAssertEqual(press(&state, .character("[")), [.loadSentRequest(messageID: "S1-a")])
        XCTAssertEqual(reduce(&state, .sentRequestLoaded(messageID: "S2-a", stored["S2-a"])), [])
        XCTAssertEqual(inspector(state)?.messageID, "S1-a")
        XCTAssertEqual(inspector(state)?.request, .loading, "S2-a's answer arrived after the inspector moved on")
        XCTAssertEqual(reduce(&state, .sentRequestLoaded(messageID: "S1-a", stored["S1-a"])), [])
        XCTAssertEqual(inspector(state)?.request, stored["S1-a"].map(InspectedRequest.recorded))
        XCTAssertTrue(shown(state).contains(#"  "temperature": 0.5"#), shown(state).joined(separator: "\n"))

        // A second answer for the same reply does not replace what is shown.
        XCTAssertEqual(reduce(&state, .sentRequestLoaded(messageID: "S1-a", nil)), [])
        XCTAssertEqual(inspector(state)?.request, stored["S1-a"].map(InspectedRequest.recorded))
    }

    func testMovingToAnotherReplyLoadsAfresh() {
        let (state, stored) = twoFinishedTurns()
        let store = TestStore(state)
        store.send(key(.character("i")), effects: [.loadSentRequest(messageID: "S2-a")]) {
            $0.destination = .inspector(MessageInspector(messageID: "S2-a"))
        }
        store.send(.sentRequestLoaded(messageID: "S2-a", stored["S2-a"])) {
            $0.destination = .inspector(MessageInspector(messageID: "S2-a", request: stored["S2-a"].map(InspectedRequest.recorded) ?? .notRecorded))
        }
        // S2-a's request is not shown for S1-a: it is read afresh.
        store.send(key(.character("[")), effects: [.loadSentRequest(messageID: "S1-a")]) {
            $0.destination = .inspector(MessageInspector(messageID: "S1-a"))
        }
        store.send(key(.character("]")), effects: [.loadSentRequest(messageID: "S2-a")]) {
            $0.destination = .inspector(MessageInspector(messageID: "S2-a"))
        }
    }

    func testAnAnswerAfterTheInspectorClosedChangesNothing() {
        let (state, stored) = twoFinishedTurns()
        let store = TestStore(state)
        store.send(key(.character("i")), effects: [.loadSentRequest(messageID: "S2-a")]) {
            $0.destination = .inspector(MessageInspector(messageID: "S2-a"))
        }
        store.send(key(.escape)) { $0.destination = nil }
        store.send(.sentRequestLoaded(messageID: "S2-a", stored["S2-a"]))  // nothing changes
    }

    func testTheStreamingReplyShowsItsOwnRequestAndKeepsItAfterFinishing() {
        var (state, id) = sentState("q")
        guard let sent = state.streaming.active?.reply.request else { return XCTFail("no request") }
        XCTAssertEqual(press(&state, .alt("2"), .character("i"), .character("2")), [])
        XCTAssertEqual(inspector(state)?.request, .recorded(sent))
        XCTAssertEqual(reduce(&state, .streamReceived(id, [.content("a"), .done(StreamCompletion())], nowMillis: 1100)),
                       [.saveMessage(savedReply(state, sent), sessionID: "S1")])
        XCTAssertNil(state.conversation.messages.last?.request)
        XCTAssertEqual(press(&state, .character("y")), [.copyToClipboard(sent.body)], "still shown once finished")
    }
}

/// The trace id and finish reason lead the parameters view, so the copy key copies them too.
final class InspectorTraceTests: XCTestCase {
    func testTraceAndFinishReasonLeadTheParametersView() {
        var message = Message(id: "r", role: .assistant, content: "x", createdAtMillis: 0, traceID: "3c90-abc", model: "m")
        message.finishReason = "length"
        XCTAssertEqual(
            InspectorContent.lines(for: message, request: .loading, view: .parameters, profile: premProfile),
            ["trace_id  3c90-abc", "finish_reason  length", "No parameters recorded for this message."])
        message.parameters = SessionParameters()
        let lines = InspectorContent.lines(for: message, request: .loading, view: .parameters, profile: premProfile)
        XCTAssertEqual(Array(lines.prefix(3)), ["answered by  m", "trace_id  3c90-abc", "finish_reason  length"])
        XCTAssertTrue(
            InspectorContent.copyText(for: message, request: .loading, view: .parameters, profile: premProfile)
                .hasPrefix("answered by  m\ntrace_id  3c90-abc\n"))
    }
}
