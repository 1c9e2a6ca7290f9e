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
        state.scroll = .anchored(messageID: "m1", rowInMessage: 0)
        let store = TestStore(state, reducer: reduceConversation)
        let metrics = ScrollMetrics(totalRows: 60, viewportRows: 20, firstVisibleRow: 3, topMessageID: "m1", rowInTopMessage: 3)
        store.send(.measured(metrics), returns: [.loadMessages(sessionID: "S", .before(messageID: "m1"))]) {
            $0.metrics = metrics
            $0.scroll = .fixed(topRow: 3)
            $0.window.pendingLoad = .before(messageID: "m1")
        }
        // One read at a time: the next frame asks for nothing while it is out.
        store.send(.measured(metrics), returns: []) {
            $0.scroll = .fixed(topRow: 3)
        }
    }

    func testScrolledBackToTheBottomOfAWholeSessionFollowsAgain() {
        var state = ConversationState()
        state.activeSessionID = "S"
        state.messages = messages(["m1", "m2"])
        state.scroll = .fixed(topRow: 10)
        let store = TestStore(state, reducer: reduceConversation)
        let metrics = ScrollMetrics(totalRows: 30, viewportRows: 20, firstVisibleRow: 10)
        store.send(.measured(metrics), returns: []) {
            $0.metrics = metrics
            $0.scroll = .followingTail
        }
        store.inspect { XCTAssertEqual($0.firstVisibleRow, 10) }
    }
}
