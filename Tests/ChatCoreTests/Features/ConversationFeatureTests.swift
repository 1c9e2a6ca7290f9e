@testable import ChatCore
import XCTest

/// The conversation feature's reducer on its own state: what a measured frame does to the
/// scroll and to a long session's window.
final class ConversationFeatureTests: XCTestCase {
    private func messages(_ ids: [String]) -> [Message] {
        ids.enumerated().map { Message(id: $1, role: $0 % 2 == 0 ? .user : .assistant, content: $1, createdAtMillis: Int64($0)) }
    }

    func testAnAnchoredScrollBecomesARowAndTheTopOfTheWindowReadsTheEarlierPage() {
        var state = ConversationState()
        state.activeSessionID = "S"
        state.activeSessionSaved = true
        state.messages = messages(["m1", "m2", "m3"])
        state.window = ConversationWindow(earlierCount: 40)
        state.scroll.position = .anchor(.messageRow(messageID: "m1", rowInMessage: 0))
        let store = TestStore(state, reducer: reduceConversation)
        let metrics = ScrollMetrics(totalRows: 60, viewportRows: 20, firstVisibleRow: 3, topMessageID: "m1", rowInTopMessage: 3)
        store.send(.measured(metrics), returns: [.loadMessages(sessionID: "S", .before(messageID: "m1"))]) {
            $0.scroll.metrics = metrics
            $0.scroll.position = .row(3)
            $0.window.pendingLoad = .before(messageID: "m1")
        }
        // One read at a time: the next frame asks for nothing while it is out.
        store.send(.measured(metrics), returns: []) {
            $0.scroll.position = .row(3)
        }
    }

    func testScrolledBackToTheBottomOfAWholeSessionFollowsAgain() {
        var state = ConversationState()
        state.activeSessionID = "S"
        state.messages = messages(["m1", "m2"])
        state.scroll.position = .row(10)
        let store = TestStore(state, reducer: reduceConversation)
        let metrics = ScrollMetrics(totalRows: 30, viewportRows: 20, firstVisibleRow: 10)
        store.send(.measured(metrics), returns: []) {
            $0.scroll.metrics = metrics
            $0.scroll.position = .end
        }
        store.inspect { XCTAssertEqual($0.firstVisibleRow, 10) }
    }

    /// The pane's own keys act on its state alone; what is not its own comes back as a
    /// delegate (the display toggles) or a shared request (the focus).
    func testThePanesKeysReturnWhatTheRootMustDo() {
        let context = AppState(profile: premProfile).context
        var state = ConversationState()
        state.messages = messages(["m1", "m2"])
        state.scroll.metrics = ScrollMetrics(totalRows: 100, viewportRows: 21, firstVisibleRow: 79)
        XCTAssertEqual(state.perform(.scrollPageUp, shownReply: nil, context), Reduced())
        XCTAssertEqual(state.scroll.position, .row(59))  // a page is the rows shown less one
        XCTAssertEqual(state.perform(.toggleDetails, shownReply: nil, context), Reduced(delegates: [.toggleDetails]))
        XCTAssertEqual(state.perform(.searchConversation, shownReply: nil, context), Reduced(shared: [.focus(.conversation)]))
        XCTAssertEqual(state.search, ConversationSearch())
        XCTAssertNil(state.perform(.send, shownReply: nil, context), "not the pane's: the key goes on")
    }

    /// A hit opened into a session held as a window asks the store for every match.
    func testOpeningAtAHitOfALongSessionSearchesItWhole() {
        var state = ConversationState()
        state.opened(sessionID: "S", window: MessageWindow(messages: messages(["m1", "m2"]), earlierCount: 9), inFlightID: nil)
        var search = ConversationSearch()
        search.query = TextInput(text: "m1")
        search.editing = false
        state.search = search
        let reduced = state.openedAtHit(messageID: "m1", shownReply: nil)
        XCTAssertEqual(reduced.effects, [.searchConversation(sessionID: "S", query: "m1")])
        XCTAssertEqual(state.cursor, "m1")
        XCTAssertEqual(state.scroll.position, .anchor(.revealing(messageID: "m1")))
    }

    /// An anchor stands where the last frame drew until the next frame resolves it.
    func testAnAnchorsTopRowIsTheRowLastDrawn() {
        let metrics = ScrollMetrics(totalRows: 50, viewportRows: 10, firstVisibleRow: 7)
        XCTAssertEqual(ConversationScroll(position: .anchor(.revealing(messageID: "m")), metrics: metrics).topRow, 7)
        XCTAssertEqual(ConversationScroll(position: .end, metrics: metrics).topRow, 40)
        XCTAssertEqual(ScrollState(position: .row(99), metrics: metrics).topRow, 40)
    }
}
