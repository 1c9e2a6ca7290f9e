import XCTest
@testable import ChatCore
import StreamProtocol

final class StreamingTests: XCTestCase {
    func testDeltasAppendAndDoneCompletesWithTraceAndChunks() {
        var (state, id) = sentState()
        XCTAssertEqual(reduce(&state, .streamReceived(id, [.model("m1"), .content("Hel"), .content("lo")], nowMillis: 1200)), [])
        XCTAssertEqual(state.streaming.active?.reply.content, "Hello")
        XCTAssertEqual(state.streaming.active?.phase, .receiving)
        XCTAssertEqual(state.streaming.active?.firstContentAtMillis, 1200)
        let sent = state.streaming.active?.reply.request
        let done = StreamCompletion(traceID: "t-1", documentChunksJSON: "[]")
        let effects = reduce(&state, .streamReceived(id, [.done(done)], nowMillis: 1500))
        XCTAssertNil(state.streaming.active)
        let reply = state.conversation.messages.last
        XCTAssertEqual(reply?.status, .complete)
        XCTAssertEqual(reply?.traceID, "t-1")
        XCTAssertEqual(reply?.documentChunksJSON, "[]")
        XCTAssertEqual(reply?.model, "m1")
        XCTAssertNil(reply?.request, "kept without its request; the save stores it")
        var saved = reply!
        saved.request = sent
        XCTAssertNotNil(sent)
        XCTAssertEqual(effects, [.saveMessage(saved, sessionID: "S1")])
        XCTAssertEqual(state.streaming.lastOutcome, .completed(deltas: 2, millis: 500))
    }

    func testReasoningToolCallsAndFinishReasonAreKeptWithTheReply() {
        var (state, id) = sentState()
        XCTAssertEqual(reduce(&state, .streamReceived(id, [.reasoning("Let me "), .reasoning("think.")], nowMillis: 1100)), [])
        XCTAssertEqual(state.streaming.active?.reply.reasoning, "Let me think.")
        XCTAssertEqual(state.streaming.active?.firstReasoningAtMillis, 1100)
        XCTAssertEqual(state.streaming.active?.reply.content, "")
        XCTAssertEqual(apply(&state, [.streamReceived(id, [
            .content("Calling."),
            .toolCall(ToolCallDelta(index: 0, id: "call_1", name: "lookup", arguments: "{\"q\":")),
            .toolCall(ToolCallDelta(index: 0, arguments: "\"x\"}")),
            .finishReason("tool_calls"),
        ], nowMillis: 1400)]), [])
        let sent = state.streaming.active?.reply.request
        let done = reduce(&state, .streamReceived(id, [.done(StreamCompletion())], nowMillis: 1500))
        let reply = state.conversation.messages.last
        XCTAssertEqual(done, [.saveMessage(reply.map { var saved = $0; saved.request = sent; return saved }!, sessionID: "S1")])
        XCTAssertEqual(reply?.reasoning, "Let me think.")
        XCTAssertEqual(reply?.toolCalls, [ToolCall(index: 0, id: "call_1", name: "lookup", arguments: "{\"q\":\"x\"}")])
        XCTAssertEqual(reply?.finishReason, "tool_calls")
        XCTAssertEqual(reply?.stats?.reasoningMillis, 300, "from the first reasoning delta to the first text")
    }

    /// A chunk that was not JSON is counted with the reply, which still ends ✓: the figures
    /// stored with it say so (the status line, the footer and the inspector show them).
    func testSkippedEventsAreCountedInTheStoredFigures() {
        var (state, id) = sentState()
        XCTAssertEqual(reduce(&state, .streamReceived(id, [.content("Hel"), .skipped("{\"choices\":[{"), .skipped("garbage"), .content("lo")], nowMillis: 1200)), [])
        XCTAssertEqual(state.streaming.active?.skippedEvents, 2)
        XCTAssertEqual(state.streaming.active?.firstSkipped, "{\"choices\":[{")
        XCTAssertEqual(state.streaming.active?.reply.content, "Hello", "nothing of a skipped chunk is shown")
        let sent = state.streaming.active?.reply.request
        let done = reduce(&state, .streamReceived(id, [.done(StreamCompletion())], nowMillis: 1500))
        XCTAssertEqual(done, [.saveMessage(state.conversation.messages.last.map { var saved = $0; saved.request = sent; return saved }!, sessionID: "S1")])
        XCTAssertEqual(state.conversation.messages.last?.status, .complete)
        XCTAssertEqual(state.conversation.messages.last?.stats?.skippedEvents, 2)
    }

    func testAReplyWithoutSkippedEventsStoresNoCount() {
        var (state, id) = sentState()
        let sent = state.streaming.active?.reply.request
        let done = reduce(&state, .streamReceived(id, [.content("Hi"), .done(StreamCompletion())], nowMillis: 1200))
        XCTAssertEqual(done, [.saveMessage(state.conversation.messages.last.map { var saved = $0; saved.request = sent; return saved }!, sessionID: "S1")])
        XCTAssertNil(state.conversation.messages.last?.stats?.skippedEvents, "figures stored before this field existed look the same")
    }

    func testStaleRequestIDsAreDropped() {
        var (state, id) = sentState()
        let sent = state.streaming.active?.reply.request
        XCTAssertEqual(reduce(&state, .keyPressed(.escape, stamp(1100))), [.cancelStream(id), .saveMessage(savedReply(state, sent), sessionID: "S1")])
        XCTAssertEqual(apply(&state, typing("again")), [])
        let sentAgain = reduce(&state, .keyPressed(.enter, stamp(1200, "S2")))
        XCTAssertEqual(sentAgain.count, 3, "the message and its reply saved, the request sent: \(sentAgain)")
        let before = state
        XCTAssertEqual(reduce(&state, .streamReceived(id, [.content("late")], nowMillis: 1300)), [])
        XCTAssertEqual(reduce(&state, .streamClosed(id, failure: nil, nowMillis: 1300)), [])
        XCTAssertEqual(state, before)
        XCTAssertEqual(state.streaming.active?.requestID, RequestID(2))
    }

    func testEscapeCancelsAndKeepsThePartialReplyMarkedInterrupted() {
        var (state, id) = sentState()
        XCTAssertEqual(reduce(&state, .streamReceived(id, [.content("partial")], nowMillis: 1100)), [])
        let sent = state.streaming.active?.reply.request
        let effects = reduce(&state, .keyPressed(.escape, stamp(1200)))
        XCTAssertEqual(effects.first, .cancelStream(id))
        XCTAssertEqual(state.conversation.messages.last?.content, "partial")
        XCTAssertEqual(state.conversation.messages.last?.status, .interrupted)
        var saved = state.conversation.messages.last!
        saved.request = sent
        XCTAssertEqual(effects.last, .saveMessage(saved, sessionID: "S1"))
        XCTAssertNil(state.streaming.active)
    }

    func testCtrlCCancelsWhileStreamingAndQuitsOtherwise() {
        var (state, id) = sentState()
        XCTAssertEqual(reduce(&state, .keyPressed(.control("c"), stamp(1100))).first, .cancelStream(id))
        XCTAssertFalse(state.status.quitRequested)
        XCTAssertEqual(reduce(&state, .keyPressed(.control("c"), stamp(1200))), [.quit])
        XCTAssertTrue(state.status.quitRequested)
    }

    func testCtrlQWhileStreamingCancelsSavesAndQuits() {
        var (state, id) = sentState()
        let effects = reduce(&state, .keyPressed(.control("q"), stamp(1100)))
        XCTAssertEqual(effects.first, .cancelStream(id))
        XCTAssertEqual(effects.last, .quit)
        XCTAssertEqual(effects.count, 3)
    }

    func testErrorEventFailsTheReplyKeepingItsText() {
        var (state, id) = sentState()
        let error = APIError(code: "ProviderInternalServerError", message: "upstream failed")
        let sent = state.streaming.active?.reply.request
        XCTAssertEqual(reduce(&state, .streamReceived(id, [.content("so far"), .error(error)], nowMillis: 1100)),
                       [.saveMessage(savedReply(state, sent), sessionID: "S1")])
        XCTAssertEqual(state.conversation.messages.last?.content, "so far")
        XCTAssertEqual(state.conversation.messages.last?.status, .failed)
        XCTAssertEqual(state.conversation.messages.last?.error, error)
        XCTAssertEqual(state.streaming.lastOutcome, .failed("upstream failed"))
    }

    func testCloseWithoutDoneIsIncomplete() {
        var (state, id) = sentState()
        XCTAssertEqual(reduce(&state, .streamReceived(id, [.content("half")], nowMillis: 1100)), [])
        let sent = state.streaming.active?.reply.request
        XCTAssertEqual(reduce(&state, .streamClosed(id, failure: nil, nowMillis: 1200)), [.saveMessage(savedReply(state, sent), sessionID: "S1")])
        XCTAssertEqual(state.conversation.messages.last?.status, .failed)
        XCTAssertEqual(state.conversation.messages.last?.error?.message.contains("incomplete"), true)
    }

    func testHTTPErrorBecomesAnErrorEntryAndTheUserMessageStays() {
        var (state, id) = sentState("my question")
        let error = APIError(status: 401, code: "AuthenticationError", message: "Invalid API key")
        let sent = state.streaming.active?.reply.request
        XCTAssertEqual(reduce(&state, .streamClosed(id, failure: error, nowMillis: 1100)), [.saveMessage(savedReply(state, sent), sessionID: "S1")])
        XCTAssertEqual(state.conversation.messages.map(\.content), ["my question", ""])
        XCTAssertEqual(state.conversation.messages.last?.error, error)
    }

    func testStreamingReplyIsSavedAtLeastOnceASecond() {
        var (state, id) = sentState()
        XCTAssertEqual(reduce(&state, .streamReceived(id, [.content("a")], nowMillis: 1500)), [])
        let saved = reduce(&state, .streamReceived(id, [.content("b")], nowMillis: 2000))
        XCTAssertEqual(saved.count, 1)
        guard case let .saveMessage(m, _)? = saved.first else { return XCTFail() }
        XCTAssertEqual(m.content, "ab")
        XCTAssertEqual(m.status, .streaming)
        // Nothing new: the clock alone saves nothing.
        XCTAssertEqual(reduce(&state, .clockTicked(nowMillis: 2500)), [])
        XCTAssertEqual(reduce(&state, .streamReceived(id, [.content("c")], nowMillis: 2600)), [])
        XCTAssertEqual(reduce(&state, .clockTicked(nowMillis: 3100)).count, 1, "a tick saves what arrived since")
    }

    func testReplyKeepsStreamingIntoItsSessionAfterCtrlN() {
        var (state, id) = sentState()
        XCTAssertEqual(reduce(&state, .keyPressed(.control("n"), stamp(1100))), [])
        XCTAssertEqual(state.visibleMessages, [])
        XCTAssertEqual(reduce(&state, .streamReceived(id, [.content("bg")], nowMillis: 1200)), [])
        let effects = reduce(&state, .streamReceived(id, [.done(StreamCompletion())], nowMillis: 1300))
        XCTAssertEqual(state.conversation.messages, [], "the finished reply does not land in the new session")
        guard case let .saveMessage(m, sessionID)? = effects.first else { return XCTFail() }
        XCTAssertEqual(sessionID, "S1")
        XCTAssertEqual(m.content, "bg")
    }
}
