import XCTest
@testable import ChatCore
import StreamProtocol

/// A long session held as a window of its messages: pages read near the edges, anchored so the
/// view does not jump, Home and End, and sends that carry the whole history all the same.
final class HistoryWindowTests: XCTestCase {
    private func message(_ index: Int) -> Message {
        Message(id: "m\(index)", role: index % 2 == 0 ? .user : .assistant, content: "text \(index)", createdAtMillis: Int64(index))
    }

    private func messages(_ range: Range<Int>) -> [Message] { range.map(message) }

    /// Session "s" opened on its newest 200 of 1,000 messages, measured at 20 rows a screen,
    /// 3 rows a message (the bottom of the window in view). Setup only: the opening itself is
    /// asserted by testOpeningKeepsOnlyTheNewestPageAndItsCounts.
    private func givenALongSessionOpen() -> AppState {
        var state = AppState(profile: premProfile)
        apply(&state, [
            .conversationLoaded(
                sessionID: "s", window: MessageWindow(messages: messages(800..<1000), earlierCount: 800), parameters: nil),
        ])
        return state
    }

    private func measured(top: Int, total: Int = 600, _ state: AppState) -> ScrollMetrics {
        let index = top / 3
        return ScrollMetrics(
            totalRows: total, viewportRows: 20, firstVisibleRow: top, topMessageID: state.conversation.messages[index].id,
            rowInTopMessage: top % 3)
    }

    func testOpeningKeepsOnlyTheNewestPageAndItsCounts() {
        let state = givenALongSessionOpen()
        XCTAssertEqual(state.conversation.messages.count, 200)
        XCTAssertEqual(state.conversation.window, ConversationWindow(earlierCount: 800))
        XCTAssertEqual(state.conversation.scroll.position, .end)
    }

    func testScrollingNearTheTopReadsThePageBeforeOnceAndKeepsTheTopInPlace() {
        var state = givenALongSessionOpen()
        XCTAssertEqual(reduce(&state, .frameReported(.measuring(state, conversation: measured(top: 580, state)))), [], "far from the top: nothing to read")
        state.conversation.scroll.position = .row(10)
        let effects = reduce(&state, .frameReported(.measuring(state, conversation: measured(top: 10, state))))
        XCTAssertEqual(effects, [.loadMessages(sessionID: "s", .before(messageID: "m800"))])
        XCTAssertEqual(reduce(&state, .frameReported(.measuring(state, conversation: measured(top: 9, state)))), [], "one read at a time")

        let page = MessageWindow(messages: messages(600..<800), earlierCount: 600, laterCount: 200)
        XCTAssertEqual(reduce(&state, .messagesLoaded(sessionID: "s", position: .before(messageID: "m800"), window: page)), [])
        XCTAssertEqual(state.conversation.messages.map(\.id), (600..<1000).map { "m\($0)" })
        XCTAssertEqual(state.conversation.window, ConversationWindow(earlierCount: 600))
        // Row 9 was row 0 of m803; it stays on top until the next frame says where that is now.
        XCTAssertEqual(state.conversation.scroll.position, .anchor(.messageRow(messageID: "m803", rowInMessage: 0)))
        XCTAssertEqual(reduce(&state, .frameReported(.measuring(state, conversation: ScrollMetrics(totalRows: 1200, viewportRows: 20, firstVisibleRow: 609)))), [])
        XCTAssertEqual(state.conversation.scroll.position, .row(609))
    }

    func testTheWindowNeverHoldsMoreThanItsLimit() {
        var state = givenALongSessionOpen()
        state.conversation.scroll.position = .row(0)
        for start in stride(from: 600, through: 0, by: -200) {
            let effects = reduce(&state, .frameReported(.measuring(state, conversation: measured(top: 0, state))))
            guard case let .loadMessages(_, position)? = effects.first else { return XCTFail("no read at \(start)") }
            let page = MessageWindow(messages: messages(start..<(start + 200)), earlierCount: start)
            XCTAssertEqual(reduce(&state, .messagesLoaded(sessionID: "s", position: position, window: page)), [])
        }
        XCTAssertEqual(state.conversation.messages.count, ConversationWindow.maximumHeld)
        XCTAssertEqual(state.conversation.messages.first?.id, "m0")
        XCTAssertEqual(state.conversation.messages.last?.id, "m599")
        XCTAssertEqual(state.conversation.window, ConversationWindow(earlierCount: 0, laterCount: 400))
        // At the top of the session there is nothing more to read above.
        XCTAssertEqual(reduce(&state, .frameReported(.measuring(state, conversation: measured(top: 0, total: 1800, state)))), [])
        // Near the bottom of the window, the page after it.
        state.conversation.scroll.position = .row(1770)
        XCTAssertEqual(
            reduce(&state, .frameReported(.measuring(state, conversation: measured(top: 1770, total: 1800, state)))),
            [.loadMessages(sessionID: "s", .after(messageID: "m599"))])
    }

    func testStaleAndMismatchedPagesAreDropped() {
        var state = givenALongSessionOpen()
        state.conversation.scroll.position = .row(0)
        XCTAssertEqual(reduce(&state, .frameReported(.measuring(state, conversation: measured(top: 0, state)))),
                       [.loadMessages(sessionID: "s", .before(messageID: "m800"))])
        let page = MessageWindow(messages: messages(600..<800), earlierCount: 600)
        // An answer for another session, or to a read not asked for, changes nothing.
        XCTAssertEqual(reduce(&state, .messagesLoaded(sessionID: "t", position: .before(messageID: "m800"), window: page)), [])
        XCTAssertEqual(reduce(&state, .messagesLoaded(sessionID: "s", position: .oldest, window: page)), [])
        XCTAssertEqual(state.conversation.messages.count, 200)
        // Home replaces the pending read: the answer to the old one is stale.
        state.screen.focus = .conversation
        let home = press(&state, .home)
        XCTAssertEqual(home, [.loadMessages(sessionID: "s", .oldest)])
        XCTAssertEqual(reduce(&state, .messagesLoaded(sessionID: "s", position: .before(messageID: "m800"), window: page)), [])
        XCTAssertEqual(state.conversation.messages.first?.id, "m800")
        XCTAssertEqual(reduce(&state, .messagesLoaded(sessionID: "s", position: .oldest, window: MessageWindow(messages: messages(0..<200), laterCount: 800))), [])
        XCTAssertEqual(state.conversation.messages.first?.id, "m0")
        XCTAssertEqual(state.conversation.scroll.position, .row(0))
        XCTAssertEqual(state.conversation.window, ConversationWindow(laterCount: 800))
    }

    func testHomeAndEndReadTheEnds() {
        var state = givenALongSessionOpen()
        state.screen.focus = .conversation
        XCTAssertEqual(reduce(&state, .frameReported(.measuring(state, conversation: measured(top: 580, state)))), [])
        XCTAssertEqual(press(&state, .home), [.loadMessages(sessionID: "s", .oldest)])
        XCTAssertEqual(reduce(&state, .messagesLoaded(sessionID: "s", position: .oldest, window: MessageWindow(messages: messages(0..<200), laterCount: 800))), [])
        // At the window's bottom with more below: not following (the tail is not here).
        XCTAssertEqual(reduce(&state, .frameReported(.measuring(
            state, conversation: ScrollMetrics(totalRows: 600, viewportRows: 20, firstVisibleRow: 0, topMessageID: "m0")))), [])
        XCTAssertEqual(press(&state, .end), [.loadMessages(sessionID: "s", .newest)])
        XCTAssertEqual(state.conversation.scroll.position, .end)
        XCTAssertEqual(reduce(&state, .messagesLoaded(sessionID: "s", position: .newest, window: MessageWindow(messages: messages(800..<1000), earlierCount: 800))), [])
        XCTAssertEqual(state.conversation.messages.last?.id, "m999")
        XCTAssertEqual(state.conversation.window, ConversationWindow(earlierCount: 800))
    }

    func testASendInALongSessionWaitsForTheWholeHistory() {
        var state = givenALongSessionOpen()
        XCTAssertEqual(reduce(&state, .textPasted("next question")), [])
        let effects = reduce(&state, .commandInvoked(.send, stamp(5000, "T")))
        let user = Message(id: "T-u", role: .user, content: "next question", createdAtMillis: 5000)
        XCTAssertEqual(effects, [.saveMessage(user, sessionID: "s"), .loadRequestHistory(sessionID: "s")])
        XCTAssertEqual(state.streaming.pendingSend, PendingSend(sessionID: "s", stamp: stamp(5000, "T")))
        XCTAssertTrue(state.isStreaming)
        XCTAssertEqual(reduce(&state, .textPasted("another")), [])
        XCTAssertEqual(reduce(&state, .commandInvoked(.send, stamp(5001, "U"))), [], "one send at a time")

        let history = messages(0..<1000) + [user]
        let started = reduce(&state, .requestHistoryLoaded(sessionID: "s", messages: history))
        guard case let .startStream(_, request)? = started.last else { return XCTFail("no request: \(started)") }
        XCTAssertEqual(request.messages.count, 1001, "the whole session, not the window")
        XCTAssertEqual(request.messages.first, ChatMessage(role: .user, content: "text 0"))
        XCTAssertEqual(request.messages.last, ChatMessage(role: .user, content: "next question"))
        XCTAssertNil(state.streaming.pendingSend)
        XCTAssertEqual(state.streaming.active?.reply.id, "T-a", "the reply keeps the send's stamp")
        XCTAssertEqual(state.streaming.active?.reply.createdAtMillis, 5000)
    }

    func testCancellingAWaitingSendAndAnswersForAnotherSession() {
        var state = givenALongSessionOpen()
        XCTAssertEqual(reduce(&state, .textPasted("q")), [])
        XCTAssertEqual(reduce(&state, .commandInvoked(.send, stamp(5000, "T"))), [
            .saveMessage(Message(id: "T-u", role: .user, content: "q", createdAtMillis: 5000), sessionID: "s"), .loadRequestHistory(sessionID: "s"),
        ])
        XCTAssertEqual(reduce(&state, .commandInvoked(.cancel, stamp(5001))), [])
        XCTAssertNil(state.streaming.pendingSend)
        XCTAssertEqual(state.streaming.lastOutcome, .interrupted)
        XCTAssertEqual(reduce(&state, .requestHistoryLoaded(sessionID: "s", messages: messages(0..<3))), [], "cancelled: stale")
        XCTAssertNil(state.streaming.active)
    }

    func testSendingWhileOlderMessagesAreShownStartsAgainAtTheEnd() {
        var state = givenALongSessionOpen()
        XCTAssertEqual(reduce(&state,
            .messagesLoaded(sessionID: "s", position: .oldest, window: MessageWindow(messages: messages(0..<200), laterCount: 800))), [])
        // (The load above was not asked for, so it was dropped; ask for it the way Home does.)
        state.screen.focus = .conversation
        XCTAssertEqual(reduce(&state, .keyPressed(.home, stamp(1))), [.loadMessages(sessionID: "s", .oldest)])
        XCTAssertEqual(reduce(&state, .messagesLoaded(sessionID: "s", position: .oldest, window: MessageWindow(messages: messages(0..<200), laterCount: 800))), [])
        XCTAssertEqual(state.conversation.window.laterCount, 800)
        XCTAssertEqual(reduce(&state, .textPasted("q")), [])
        XCTAssertEqual(reduce(&state, .commandInvoked(.send, stamp(5000, "T"))), [
            .saveMessage(Message(id: "T-u", role: .user, content: "q", createdAtMillis: 5000), sessionID: "s"), .loadRequestHistory(sessionID: "s"),
        ])
        XCTAssertEqual(state.conversation.messages.map(\.id), ["T-u"])
        XCTAssertEqual(state.conversation.window, ConversationWindow(earlierCount: 1000))
        XCTAssertEqual(state.conversation.scroll.position, .end)
        XCTAssertNotNil(state.streaming.pendingSend)
    }

    func testAReplyThatFinishesWhileOlderMessagesAreShownJoinsThoseBeyondTheWindow() {
        var (state, id) = sentState("hi")
        state.conversation.window = ConversationWindow(earlierCount: 0, laterCount: 5)
        let finished = reduce(&state, .streamReceived(id, [.content("ok"), .done(StreamCompletion())], nowMillis: 1100))
        guard case let .saveMessage(saved, "S1")? = finished.first, finished.count == 1 else { return XCTFail("\(finished)") }
        XCTAssertEqual(saved.content, "ok")
        XCTAssertEqual(saved.status, .complete)
        XCTAssertEqual(state.conversation.window.laterCount, 6)
        XCTAssertEqual(state.conversation.messages.map(\.role), [.user])
        XCTAssertNil(state.shownReply)
    }

    func testRetryNeedsTheLastTurnInView() {
        var state = givenALongSessionOpen()
        state.conversation.window.laterCount = 3
        XCTAssertEqual(reduce(&state, .keyPressed(.control("r"), stamp(1))), [])
        XCTAssertEqual(state.status.notice, "Retry works on the last turn: press End to show it first.")
    }
}
