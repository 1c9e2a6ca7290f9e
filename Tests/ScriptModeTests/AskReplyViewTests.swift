import ChatCore
import ScriptMode
import StreamProtocol
import XCTest

/// `ask` reads its reply from the reducer's state: the stream while it runs, the message once
/// it ended; and prints only what changed in it.
final class AskReplyViewTests: XCTestCase {
    private let profile = Profile(name: "t", baseURL: "http://127.0.0.1:1", dialect: .openai, projectID: nil, defaultModel: "asked")

    private func sent() -> (AppState, RequestID, String) {
        var state = AppState(profile: profile)
        _ = reduce(&state, .textPasted("hi"))
        let effects = reduce(&state, .commandInvoked(.send, Stamp(nowMillis: 1000, freshID: "f", random: 1)))
        var id = RequestID(0)
        for case let .startStream(started, _) in effects { id = started }
        return (state, id, state.streaming.active?.reply.id ?? "")
    }

    func testWhileItStreamsTheViewIsTheStreamsAndNamesOnlyTheModelTheServerAnnounced() throws {
        var (state, id, replyID) = sent()
        XCTAssertNil(try XCTUnwrap(AskReplyView.of(replyID: replyID, in: &state)).model, "the model asked for is not announced")
        _ = reduce(&state, .streamReceived(id, [.model("served"), .content("Hel"), .reasoning("r")], nowMillis: 1100))
        _ = reduce(&state, .streamReceived(id, [.skipped("one"), .skipped("two"), .usage(TokenUsage(totalTokens: 4))], nowMillis: 1200))
        let view = try XCTUnwrap(AskReplyView.of(replyID: replyID, in: &state))
        XCTAssertEqual(view.content, "Hel")
        XCTAssertEqual(view.reasoning, "r")
        XCTAssertEqual(view.model, "served")
        XCTAssertEqual(view.skippedEvents, 2)
        XCTAssertEqual(view.lastSkipped, "two")
        XCTAssertEqual(view.usage, TokenUsage(totalTokens: 4))
        XCTAssertNil(view.ending)
    }

    func testOnceItEndedTheViewIsTheConversationsMessage() throws {
        var (state, id, replyID) = sent()
        _ = reduce(&state, .streamReceived(id, [.content("done text"), .done(StreamCompletion(traceID: "t1"))], nowMillis: 1100))
        XCTAssertNil(state.streaming.active)
        let view = try XCTUnwrap(AskReplyView.of(replyID: replyID, in: &state))
        XCTAssertEqual(view.content, "done text")
        XCTAssertEqual(view.ending, .done(StreamCompletion(traceID: "t1")))

        var (failing, failingID, failingReply) = sent()
        _ = reduce(&failing, .streamReceived(failingID, [.error(APIError(code: "x", message: "broke"))], nowMillis: 1100))
        XCTAssertEqual(AskReplyView.of(replyID: failingReply, in: &failing)?.ending, .failed(APIError(code: "x", message: "broke")))
        XCTAssertNil(AskReplyView.of(replyID: "someone-else", in: &failing))
    }

    /// Each skipped event is a line of its own in `--json`, with its own text (the state keeps
    /// the newest, and the runner shows the state after every event).
    func testEverySkippedEventIsItsOwnJSONLine() {
        var json = StreamedOutput(format: .json, dialect: .openai)
        XCTAssertEqual(json.receive([.skipped("{one"), .content("a"), .skipped("{two")]).stdout, """
            {"type":"skipped","data":"{one"}
            {"type":"delta","text":"a"}
            {"type":"skipped","data":"{two"}

            """)
    }

    /// Text appended after a combining mark: what is new is cut by bytes, not by characters
    /// (the mark joins the character before it).
    func testNewTextIsCutByBytesSoACombiningMarkIsNotLost() {
        var text = StreamedOutput(format: .text(raw: true), dialect: .openai)
        XCTAssertEqual(text.receive([.content("e")]).stdout, "e")
        XCTAssertEqual(text.receive([.content("\u{301}x")]).stdout, "\u{301}x")
    }

    func testAViewShownTwiceWritesNothingTheSecondTime() {
        var output = AskOutput(format: .json, dialect: .openai)
        let view = AskReplyView(content: "abc", reasoning: "r", skippedEvents: 1, lastSkipped: "s")
        XCTAssertEqual(output.show(view).stdout.split(separator: "\n").count, 3)
        XCTAssertEqual(output.show(view), AskOutput.Writes())
    }
}

/// Text mode reduces a network read's events at once: the bytes are the same as event by event.
final class AskTextBatchTests: XCTestCase {
    func testTextIsTheSameBytesWhetherEventsComeTogetherOrOneByOne() {
        let events: [StreamEvent] = [
            .content("a\u{1B}["), .skipped("{first\u{1B}[2J"), .content("31mb\n"), .skipped("second"), .content("c"),
            .done(StreamCompletion()), .content("late"),
        ]
        var together = StreamedOutput(format: .text(raw: false), dialect: .openai)
        var apart = StreamedOutput(format: .text(raw: false), dialect: .openai)
        let all = together.receive(events)
        var pieces = AskOutput.Writes()
        for event in events { pieces.append(apart.receive([event])) }
        XCTAssertEqual(all, pieces)
        XCTAssertEqual(all, AskOutput.Writes(stdout: "ab\nc", stderr: "chatterm: skipped a stream event that was not JSON: {first\n"))
        XCTAssertEqual(together.finish(failure: nil, interrupted: false, stored: nil).0,
                       apart.finish(failure: nil, interrupted: false, stored: nil).0)
    }
}
