import XCTest
@testable import ChatCore
import StreamProtocol

final class RetryTurnTests: XCTestCase {
    private func startedStream(_ effects: [Effect]) -> (RequestID, ChatRequest)? {
        for case let .startStream(id, request) in effects { return (id, request) }
        return nil
    }

    func testCtrlRRetriesAFailedTurnWithoutResendingTheFailedReply() {
        var (state, id) = sentState("question")
        let sent = state.streaming.active?.reply.request
        XCTAssertEqual(reduce(&state, .streamReceived(id, [.content("half an ans")], nowMillis: 1100)), [])
        XCTAssertEqual(reduce(&state, .streamClosed(id, failure: APIError(message: "dropped"), nowMillis: 1200)),
                       [.saveMessage(savedReply(state, sent), sessionID: "S1")])
        let effects = apply(&state, [.keyPressed(.control("r"), stamp(5000, "R1"))])
        guard let (newID, request) = startedStream(effects) else { return XCTFail("no request: \(effects)") }
        XCTAssertEqual(newID, RequestID(2))
        XCTAssertEqual(request.messages, [ChatMessage(role: .user, content: "question")], "the failed text is not resent")
        // The failed reply is kept as the first version ([ reaches it); the new one takes its
        // place on the path (RetryMakesAVersionTests).
        XCTAssertEqual(state.conversation.messages.map(\.content), ["question"])
        XCTAssertEqual(state.streaming.active?.reply.placement, .besideMessage("S1-a"))
        XCTAssertEqual(state.streaming.active?.reply.id, "R1-a")
        XCTAssertEqual(state.streaming.active?.startedAtMillis, 5000)
        guard case let .saveMessage(reply, sessionID)? = effects.first else { return XCTFail() }
        XCTAssertEqual(sessionID, "S1")
        XCTAssertEqual(reply.status, .streaming)
        XCTAssertEqual(effects.count, 2, "no user message is added")

        let retrySent = state.streaming.active?.reply.request
        XCTAssertEqual(reduce(&state, .streamReceived(newID, [.content("full answer"), .done(StreamCompletion())], nowMillis: 5500)),
                       [.saveMessage(savedReply(state, retrySent), sessionID: "S1")])
        XCTAssertEqual(state.visibleMessages.map(\.content), ["question", "full answer"])
    }

    func testInterruptedAndUnansweredTurnsCanBeRetried() {
        var (state, id) = sentState("q")
        let sent = state.streaming.active?.reply.request
        XCTAssertEqual(reduce(&state, .streamReceived(id, [.content("part")], nowMillis: 1100)), [])
        XCTAssertEqual(reduce(&state, .keyPressed(.escape, stamp(1200))), [.cancelStream(id), .saveMessage(savedReply(state, sent), sessionID: "S1")])
        XCTAssertEqual(state.conversation.messages.last?.status, .interrupted)
        let retried = startedStream(apply(&state, [.keyPressed(.control("r"), stamp(2000, "R"))]))
        XCTAssertEqual(retried?.1.messages, [ChatMessage(role: .user, content: "q")], "the stopped reply is not part of the retry")

        var loaded = AppState(profile: premProfile)
        XCTAssertEqual(reduce(&loaded, .conversationLoaded(sessionID: "old", window: .whole([
            Message(id: "u", role: .user, content: "no reply yet", createdAtMillis: 1),
        ]), parameters: nil)), [])
        let effects = apply(&loaded, [.keyPressed(.control("r"), stamp(10, "R"))])
        XCTAssertEqual(startedStream(effects)?.1.messages, [ChatMessage(role: .user, content: "no reply yet")])
        XCTAssertEqual(startedStream(effects)?.1.sessionID, "old")
    }

    func testRetryIsRefusedWithAReason() {
        var empty = AppState(profile: premProfile)
        XCTAssertEqual(apply(&empty, [.keyPressed(.control("r"), stamp(0))]), [])
        XCTAssertEqual(empty.status.notice, "Nothing to retry: send a message first.")

        var (streaming, _) = sentState()
        XCTAssertEqual(apply(&streaming, [.keyPressed(.control("r"), stamp(0))]), [])
        XCTAssertEqual(streaming.status.notice?.contains("still streaming"), true)

        var complete = savedParametersState()
        XCTAssertEqual(apply(&complete, [.keyPressed(.control("r"), stamp(0))]), [])
        XCTAssertEqual(complete.status.notice?.contains("complete"), true)
    }

    func testHistorySendsOnlyTheLastReplyThatDidNotFailPerTurn() {
        let m = { (id: String, role: ChatRole, text: String, status: MessageStatus) in
            Message(id: id, role: role, content: text, createdAtMillis: 0, status: status)
        }
        let history = requestHistory([
            m("1", .user, "U1", .complete),
            m("2", .assistant, "broken", .failed),
            m("3", .assistant, "stopped early", .interrupted),
            m("4", .assistant, "", .failed),
            m("5", .user, "U2", .complete),
            m("6", .assistant, "first try", .complete),
            m("7", .assistant, "cut", .failed),
            m("8", .assistant, "second try", .complete),
            m("9", .assistant, "late failure", .failed),
            m("10", .user, "U3", .complete),
            m("11", .assistant, "", .interrupted),
            m("12", .user, "U4", .complete),
            m("13", .assistant, "after the last question", .complete),
        ])
        XCTAssertEqual(history, [
            ChatMessage(role: .user, content: "U1"), ChatMessage(role: .assistant, content: "stopped early"),
            ChatMessage(role: .user, content: "U2"), ChatMessage(role: .assistant, content: "second try"),
            ChatMessage(role: .user, content: "U3"),
            ChatMessage(role: .user, content: "U4"),
        ])
    }

    /// A reply's calls go only with their results: a call left without one (chatterm quit while
    /// it ran; the user wrote instead) is dropped, and a reply left with neither text nor
    /// answered calls is not sent, so the server never sees tool_calls it would refuse.
    func testHistorySendsACallOnlyWithItsResult() {
        func reply(_ id: String, _ text: String, _ callIDs: [String]) -> Message {
            var message = Message(id: id, role: .assistant, content: text, createdAtMillis: 0, status: .complete)
            message.toolCalls = callIDs.enumerated().map { ToolCall(index: $0.offset, id: $0.element, name: "t__echo", arguments: "{}") }
            return message
        }
        func result(_ id: String, _ callID: String) -> Message {
            var message = Message(id: id, role: .tool, content: "ok", createdAtMillis: 0, status: .complete)
            message.toolCallID = callID
            return message
        }
        let user = { (id: String) in Message(id: id, role: .user, content: "U" + id, createdAtMillis: 0, status: .complete) }
        let history = requestHistory([
            user("1"), reply("2", "", ["a"]),
            user("3"), reply("4", "Let me look.", ["b", "c"]), result("5", "c"),
            user("6"),
        ])
        let kept = ToolCall(index: 1, id: "c", name: "t__echo", arguments: "{}")
        XCTAssertEqual(history, [
            ChatMessage(role: .user, content: "U1"),
            ChatMessage(role: .user, content: "U3"),
            ChatMessage(role: .assistant, content: "Let me look.", toolCalls: [kept]),
            ChatMessage(role: .tool, content: "ok", toolCallID: "c"),
            ChatMessage(role: .user, content: "U6"),
        ])
    }
}

final class StreamStatsTests: XCTestCase {
    /// The save a second of streaming owes: the reply as it stands, still streaming, without
    /// its request (the save at the send stored that).
    private func streamingSave(_ state: AppState) -> [Effect] {
        guard let active = state.streaming.active else { return [] }
        var reply = active.reply
        reply.request = nil
        return [.saveMessage(reply, sessionID: active.sessionID)]
    }

    func testStatsOnDoneWithoutUsageCountDeltas() {
        var (state, id) = sentState()
        let sent = state.streaming.active?.reply.request
        XCTAssertEqual(reduce(&state, .streamReceived(id, [.content("a")], nowMillis: 1300)), [])
        XCTAssertEqual(reduce(&state, .streamReceived(id, [.content("b"), .content("c"), .content("d")], nowMillis: 2000)), streamingSave(state))
        XCTAssertEqual(state.streaming.active?.reply.content, "abcd", "a second after the last save: saved as it stands")
        XCTAssertEqual(reduce(&state, .streamReceived(id, [.done(StreamCompletion())], nowMillis: 3300)), [.saveMessage(savedReply(state, sent), sessionID: "S1")])
        let stats = state.conversation.messages.last?.stats
        XCTAssertEqual(stats, ReplyStats(timeToFirstTokenMillis: 300, totalMillis: 2300, deltaCount: 4, streamingMillis: 2000))
        XCTAssertEqual(stats?.tokensPerSecond, 2.0)
    }

    func testStatsUseTheServersUsageWhenGiven() {
        var (state, id) = sentState()
        let sent = state.streaming.active?.reply.request
        XCTAssertEqual(reduce(&state, .streamReceived(id, [.content("x")], nowMillis: 1500)), [])
        XCTAssertEqual(reduce(&state, .streamReceived(
            id, [.usage(TokenUsage(promptTokens: 12, completionTokens: 40)), .usage(TokenUsage(totalTokens: 52))], nowMillis: 2400)), streamingSave(state))
        XCTAssertEqual(reduce(&state, .streamReceived(id, [.done(StreamCompletion())], nowMillis: 2500)), [.saveMessage(savedReply(state, sent), sessionID: "S1")])
        let stats = state.conversation.messages.last?.stats
        XCTAssertEqual(stats?.promptTokens, 12)
        XCTAssertEqual(stats?.completionTokens, 40, "a later usage keeps what it leaves out")
        XCTAssertEqual(stats?.tokensPerSecond, 40.0, "40 tokens over the second from first token to end")
    }

    func testTimeToFirstTokenCountsFromTheLastAttempt() {
        var (state, id) = sentState()
        let sent = state.streaming.active?.reply.request
        let reason = APIError(status: 503, message: "busy")
        XCTAssertEqual(reduce(&state, .streamRetrying(id, RetryNotice(attempt: 1, maxAttempts: 3, delayMillis: 400, fromRetryAfter: false, reason: reason), nowMillis: 1100)), [])
        XCTAssertEqual(state.streaming.active?.pendingRetry, PendingRetry(notice: RetryNotice(attempt: 1, maxAttempts: 3, delayMillis: 400, fromRetryAfter: false, reason: reason), announcedAtMillis: 1100))
        XCTAssertEqual(state.streaming.active?.attemptStartedAtMillis, 1500)
        XCTAssertEqual(state.streaming.active?.lastActivityAtMillis, 1500, "the wait is not 'no data'")
        XCTAssertEqual(reduce(&state, .streamRetrying(id, RetryNotice(attempt: 2, maxAttempts: 3, delayMillis: 1000, fromRetryAfter: true, reason: reason), nowMillis: 1600)), [])
        XCTAssertEqual(state.streaming.active?.retryCount, 2)
        XCTAssertEqual(reduce(&state, .streamHeartbeat(id, nowMillis: 2700)), [])
        XCTAssertNil(state.streaming.active?.pendingRetry, "bytes arrived: the retry has started")
        XCTAssertEqual(reduce(&state, .streamReceived(id, [.content("hi")], nowMillis: 2900)), streamingSave(state))
        XCTAssertEqual(reduce(&state, .streamReceived(id, [.done(StreamCompletion())], nowMillis: 3900)), [.saveMessage(savedReply(state, sent), sessionID: "S1")])
        XCTAssertEqual(state.conversation.messages.last?.stats, ReplyStats(
            timeToFirstTokenMillis: 300, totalMillis: 2900, deltaCount: 1, retries: 2, streamingMillis: 1000))
    }

    func testStatsOnCancelErrorAndDrop() {
        var (cancelled, id) = sentState()
        let sent = cancelled.streaming.active?.reply.request
        XCTAssertEqual(reduce(&cancelled, .streamReceived(id, [.content("a")], nowMillis: 1200)), [])
        XCTAssertEqual(reduce(&cancelled, .keyPressed(.escape, stamp(1700))), [.cancelStream(id), .saveMessage(savedReply(cancelled, sent), sessionID: "S1")])
        XCTAssertEqual(cancelled.conversation.messages.last?.stats, ReplyStats(timeToFirstTokenMillis: 200, totalMillis: 700, deltaCount: 1, streamingMillis: 500))

        var (failed, id2) = sentState()
        XCTAssertEqual(reduce(&failed, .streamReceived(id2, [.error(APIError(message: "x"))], nowMillis: 1400)), [.saveMessage(savedReply(failed, sent), sessionID: "S1")])
        XCTAssertEqual(failed.conversation.messages.last?.stats, ReplyStats(timeToFirstTokenMillis: nil, totalMillis: 400, deltaCount: 0))
        XCTAssertNil(failed.conversation.messages.last?.stats?.tokensPerSecond)

        var (dropped, id3) = sentState()
        XCTAssertEqual(reduce(&dropped, .streamRetrying(
            id3, RetryNotice(attempt: 1, maxAttempts: 1, delayMillis: 50, fromRetryAfter: false, reason: APIError(message: "refused")), nowMillis: 1010)), [])
        XCTAssertEqual(reduce(&dropped, .streamClosed(id3, failure: APIError(message: "refused"), nowMillis: 1600)), [.saveMessage(savedReply(dropped, sent), sessionID: "S1")])
        XCTAssertEqual(dropped.conversation.messages.last?.stats, ReplyStats(timeToFirstTokenMillis: nil, totalMillis: 600, deltaCount: 0, retries: 1))
    }

    func testActivityIsTrackedAndEventsClearAPendingRetry() {
        var (state, id) = sentState()
        XCTAssertEqual(state.streaming.active?.lastActivityAtMillis, 1000, "set at send")
        XCTAssertEqual(reduce(&state, .streamHeartbeat(id, nowMillis: 4000)), [])
        XCTAssertEqual(state.streaming.active?.lastActivityAtMillis, 4000)
        XCTAssertEqual(reduce(&state, .streamRetrying(
            id, RetryNotice(attempt: 1, maxAttempts: 2, delayMillis: 100, fromRetryAfter: false, reason: APIError(message: "x")), nowMillis: 4100)), [])
        XCTAssertEqual(reduce(&state, .streamReceived(id, [.model("m")], nowMillis: 4300)), [], "no text arrived: nothing to save")
        XCTAssertNil(state.streaming.active?.pendingRetry)
        XCTAssertEqual(state.streaming.active?.lastActivityAtMillis, 4300)
        XCTAssertEqual(state.streaming.active?.stats(atMillis: 5300).totalMillis, 4300, "live figures for the status line")
        // Actions of another request change nothing and return nothing.
        let before = state
        XCTAssertEqual(reduce(&state, .streamHeartbeat(RequestID(99), nowMillis: 9000)), [])
        XCTAssertEqual(reduce(&state, .streamRetrying(
            RequestID(99), RetryNotice(attempt: 1, maxAttempts: 1, delayMillis: 1, fromRetryAfter: false, reason: APIError(message: "x")), nowMillis: 9000)), [])
        XCTAssertEqual(state, before)
    }

    func testRatesNeedATenthOfASecond() {
        XCTAssertNil(ReplyStats(timeToFirstTokenMillis: 10, totalMillis: 50, deltaCount: 5, streamingMillis: 40).tokensPerSecond)
        XCTAssertEqual(ReplyStats(timeToFirstTokenMillis: 100, totalMillis: 600, deltaCount: 10).tokensPerSecond, 20,
                       "stats stored before streamingMillis existed fall back to total minus TTFT")
    }
}
