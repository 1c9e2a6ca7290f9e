import XCTest
@testable import ChatCore
import StreamProtocol

/// The tester's fault: Ctrl+R on a stopped reply put the new reply after it on the path, so
/// the pane showed two replies in a row while the next request carried only the new one. A
/// retried reply (stopped or failed) is a new version of the reply it retries, as `r`'s is:
/// the path on screen and the request agree, and `[` reaches the old one.
final class RetryMakesAVersionTests: XCTestCase {
    /// Given: "q" sent in a new session (S1, at 1000), a part of its reply streamed, then the
    /// reply stopped (Esc) or failed.
    private func givenAnEndedReply(failed: Bool) -> AppState {
        var (state, id) = sentState("q")
        let sent = state.streaming.active?.reply.request
        XCTAssertEqual(reduce(&state, .streamReceived(id, [.content("part")], nowMillis: 1100)), [])
        if failed {
            XCTAssertEqual(reduce(&state, .streamClosed(id, failure: APIError(message: "dropped"), nowMillis: 1200)),
                           [.saveMessage(savedReply(state, sent), sessionID: "S1")])
        } else {
            XCTAssertEqual(reduce(&state, .keyPressed(.escape, stamp(1200))),
                           [.cancelStream(id), .saveMessage(savedReply(state, sent), sessionID: "S1")])
        }
        return state
    }

    /// What Ctrl+R at 2000 (fresh id "R") sends: the same history as the first request ("q"
    /// alone), the new reply placed beside the old one as its second version.
    private func retriedReply(beside old: Message) -> Message {
        var expected = ExpectedSend(text: "q", id: "S1", now: 2000)
        expected.freshID = "R"
        var reply = expected.reply
        reply.request = ExpectedSend(text: "q", id: "S1", now: 1000).sent
        reply.placement = .besideMessage(old.id)
        reply.branch = BranchPosition(index: 2, count: 2, firstParameters: old.parameters)
        return reply
    }

    private func checkRetryMakesAVersion(failed: Bool, file: StaticString = #filePath, line: UInt = #line) {
        let store = TestStore(givenAnEndedReply(failed: failed))
        guard let old = store.state.conversation.messages.last else { return XCTFail("no reply", file: file, line: line) }
        XCTAssertEqual(old.status, failed ? .failed : .interrupted, file: file, line: line)
        let reply = retriedReply(beside: old)
        let request = ExpectedSend(text: "q", id: "S1", now: 1000).request
        store.send(.keyPressed(.control("r"), stamp(2000, "R")), effects: [
            .saveMessage(reply, sessionID: "S1"), .startStream(RequestID(2), request),
        ], {
            $0.status.nowMillis = 2000
            $0.sessions.list[0].updatedAtMillis = 2000
            // The old reply leaves the path (it stays in the store, version 1 of 2).
            $0.conversation.messages = [ExpectedSend(text: "q", id: "S1", now: 1000).userMessage]
            $0.conversation.cursor = nil
            $0.conversation.scroll.position = .end
            $0.streaming.nextRequestNumber = 3
            $0.streaming.lastOutcome = nil
            $0.streaming.active = ActiveStream(RequestID(2), sessionID: "S1", reply: reply, now: 2000)
        }, file: file, line: line)

        // The retried reply ends: the path on screen is the question and it, marked 2 of 2.
        var state = store.state
        XCTAssertEqual(reduce(&state, .streamReceived(RequestID(2), [.content("full answer"), .done(StreamCompletion())], nowMillis: 2500)).count,
                       1, "its final save", file: file, line: line)
        XCTAssertEqual(state.visibleMessages.map(\.content), ["q", "full answer"], file: file, line: line)
        XCTAssertEqual(state.visibleMessages.last?.branch, BranchPosition(index: 2, count: 2, firstParameters: old.parameters),
                       file: file, line: line)
        // The next request carries exactly that path.
        XCTAssertEqual(apply(&state, typing("next", at: 3000)), [], file: file, line: line)
        let effects = reduce(&state, .keyPressed(.enter, stamp(3000, "N")))
        guard case let .startStream(_, next)? = effects.last else { return XCTFail("no request: \(effects)", file: file, line: line) }
        XCTAssertEqual(next.messages.map(\.content), ["q", "full answer", "next"], file: file, line: line)
        // `[` on the retried reply reaches the old one.
        var stepping = store.state
        XCTAssertEqual(reduce(&stepping, .streamReceived(RequestID(2), [.done(StreamCompletion())], nowMillis: 2500)).count, 1,
                       file: file, line: line)
        XCTAssertEqual(apply(&stepping, [.keyPressed(.alt("2"), stamp(2600)), .keyPressed(.character("["), stamp(2600))]),
                       [.switchBranch(sessionID: "S1", fromMessageID: "R-a", step: -1)], file: file, line: line)
    }

    func testRetryingAStoppedReplyMakesItsSecondVersion() {
        checkRetryMakesAVersion(failed: false)
    }

    /// A failed reply's retry does the same: the two are one rule.
    func testRetryingAFailedReplyMakesItsSecondVersion() {
        checkRetryMakesAVersion(failed: true)
    }
}
