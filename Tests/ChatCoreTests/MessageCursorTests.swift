import XCTest
@testable import ChatCore
import StreamProtocol

/// The message cursor (↑/↓ k/j) and what copies from it: `y` the message's text, `c` and a
/// digit one of its code blocks, `Y` the whole conversation as Markdown.
final class MessageCursorTests: XCTestCase {
    private func key(_ key: Key) -> Action { .keyPressed(key, stamp(0)) }

    func testUpAndDownMoveBetweenMessagesAndPastTheLastFollowAgain() {
        let store = TestStore(twoFinishedTurns().0)
        store.inspect {
            XCTAssertEqual($0.screen.focus, .conversation)
            XCTAssertNil($0.conversation.cursor, "nil: the last message, following")
        }
        func selects(_ id: String) -> (inout AppState) -> Void {
            { $0.conversation.cursor = id; $0.conversation.scroll.position = .anchor(.revealing(messageID: id)) }
        }
        store.send(key(.up), selects("S2-u"))
        store.send(key(.character("k")), selects("S1-a"))
        store.send(key(.character("k")), selects("S1-u"))
        store.send(key(.up))  // the first message stays selected
        store.send(key(.down), selects("S1-a"))
        store.send(key(.character("j")), selects("S2-u"))
        store.send(key(.down), selects("S2-a"))
        store.send(key(.down)) {
            $0.conversation.cursor = nil
            $0.conversation.scroll.position = .end
        }
    }

    func testTheFrameResolvesARevealIntoARow() {
        let store = TestStore(twoFinishedTurns().0)
        store.send(key(.up)) {
            $0.conversation.cursor = "S2-u"
            $0.conversation.scroll.position = .anchor(.revealing(messageID: "S2-u"))
        }
        let metrics = ScrollMetrics(totalRows: 40, viewportRows: 10, firstVisibleRow: 22)
        store.send(.frameReported(.measuring(store.state, conversation: metrics))) {
            $0.conversation.scroll.metrics = metrics
            $0.conversation.scroll.position = .row(22)
        }
    }

    func testYCopiesTheSelectedMessageExactly() {
        var (state, _) = twoFinishedTurns()
        XCTAssertEqual(press(&state, .character("y")), [.copyToClipboard("second")])
        XCTAssertEqual(state.status.notice, "Copied the reply (6 characters).")
        XCTAssertEqual(press(&state, .up), [])
        XCTAssertEqual(press(&state, .character("y")), [.copyToClipboard("two")])
        XCTAssertEqual(state.status.notice, "Copied your message (3 characters).")
    }

    func testCAndADigitCopiesThatCodeBlockByteForByte() {
        var (state, _) = twoFinishedTurns()
        let reply = "Two blocks:\n\n```swift\nlet a = 1\n\tlet b = \"\\t\"\n```\n\n- item\n\n  ```\n  nested\n  ```\n"
        state.conversation.messages[state.conversation.messages.count - 1].content = reply
        XCTAssertEqual(press(&state, .character("c")), [])
        XCTAssertTrue(state.destination == .codeBlockNumber)
        XCTAssertEqual(state.status.notice, "Copy code block: press its number (1–2).")
        XCTAssertEqual(press(&state, .character("1")), [.copyToClipboard("let a = 1\n\tlet b = \"\\t\"")])
        XCTAssertEqual(state.status.notice, "Copied code block 1 (swift), 23 characters, 2 lines.")
        XCTAssertEqual(press(&state, .character("c"), .character("2")), [.copyToClipboard("nested")])
        XCTAssertEqual(press(&state, .character("c"), .character("3")), [])
        XCTAssertEqual(state.status.notice, "There is no code block 3 (the message has 2).")
        // Another key cancels and then does its own job.
        XCTAssertEqual(press(&state, .character("c"), .up), [])
        XCTAssertFalse(state.destination == .codeBlockNumber)
        XCTAssertEqual(state.conversation.cursor, "S2-u")
        XCTAssertEqual(press(&state, .character("c")), [])
        XCTAssertEqual(state.status.notice, "The selected message has no code block.")
    }

    func testShiftYCopiesTheConversationAsMarkdown() {
        var (state, _) = twoFinishedTurns()
        let effects = press(&state, .character("Y"))
        XCTAssertEqual(effects, [.copyToClipboard(
            "## You\n\none\n\n## Assistant (local-echo)\n\nfirst\n\n## You\n\ntwo\n\n## Assistant (local-echo)\n\nsecond\n")])
        XCTAssertEqual(state.status.notice, "Copied the conversation as Markdown: 4 messages, 94 characters, 16 lines.")
    }

    func testShiftYInALongSessionReadsItWholeFirst() {
        var (state, _) = twoFinishedTurns()
        state.conversation.window = ConversationWindow(earlierCount: 10)
        XCTAssertEqual(press(&state, .character("Y")), [.loadRequestHistory(sessionID: "S1")])
        let older = Message(id: "old", role: .user, content: "zero", createdAtMillis: 1)
        let effects = reduce(&state, .requestHistoryLoaded(sessionID: "S1", messages: [older] + state.conversation.messages))
        guard case let .copyToClipboard(text)? = effects.first else { return XCTFail("\(effects)") }
        XCTAssertTrue(text.hasPrefix("## You\n\nzero\n\n## You\n\none"), text)
        XCTAssertFalse(state.conversation.pendingCopyAll)
    }

    func testFencesInAToolResultCannotCloseItsFence() {
        XCTAssertEqual(ConversationMarkdown.fenced("a ``` b", language: ""), "````\na ``` b\n````")
    }

    /// A cut-off reply says so in the Markdown (export, `sessions show`, `Y`), as the app marks it.
    func testARepliesEndingIsSaidUnlessItCompleted() {
        var cut = Message(id: "r1", role: .assistant, content: "Half a", createdAtMillis: 1)
        cut.status = .interrupted
        var failed = Message(id: "r2", role: .assistant, content: "", createdAtMillis: 2)
        failed.status = .failed
        failed.error = APIError(status: 500, code: "ServerError", message: "upstream failed")
        let whole = Message(id: "r3", role: .assistant, content: "Done.", createdAtMillis: 3)
        let text = ConversationMarkdown.text(of: [cut, failed, whole])
        XCTAssertTrue(text.contains("## Assistant\n\nHalf a\n\n*Interrupted: the reply above is incomplete.*"), text)
        XCTAssertTrue(text.contains("*Failed: "), text)
        XCTAssertTrue(text.contains("upstream failed"), text)
        XCTAssertTrue(text.hasSuffix("## Assistant\n\nDone.\n"), text)
    }
}
